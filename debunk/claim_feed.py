"""The ClaimReview data feed's content: every published rebuttal as the same schema.org object
its page carries in JSON-LD (``structured_data.claim_review``, one builder), plus flat rows for
researchers' CSV and JSON-lines exports. The views live with the API (cms/api/feed.py).

Items are in id order: a harvester that pages through the feed while editors publish sees
every item once (new ones come at the end). Each item's ``@id`` is its permanent address
(/r/<id>/), which survives slug changes and moves.
"""

from django.apps import apps

from .models import RebuttalPage, RemovedClaimReview
from .structured_data import claim_review


def published_rebuttals():
    """What the feed holds: live, public rebuttals, with what the builder reads in two
    prefetches (the page's own fields, the category, the corrections)."""
    return (
        RebuttalPage.objects.live()
        .public()
        .select_related("category")
        .prefetch_related("corrections")
        .defer("body", "attribution")
        .order_by("pk")
    )


def organisation_name(request) -> str:
    # By name: the column may not import cms models (imports run cms -> debunk).
    return apps.get_model("cms", "SiteSettings").for_request(request).organisation_name


def feed_items(request, rebuttals) -> list[dict]:
    organisation = organisation_name(request)
    return [
        claim_review(page, request, organisation, list(page.corrections.all()))
        for page in rebuttals
    ]


EXPORT_COLUMNS = [
    "id",
    "url",
    "claim_reviewed",
    "verdict",
    "rating_value",
    "rating_label",
    "date_published",
    "date_modified",
    "claim_first_seen",
    "first_appearance",
    "category",
    "region",
    "corrections",
]


def export_row(page, review: dict) -> dict:
    """One flat row for the researchers' exports (CSV and JSON lines share it)."""
    rating = review["reviewRating"]
    claim = review["itemReviewed"]
    return {
        "id": review.get("@id", ""),
        "url": review["url"],
        "claim_reviewed": review["claimReviewed"],
        "verdict": page.verdict,
        "rating_value": rating["ratingValue"],
        "rating_label": rating["alternateName"],
        "date_published": review["datePublished"],
        "date_modified": review.get("dateModified", ""),
        "claim_first_seen": claim.get("datePublished", ""),
        "first_appearance": claim.get("firstAppearance", {}).get("url", ""),
        "category": page.category.name if page.category else "",
        "region": page.region,
        "corrections": len(review.get("correction", [])),
    }


def export_rows(request, chunk_size: int = 500):
    """Every published rebuttal as an export row, read in chunks (constant memory)."""
    organisation = organisation_name(request)
    for page in published_rebuttals().iterator(chunk_size=chunk_size):
        review = claim_review(page, request, organisation, list(page.corrections.all()))
        yield export_row(page, review)


def removed_since(since=None):
    removed = RemovedClaimReview.objects.all()
    if since is not None:
        removed = removed.filter(removed_at__gte=since)
    return removed
