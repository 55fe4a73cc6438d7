"""The permission matrix of the editorial roles, as data (used by migrations and at run time).

The matrix as a table, with the reasons, is in docs/editorial-workflow.md.
"""

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
    ("cms", "campaignindexpage"),
]
