"""The published verdict scale and how it maps onto schema.org ClaimReview ratings.

This module is the one source of truth for the scale: the model choices, the reader labels,
the colours of the label, the explanation page (/about/verdicts/) and the JSON-LD all read it.

ClaimReview mapping (``reviewRating``): ``worstRating`` 1, ``bestRating`` 5, ``ratingValue``
is how far a reader can rely on the claim as it circulated, and ``alternateName`` is the Chinese
label readers see, which is what search engines display:

=========== =========== ============= =====================================================
key         label       ratingValue   meaning
=========== =========== ============= =====================================================
false       谣言         1             the claim is false; authorities or evidence refute it
misleading  误导         2             real facts, but framed or cut so that they mislead
unproven    无法证实     3             neither confirmed nor refuted by the evidence we have
partly_true 部分属实     4             some parts are true, others false or exaggerated
true        属实         5             the claim is accurate
=========== =========== ============= =====================================================

``unproven`` sits in the middle of the numbers because it is neither a refutation nor a
confirmation; readers still see the labels in the order of :data:`SCALE` below.
"""

from dataclasses import dataclass

from django.db import models

WORST_RATING = 1
BEST_RATING = 5


class Verdict(models.TextChoices):
    FALSE = "false", "谣言"
    MISLEADING = "misleading", "误导"
    PARTLY_TRUE = "partly_true", "部分属实"
    TRUE = "true", "属实"
    UNPROVEN = "unproven", "无法证实"


class ItemKind(models.TextChoices):
    REBUTTAL = "rebuttal", "辟谣"
    EXPLAINER = "explainer", "科普"
    NOTICE = "notice", "通报"
    ADVISORY = "advisory", "提示"


@dataclass(frozen=True)
class Grade:
    verdict: Verdict
    rating: int
    icon: str  # a glyph beside the text, so colour is never the only signal
    description: str

    @property
    def key(self) -> str:
        return self.verdict.value

    @property
    def label(self) -> str:
        return self.verdict.label


SCALE: tuple[Grade, ...] = (
    Grade(
        Verdict.FALSE,
        1,
        "✕",
        "说法与事实不符，已被权威部门通报、官方数据或可靠证据否定。",
    ),
    Grade(
        Verdict.MISLEADING,
        2,
        "!",
        "所用事实或图片本身存在，但被断章取义、张冠李戴或夸大，容易让人得出错误结论。",
    ),
    Grade(
        Verdict.PARTLY_TRUE,
        4,
        "◐",
        "说法中有一部分属实，另一部分不实、过时或被夸大，需要区分看待。",
    ),
    Grade(
        Verdict.TRUE,
        5,
        "✓",
        "说法准确，有权威发布或可靠证据支持。",
    ),
    Grade(
        Verdict.UNPROVEN,
        3,
        "?",
        "现有证据既不能证实也不能否定该说法，我们会持续关注并在有新证据时更新。",
    ),
)

GRADES: dict[str, Grade] = {grade.key: grade for grade in SCALE}


def grade_for(verdict: str) -> Grade:
    """The grade of a verdict key; unknown keys read as unproven rather than failing a page."""
    return GRADES.get(verdict, GRADES[Verdict.UNPROVEN])


def review_rating(verdict: str) -> dict:
    """The schema.org ``Rating`` of a verdict, for ClaimReview's ``reviewRating``."""
    grade = grade_for(verdict)
    return {
        "@type": "Rating",
        "ratingValue": grade.rating,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": grade.label,
    }
