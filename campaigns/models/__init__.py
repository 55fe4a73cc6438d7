"""Campaign pages (pages.py) and the public submissions they collect (submissions.py)."""

from .pages import (
    CampaignGalleryImage,
    CampaignIndexPage,
    CampaignOrganiser,
    CampaignPage,
    CampaignPostPage,
    CampaignRebuttal,
    CampaignStatus,
    CampaignVideo,
    OrganiserRole,
    site_today,
    status_on,
)
from .submissions import CampaignSubmission, SubmissionStatus

__all__ = [
    "CampaignGalleryImage",
    "CampaignIndexPage",
    "CampaignOrganiser",
    "CampaignPage",
    "CampaignPostPage",
    "CampaignRebuttal",
    "CampaignStatus",
    "CampaignSubmission",
    "CampaignVideo",
    "OrganiserRole",
    "SubmissionStatus",
    "site_today",
    "status_on",
]
