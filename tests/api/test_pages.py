"""The public read API (/api/v2/) as a client sees it: fields, filters, bad input, privacy,
conditional requests, rate limits and query counts."""

import pytest

from debunk.factories import RebuttalPageFactory

from .conftest import published

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content.decode()[:500]
    return response.json() if response.content else None


def titles(data):
    return {item["title"] for item in data["items"]}


# -- fields ------------------------------------------------------------------------------------


def test_rebuttal_detail_has_its_own_fields(client, content):
    water = content["water"]
    data = get(client, f"{PAGES}{water.pk}/")
    assert data["title"] == "网传全城自来水有毒？假的"
    assert data["meta"]["type"] == "debunk.RebuttalPage"
    assert data["verdict"] == "false"
    assert data["verdict_label"] == "谣言"
    assert data["claim_text"].startswith("紧急通知")
    assert data["claim_summary"] == "网传全城自来水有毒"
    assert data["short_answer"]
    assert data["category"] == {"name": "食品安全", "slug": "food-safety"}
    assert data["region"] == "城关镇"
    assert data["published_date"] == "2025-03-01"
    assert data["last_corrected"] == "2025-03-05"
    assert data["last_published_at"]
    assert data["canonical_url"] == "http://localhost/rumours/tap-water/"
    assert data["meta"]["html_url"] == "http://localhost/rumours/tap-water/"
    [source] = data["sources"]
    assert source["title"] == "水质情况说明" and source["authority"] == "县水务局"
    assert set(source) == {"id", "meta", "title", "authority", "url", "date", "kind"}
    [correction] = data["corrections"]
    assert (correction["date"], correction["note"]) == ("2025-03-05", "更正检测日期。")
    # Who checked it, where it was imported from and the resurfacing counters are not public.
    for private in ("credits", "source_id", "source_hash", "attribution", "owner"):
        assert private not in data and private not in data["meta"]


def test_episode_and_campaign_fields(client, content):
    episode = get(client, f"{PAGES}{content['episode'].pk}/")
    assert episode["meta"]["type"] == "video.VideoEpisodePage"
    assert episode["embed_url"].startswith("https://www.bilibili.com/")
    assert episode["duration"] == 65
    assert episode["video_url"] == ""
    assert episode["subtitles"] == []
    assert episode["summary"]
    campaign = get(client, f"{PAGES}{content['campaign'].pk}/")
    assert campaign["theme"] == "崇尚科学 远离谣言"
    assert campaign["status"] in {"upcoming", "ongoing", "ended"}
    assert "submissions" not in campaign


def test_listing_fields_parameter(client, content):
    data = get(client, PAGES, type="debunk.RebuttalPage", fields="verdict,claim_summary,category")
    assert data["meta"]["total_count"] == 2
    item = next(i for i in data["items"] if i["title"].startswith("网传全城"))
    assert item["verdict"] == "false" and item["category"]["slug"] == "food-safety"
    everything = get(client, PAGES, type="debunk.RebuttalPage", fields="*")
    assert {"sources", "corrections", "canonical_url"} <= set(everything["items"][0])
    nothing = get(client, PAGES, type="debunk.RebuttalPage", fields="_")
    assert nothing["items"][0] == {}


# -- filters and ordering ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"verdict": "false"}, {"网传全城自来水有毒？假的"}),
        ({"verdict": "misleading"}, {"5G基站传播病毒？谣言"}),
        ({"category": "food-safety"}, {"网传全城自来水有毒？假的"}),
        ({"region": "河西镇"}, {"5G基站传播病毒？谣言"}),
        ({"date_from": "2025-04-01"}, {"5G基站传播病毒？谣言"}),
        ({"date_to": "2025-03-31"}, {"网传全城自来水有毒？假的"}),
        ({"date_from": "2025-03-01", "date_to": "2025-04-10"}, None),
    ],
)
def test_rebuttal_filters(client, content, params, expected):
    data = get(client, PAGES, type="debunk.RebuttalPage", **params)
    assert titles(data) == (expected or {"网传全城自来水有毒？假的", "5G基站传播病毒？谣言"})


def test_type_child_of_and_order(client, content):
    assert titles(get(client, PAGES, type="video.VideoEpisodePage")) == {"一分钟看懂5G"}
    children = get(client, PAGES, child_of=content["rumours"].pk)
    assert titles(children) == {"网传全城自来水有毒？假的", "5G基站传播病毒？谣言"}
    ordered = get(client, PAGES, type="debunk.RebuttalPage", order="published_date")
    assert [i["title"] for i in ordered["items"]][0] == "网传全城自来水有毒？假的"
    ordered = get(client, PAGES, type="debunk.RebuttalPage", order="-published_date")
    assert [i["title"] for i in ordered["items"]][0] == "5G基站传播病毒？谣言"


def test_search_goes_through_chinese_search(client, content):
    # Traditional characters find the Simplified page: our search prepares the text (OpenCC).
    data = get(client, PAGES, search="緊急通知")
    assert titles(data) == {"网传全城自来水有毒？假的"}
    data = get(client, PAGES, type="debunk.RebuttalPage", search="基站", fields="verdict")
    assert titles(data) == {"5G基站传播病毒？谣言"}


def test_pagination(client, content):
    first = get(client, PAGES, type="debunk.RebuttalPage", limit=1)
    second = get(client, PAGES, type="debunk.RebuttalPage", limit=1, offset=1)
    assert first["meta"]["total_count"] == 2
    assert titles(first) | titles(second) == {"网传全城自来水有毒？假的", "5G基站传播病毒？谣言"}


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fields": "nonsense"}, "unknown fields: nonsense"),
        ({"type": "debunk.RebuttalPage", "fields": "credits"}, "unknown fields: credits"),
        ({"colour": "red"}, "not an operation or a recognised field: colour"),
        ({"verdict": "false"}, "needs type=debunk.RebuttalPage"),
        ({"type": "debunk.RebuttalPage", "verdict": "maybe"}, "unknown verdict"),
        ({"type": "debunk.RebuttalPage", "category": "nope"}, "unknown category"),
        ({"date_from": "yesterday"}, "date_from must be a date"),
        ({"order": "owner"}, "cannot order by 'owner'"),
        ({"limit": "1000"}, "limit cannot be higher than 100"),
        ({"limit": "-1"}, "limit must be a positive integer"),
        ({"offset": "99999999"}, "offset cannot be higher than 10000"),
        ({"type": "debunk.Nothing"}, "type doesn't exist"),
        ({"search": "！！！"}, "no words"),
        ({"search": "谣" * 2001}, "search is too long"),
        ({"ancestor_of": "1"}, "ancestor_of"),
    ],
)
def test_bad_input_is_a_400_with_a_message(client, content, params, message):
    data = get(client, PAGES, status=400, **params)
    assert message in data["message"]


def test_unknown_object_is_a_404(client, content):
    assert get(client, f"{PAGES}999999/", status=404)["message"]


# -- what never appears ------------------------------------------------------------------------


PRIVATE_TYPES = [
    "debunk.Tip",
    "debunk.TipMatch",
    "debunk.InformantProfile",
    "debunk.Subscription",
    "debunk.RemovedClaimReview",
    "campaigns.CampaignSubmission",
    "auth.User",
    "wagtailcore.PageLogEntry",
]


@pytest.mark.parametrize("model", PRIVATE_TYPES)
def test_private_models_are_out_of_reach_of_type(client, content, model):
    assert get(client, PAGES, status=400, type=model)["message"] == "type doesn't exist"


def _every_answer(client, content):
    """Every route a client can take to page data, with every field asked for."""
    answers = [
        client.get(PAGES, {"fields": "*", "limit": 100}),
        client.get(PAGES, {"type": "debunk.RebuttalPage", "fields": "*"}),
        client.get(PAGES, {"child_of": content["rumours"].pk, "fields": "*"}),
        client.get(PAGES, {"descendant_of": content["home"].pk, "fields": "*"}),
        client.get(PAGES, {"search": "秘密", "fields": "*"}),
        client.get(PAGES, {"search": "猪肉", "fields": "*"}),
        client.get(PAGES, {"search": "私人留言"}),
        client.get(f"{PAGES}{content['campaign'].pk}/"),
        client.get(f"{PAGES}{content['water'].pk}/"),
        client.get("/api/v2/images/", {"fields": "*"}),
        client.get("/api/v2/documents/", {"fields": "*"}),
        client.get("/api/v2/claimreviews/"),
        client.get("/api/v2/claimreviews/export.csv"),
    ]
    return [b"".join(r.streaming_content) if r.streaming else r.content for r in answers]


def test_drafts_and_private_data_never_appear(client, content):
    for body in _every_answer(client, content):
        text = body.decode()
        for secret in ("秘密辟谣", "secret-draft", "秘密线索", "reader@example.org", "私人留言"):
            assert secret not in text
        assert content["submission"].contact not in text
    assert get(client, f"{PAGES}{content['draft'].pk}/", status=404)


def test_a_page_in_review_shows_only_its_published_version(client, content):
    """An edit waiting for review lives in a revision: readers and the API see the live one."""
    water = content["water"]
    water.title = "审核中的新标题"
    water.short_answer = "审核中的新答案"
    water.save_revision()
    new_page = RebuttalPageFactory(
        parent=content["rumours"], title="审核中的新文章", slug="in-review", live=False
    )
    new_page.save_revision()
    for body in _every_answer(client, content):
        assert "审核中" not in body.decode()
    assert get(client, f"{PAGES}{new_page.pk}/", status=404)


def test_unpublished_and_restricted_pages_leave_the_api(client, content):
    from wagtail.models import PageViewRestriction

    fiveg = content["fiveg"]
    fiveg.unpublish()
    assert get(client, f"{PAGES}{fiveg.pk}/", status=404)
    PageViewRestriction.objects.create(
        page=content["videos"], restriction_type="password", password="x"
    )
    assert get(client, PAGES, type="video.VideoEpisodePage")["meta"]["total_count"] == 0
    assert get(client, f"{PAGES}{content['episode'].pk}/", status=404)


# -- HTTP caching, CORS, rate limit ------------------------------------------------------------


def test_etag_and_last_modified_give_304_until_something_is_published(client, content):
    first = client.get(PAGES, {"type": "debunk.RebuttalPage"})
    etag, modified = first["ETag"], first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    again = client.get(PAGES, {"type": "debunk.RebuttalPage"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    since = client.get(PAGES, {"type": "debunk.RebuttalPage"}, HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304
    # Another URL has another ETag.
    other = client.get(PAGES, {"type": "video.VideoEpisodePage"}, HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200
    published(RebuttalPageFactory(parent=content["rumours"], slug="news"))
    changed = client.get(PAGES, {"type": "debunk.RebuttalPage"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["meta"]["total_count"] == 3


def test_cors_for_configured_origins(client, content, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://miniapp.example.com"]
    ok = client.get(PAGES, HTTP_ORIGIN="https://miniapp.example.com")
    assert ok["Access-Control-Allow-Origin"] == "https://miniapp.example.com"
    assert "ETag" in ok["Access-Control-Expose-Headers"]
    other = client.get(PAGES, HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    # Not the rest of the site.
    page = client.get("/rumours/tap-water/", HTTP_ORIGIN="https://miniapp.example.com")
    assert "Access-Control-Allow-Origin" not in page


def test_over_the_limit_is_a_429_with_retry_after(client, content, settings):
    settings.API_REQUESTS_PER_IP = 3
    settings.API_WINDOW_SECONDS = 60
    for _ in range(3):
        assert client.get(PAGES).status_code == 200
    refused = client.get(f"{PAGES}{content['water'].pk}/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert "too many requests" in refused.json()["message"]
    # Another client is not affected.
    assert client.get(PAGES, REMOTE_ADDR="10.0.0.9").status_code == 200


# -- query counts ------------------------------------------------------------------------------


LISTING_QUERIES = 9
DETAIL_QUERIES = 11


@pytest.mark.parametrize("size", [2, 12])
def test_listing_query_count_is_constant_in_page_size(
    client, content, django_assert_num_queries, size
):
    for n in range(size):
        page = RebuttalPageFactory(parent=content["rumours"], slug=f"bulk-{n}")
        from debunk.factories import CorrectionFactory, EvidenceSourceFactory

        EvidenceSourceFactory(page=page)
        CorrectionFactory(page=page)
    client.get(PAGES)  # warm the site root paths cache, as a running site has
    with django_assert_num_queries(LISTING_QUERIES):
        response = client.get(PAGES, {"type": "debunk.RebuttalPage", "fields": "*", "limit": 20})
    assert len(response.json()["items"]) == min(size + 2, 20)


def test_detail_query_count(client, content, django_assert_num_queries):
    client.get(PAGES)
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(f"{PAGES}{content['water'].pk}/").status_code == 200


def test_not_modified_costs_two_queries(client, content, django_assert_num_queries):
    etag = client.get(PAGES)["ETag"]
    with django_assert_num_queries(2):
        assert client.get(PAGES, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_openapi_description(client, content):
    data = get(client, "/api/v2/openapi.json")
    assert data["openapi"].startswith("3.")
    assert "/api/v2/pages/" in data["paths"] and "/api/v2/claimreviews/" in data["paths"]
    rebuttal = data["components"]["schemas"]["debunk.RebuttalPage"]["properties"]
    assert {"verdict", "claim_summary", "sources", "corrections"} <= set(rebuttal)
    names = {p["name"] for p in data["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert {"type", "search", "category", "verdict", "date_from", "date_to", "fields"} <= names


# -- images and documents ----------------------------------------------------------------------


def test_images_and_documents(client, content):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    import wagtail_factories

    image = wagtail_factories.ImageFactory(title="水质检测现场")
    data = get(client, "/api/v2/images/", fields="width,height")
    [item] = [i for i in data["items"] if i["id"] == image.pk]
    assert item["title"] == "水质检测现场" and item["width"] > 0
    assert get(client, f"/api/v2/images/{image.pk}/")["meta"]["download_url"]
    assert get(client, "/api/v2/images/", status=400, search="水质")["message"]

    root = Collection.get_first_root_node()
    private = root.add_child(name="内部资料")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="x"
    )
    Document = get_document_model()
    public_doc = Document.objects.create(title="检测报告", file=ContentFile(b"report", "r.txt"))
    Document.objects.create(
        title="内部通报", collection=private, file=ContentFile(b"secret", "s.txt")
    )
    hidden = wagtail_factories.ImageFactory(title="内部照片", collection=private)
    assert hidden.pk not in {i["id"] for i in get(client, "/api/v2/images/")["items"]}
    assert get(client, f"/api/v2/images/{hidden.pk}/", status=404)
    docs = get(client, "/api/v2/documents/", fields="*")
    assert {d["title"] for d in docs["items"]} == {"检测报告"}
    assert get(client, f"/api/v2/documents/{public_doc.pk}/")["meta"]["download_url"]
    assert get(client, "/api/v2/documents/", title="检测报告")["meta"]["total_count"] == 1
