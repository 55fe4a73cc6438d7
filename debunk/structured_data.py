"""schema.org ClaimReview for a rebuttal, so search engines can show the verdict.

Field mapping (see debunk.verdicts for the rating scale):

- ``url``, ``datePublished`` (our published date), ``dateModified`` (last publish)
- ``claimReviewed``: the one-line claim summary (kept under 75 characters by the model)
- ``reviewRating``: ``debunk.verdicts.review_rating`` (ratingValue 1–5, alternateName = label)
- ``author``: the organisation from the site settings, with the site's home URL
- ``itemReviewed``: a ``Claim`` with ``appearance`` (every appearance URL),
  ``firstAppearance`` (the first of them), ``datePublished`` (first-seen date) and ``author``
  (the claimant, when known); keys without a value are left out rather than emptied
- ``@id``: the rebuttal's permanent address (``/r/<page id>/``, redirecting to where it is now),
  so a data feed's item keeps its id when an editor changes the slug or moves the page
- ``correction``: each public correction as a ``CorrectionComment`` (text and date); the
  republish that carries a correction moves ``dateModified``

One builder for the page's JSON-LD and the ClaimReview data feed (cms/api/feed.py).
"""

from django.urls import reverse

from .verdicts import review_rating


def _creative_work(url: str) -> dict:
    return {"@type": "CreativeWork", "url": url}


def claimed_item(page) -> dict:
    claim = {"@type": "Claim"}
    appearances = page.appearances
    if appearances:
        claim["appearance"] = [_creative_work(url) for url in appearances]
        claim["firstAppearance"] = _creative_work(appearances[0])
    if page.first_seen:
        claim["datePublished"] = page.first_seen.isoformat()
    if page.claimant:
        claim["author"] = {"@type": "Person", "name": page.claimant}
    return claim


def permalink_path(page_id: int) -> str:
    return reverse("rebuttal_permalink", args=[page_id])


def claim_review(page, request, organisation_name: str, corrections=None) -> dict:
    """``corrections``: the page's corrections when the caller already read them."""
    url_parts = page.get_url_parts(request)  # (site id, root URL, path); None before saving
    site_url = f"{url_parts[1]}/" if url_parts else ""
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{url_parts[1]}{url_parts[2]}" if url_parts else "",
        "claimReviewed": page.claim_summary,
        "inLanguage": "zh-CN",
        "author": {"@type": "Organization", "name": organisation_name, "url": site_url},
        "reviewRating": review_rating(page.verdict),
        "itemReviewed": claimed_item(page),
    }
    if page.pk and url_parts:
        data["@id"] = f"{url_parts[1]}{permalink_path(page.pk)}"
    if page.published_date:  # undated imports have none to state
        data["datePublished"] = page.published_date.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if corrections is None:
        corrections = page.corrections.all() if page.pk else []
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.note, "datePublished": c.date.isoformat()}
            for c in corrections
        ]
    return data
