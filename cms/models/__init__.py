"""The project's own models: the home and standard pages, site settings and the review
workflow's tasks; import them from `cms.models`."""

from .pages import HomeFeaturedRebuttal, HomePage, StandardPage
from .site import SiteSettings
from .withdrawals import WithdrawalNotice
from .workflow import FactCheckRecord, FactCheckTask, SignOffTask

__all__ = [
    "FactCheckRecord",
    "FactCheckTask",
    "HomeFeaturedRebuttal",
    "HomePage",
    "SignOffTask",
    "SiteSettings",
    "StandardPage",
    "WithdrawalNotice",
]
