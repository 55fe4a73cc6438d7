"""The ClaimReview data feed, parsed back as an aggregator would, and its exports."""

import csv
import io
import json
import re

import pytest

from debunk.factories import CorrectionFactory, RebuttalPageFactory

from .conftest import published

pytestmark = pytest.mark.django_db

FEED = "/api/v2/claimreviews/"
JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.DOTALL)


def harvest(client, url=FEED, **params):
    """Every item, following ``meta.next`` as a harvester does."""
    items, response = [], client.get(url, params)
    while True:
        assert response.status_code == 200, response.content[:300]
        data = response.json()
        items += data["items"]
        if not data["meta"]["next"]:
            return items, data["meta"]
        response = client.get(data["meta"]["next"])


def assert_claim_review(item):
    """The fields fact-check aggregators require of a ClaimReview."""
    assert item["@context"] == "https://schema.org"
    assert item["@type"] == "ClaimReview"
    assert item["@id"].startswith("http://localhost/r/")
    assert item["url"].startswith("http://localhost/rumours/")
    assert 0 < len(item["claimReviewed"]) <= 75
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["datePublished"])
    assert item["author"]["@type"] == "Organization" and item["author"]["name"]
    rating = item["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["alternateName"]
    assert item["itemReviewed"]["@type"] == "Claim"


def test_every_item_has_the_required_fields_and_matches_the_page(client, content):
    for n in range(7):
        published(RebuttalPageFactory(parent=content["rumours"], slug=f"more-{n}"))
    items, meta = harvest(client, limit=3)
    assert meta["total_count"] == 9 and len(items) == 9
    assert len({item["@id"] for item in items}) == 9
    for item in items:
        assert_claim_review(item)
    # The same object as the page's own JSON-LD: one builder.
    water = next(i for i in items if i["url"].endswith("/tap-water/"))
    html = client.get("/rumours/tap-water/").content.decode()
    [on_page] = [b for b in map(json.loads, JSON_LD.findall(html)) if b["@type"] == "ClaimReview"]
    assert on_page == water
    assert water["correction"] == [
        {"@type": "CorrectionComment", "text": "更正检测日期。", "datePublished": "2025-03-05"}
    ]
    assert water["dateModified"]


def test_drafts_are_not_in_the_feed(client, content):
    items, _ = harvest(client)
    assert all("secret-draft" not in item["url"] for item in items)
    assert len(items) == 2


def test_ids_survive_slug_changes_and_permalinks_follow(client, content):
    water = content["water"]
    [before] = [i for i in harvest(client)[0] if i["url"].endswith("/tap-water/")]
    water.slug = "tap-water-2025"
    published(water)
    [after] = [i for i in harvest(client)[0] if i["@id"] == before["@id"]]
    assert after["url"] == "http://localhost/rumours/tap-water-2025/"
    response = client.get(before["@id"].removeprefix("http://localhost"))
    assert response.status_code == 302 and response["Location"].endswith("/tap-water-2025/")


def test_unpublished_items_leave_and_the_removed_list_says_so(client, content):
    fiveg = content["fiveg"]
    fiveg_id = next(i["@id"] for i in harvest(client)[0] if "5g-virus" in i["url"])
    assert client.get(f"{FEED}removed/").json()["items"] == []
    fiveg.unpublish()
    items, _ = harvest(client)
    assert fiveg_id not in {i["@id"] for i in items}
    [removed] = client.get(f"{FEED}removed/").json()["items"]
    assert removed["@id"] == fiveg_id and removed["removed_at"]
    assert client.get(fiveg_id.removeprefix("http://localhost")).status_code == 404
    assert client.get(f"{FEED}removed/", {"since": "2999-01-01"}).json()["items"] == []
    # Published again: back in the feed, off the removed list.
    published(fiveg)
    assert fiveg_id in {i["@id"] for i in harvest(client)[0]}
    assert client.get(f"{FEED}removed/").json()["items"] == []
    # Deleted: removed for good.
    fiveg.delete()
    assert [i["@id"] for i in client.get(f"{FEED}removed/").json()["items"]] == [fiveg_id]


def test_a_correction_moves_date_modified(client, content):
    water = content["water"]
    before = next(i for i in harvest(client)[0] if "tap-water" in i["url"])
    CorrectionFactory(page=water, note="第二次更正。")
    published(water)
    after = next(i for i in harvest(client)[0] if "tap-water" in i["url"])
    assert after["dateModified"] > before["dateModified"]
    assert [c["text"] for c in after["correction"]] == ["更正检测日期。", "第二次更正。"]


def test_csv_and_json_lines_exports(client, content):
    csv_response = client.get(f"{FEED}export.csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    text = b"".join(csv_response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    jsonl = b"".join(client.get(f"{FEED}export.jsonl").streaming_content).decode()
    records = [json.loads(line) for line in jsonl.splitlines()]
    assert len(rows) == len(records) == 2
    water = next(r for r in records if r["url"].endswith("/tap-water/"))
    assert water["verdict"] == "false" and water["rating_label"] == "谣言"
    assert water["category"] == "食品安全" and water["corrections"] == 1
    assert water["claim_first_seen"] == "2025-02-27"
    assert {r["id"] for r in rows} == {r["id"] for r in records}


def test_export_cells_never_run_as_formulas(client, content):
    published(
        RebuttalPageFactory(parent=content["rumours"], slug="formula", claim_summary="=1+1 谣言")
    )
    text = b"".join(client.get(f"{FEED}export.csv").streaming_content).decode()
    assert "'=1+1 谣言" in text


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        (FEED, {"limit": "1000"}, "limit cannot be higher than"),
        (FEED, {"offset": "x"}, "offset must be a positive integer"),
        (FEED, {"offset": "99999999"}, "offset cannot be higher than"),
        (FEED, {"colour": "red"}, "unknown query parameter: colour"),
        (f"{FEED}removed/", {"since": "last week"}, "since must be a date"),
        (f"{FEED}export.csv", {"all": "1"}, "unknown query parameter: all"),
    ],
)
def test_feed_bad_input(client, content, url, params, message):
    response = client.get(url, params)
    assert response.status_code == 400
    assert message in response.json()["message"]


FEED_QUERIES = 6


@pytest.mark.parametrize("size", [1, 10])
def test_feed_query_count_is_constant_in_page_size(
    client, content, django_assert_num_queries, size
):
    for n in range(size):
        page = RebuttalPageFactory(parent=content["rumours"], slug=f"bulk-{n}")
        CorrectionFactory(page=page)
    client.get(FEED)
    with django_assert_num_queries(FEED_QUERIES):
        assert client.get(FEED, {"limit": 50}).status_code == 200


def test_feed_304(client, content):
    etag = client.get(FEED)["ETag"]
    assert client.get(FEED, HTTP_IF_NONE_MATCH=etag).status_code == 304
