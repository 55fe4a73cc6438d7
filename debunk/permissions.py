"""Who may do what with reader tips, as data (used by the data migration and at run time).

Editors triage the inbox; reviewers read it; chief editors also delete. Informants (信息员)
never enter the Wagtail admin: their one permission lets them report on /tips/informant/.
"""

from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS

INFORMANTS = "信息员"
INFORMANT_PERMISSION = "debunk.report_as_informant"

# Model permission actions on debunk.Tip and debunk.InformantProfile per editorial group.
# Nobody adds a tip in the admin: tips come from the public form and the informants' page.
TIP_PERMISSIONS = {
    EDITORS: ["view", "change"],
    REVIEWERS: ["view"],
    CHIEF_EDITORS: ["view", "change", "delete"],
}
INFORMANT_PROFILE_PERMISSIONS = {
    EDITORS: ["view"],
    REVIEWERS: [],
    CHIEF_EDITORS: ["view", "add", "change", "delete"],
}
