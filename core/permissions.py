"""The permission matrix of the editorial roles, as data (used by migrations and at run time).

The matrix as a table, with the reasons, is in docs/editorial-workflow.md.
A leaf helper: it imports no page app, and anyone may import it.
"""

from wagtail.permission_policies import ModelPermissionPolicy

EDITORS = "编辑"
REVIEWERS = "审核"
CHIEF_EDITORS = "终审"
EDITORIAL_GROUPS = [EDITORS, REVIEWERS, CHIEF_EDITORS]

# Page permission types (Wagtail's add/change/lock/unlock/publish/bulk_delete) per group,
# granted on each section page (rumour column, video series, campaigns) and so on its subtree.
PAGE_PERMISSIONS = {
    EDITORS: ["add", "change", "lock"],
    REVIEWERS: [],
    CHIEF_EDITORS: ["add", "change", "lock", "unlock", "publish"],
}

# Collection permissions on the root collection: (app_label, model, [codename actions]).
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
    REVIEWERS: [
        ("wagtailimages", "image", ["choose"]),
        ("wagtaildocs", "document", ["choose"]),
    ],
    CHIEF_EDITORS: [
        ("wagtailimages", "image", ["add", "change", "delete", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
    ],
}

# Section page types the workflow and the page permissions are attached to.
SECTION_PAGE_TYPES = [
    ("debunk", "rebuttalindexpage"),
    ("video", "videoseriesindexpage"),
    ("campaigns", "campaignindexpage"),
]

# What each role may do, shown to its members on the admin dashboard (the matrix in words).
ROLE_HELP = {
    EDITORS: "编辑：在捉谣记、征视频、活动专区中新建和修改稿件，完成后「提交审核」；不能直接发布。",
    REVIEWERS: "审核：在「等待您审核」中打开稿件，逐条核对证据来源；核查清单满足后「核查通过」，"
    "否则「退回修改」并写明原因。",
    CHIEF_EDITORS: "终审：对已通过事实核查的稿件「签发」，签发即发布（或按定时发布）；"
    "可撤下已发布页面、解锁他人锁定的页面。",
}

# Who moderates public campaign submissions (and so sees their private contact details):
# model permission actions on campaigns.CampaignSubmission. Nobody adds one in the admin.
SUBMISSION_PERMISSIONS = {
    EDITORS: [],
    REVIEWERS: ["view", "change"],
    CHIEF_EDITORS: ["view", "change", "delete"],
}


class PublicOnlyPermissionPolicy(ModelPermissionPolicy):
    """For what the public sends (campaign submissions, reader tips): editors view, change and
    delete according to their model permissions, but nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)
