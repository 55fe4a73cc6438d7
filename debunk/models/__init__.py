"""The rumour column's models: rebuttals and their column (rebuttals.py), reader tips and the
informant network (tips.py)."""

from .feed import RemovedClaimReview  # noqa: F401
from .rebuttals import (  # noqa: F401
    COLUMN_PAGE_SIZE,
    RESURFACED_RECENT_DAYS,
    Category,
    Correction,
    CreditRole,
    EvidenceSource,
    FactCheckerCredit,
    Platform,
    RebuttalIndexPage,
    RebuttalPage,
    RebuttalPageTag,
    RebuttalScreenshot,
    RelatedRebuttal,
    SourceKind,
    rebuttal_document,
    validate_url_lines,
)
from .subscriptions import Subscription, SubscriptionKind  # noqa: F401
from .tips import (  # noqa: F401
    InformantProfile,
    InformantRole,
    Tip,
    TipMatch,
    TipPriority,
    TipStatus,
)
