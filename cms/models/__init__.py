"""The site shell's models, split by domain; import them from `cms.models`."""

from .campaigns import (
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
from .pages import HomePage, StandardPage
from .site import SiteSettings
from .submissions import CampaignSubmission, SubmissionStatus
from .workflow import FactCheckRecord, FactCheckTask, SignOffTask

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
    "FactCheckRecord",
    "FactCheckTask",
    "HomePage",
    "OrganiserRole",
    "SignOffTask",
    "SiteSettings",
    "StandardPage",
    "SubmissionStatus",
    "site_today",
    "status_on",
]
