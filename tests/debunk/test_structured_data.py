"""ClaimReview JSON-LD, parsed back out of the page and checked field by field."""

import datetime
import json
import re

import pytest

from debunk.factories import RebuttalPageFactory
from debunk.verdicts import Verdict

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.DOTALL)


def claim_reviews(client, url):
    html = client.get(url).content.decode()
    blocks = [json.loads(block) for block in JSON_LD.findall(html)]
    return [block for block in blocks if block.get("@type") == "ClaimReview"]


def test_claim_review_fields(client, rebuttal):
    rebuttal.save_revision().publish()  # sets last_published_at, read as dateModified
    [review] = claim_reviews(client, "/rumours/tap-water/")

    assert review["@context"] == "https://schema.org"
    assert review["url"] == "http://localhost/rumours/tap-water/"
    assert review["claimReviewed"] == "网传清源全城自来水有毒"
    assert review["datePublished"] == "2025-03-01"
    assert review["inLanguage"] == "zh-CN"
    assert review["author"] == {
        "@type": "Organization",
        "name": "测试县委网信办",
        "url": "http://localhost/",
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "谣言",
    }
    rebuttal.refresh_from_db()
    assert datetime.datetime.fromisoformat(review["dateModified"]) == rebuttal.last_published_at

    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["appearance"] == [
        {"@type": "CreativeWork", "url": "https://weibo.example.com/123"},
        {"@type": "CreativeWork", "url": "https://video.example.com/456"},
    ]
    assert claim["firstAppearance"] == {
        "@type": "CreativeWork",
        "url": "https://weibo.example.com/123",
    }
    assert claim["datePublished"] == "2025-02-27"
    assert claim["author"] == {"@type": "Person", "name": "某微信公众号"}


def test_unknown_claim_details_are_left_out_not_emptied(client, column):
    RebuttalPageFactory(parent=column, slug="bare", appearance_urls="", claimant="")
    [review] = claim_reviews(client, "/rumours/bare/")
    assert review["itemReviewed"] == {"@type": "Claim"}


@pytest.mark.parametrize(
    ("verdict", "rating", "label"),
    [
        (Verdict.FALSE, 1, "谣言"),
        (Verdict.MISLEADING, 2, "误导"),
        (Verdict.UNPROVEN, 3, "无法证实"),
        (Verdict.PARTLY_TRUE, 4, "部分属实"),
        (Verdict.TRUE, 5, "属实"),
    ],
)
def test_every_verdict_maps_to_its_documented_rating(client, column, verdict, rating, label):
    RebuttalPageFactory(parent=column, slug="graded", verdict=verdict)
    [review] = claim_reviews(client, "/rumours/graded/")
    assert review["reviewRating"]["ratingValue"] == rating
    assert review["reviewRating"]["alternateName"] == label
    assert (review["reviewRating"]["worstRating"], review["reviewRating"]["bestRating"]) == (1, 5)


def test_text_cannot_break_out_of_the_script_element(client, column):
    summary = '</script><script>alert(1)</script>"&'
    RebuttalPageFactory(parent=column, slug="sneaky", claim_summary=summary)
    html = client.get("/rumours/sneaky/").content.decode()
    assert "<script>alert(1)" not in html
    [review] = claim_reviews(client, "/rumours/sneaky/")
    assert review["claimReviewed"] == summary
