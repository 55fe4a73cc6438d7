"""The site shell's models, split by domain; import them from `cms.models`."""

from .campaigns import CampaignIndexPage
from .pages import HomePage, StandardPage
from .site import SiteSettings

__all__ = ["CampaignIndexPage", "HomePage", "SiteSettings", "StandardPage"]
