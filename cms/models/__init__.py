"""The site shell's models, split by domain; import them from `cms.models`."""

from .campaigns import CampaignIndexPage
from .pages import HomePage, StandardPage
from .site import SiteSettings
from .workflow import FactCheckRecord, FactCheckTask, SignOffTask

__all__ = [
    "CampaignIndexPage",
    "FactCheckRecord",
    "FactCheckTask",
    "HomePage",
    "SignOffTask",
    "SiteSettings",
    "StandardPage",
]
