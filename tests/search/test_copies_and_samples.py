"""The copy count a collapsed hit shows is stored with the documents and stays right as
copies come and go; a pasted message's facets and total count its best matches only, a short
query's count everything. Both backends."""

from django.core.management import call_command

import pytest

from cms.factories import StandardPageFactory
from search import backends, text
from search.backends.base import SearchRequest
from search.models import SearchDocument

from .conftest import FACTS

pytestmark = pytest.mark.django_db

# One rumour in four spellings (punctuation, spaces, script): one fingerprint.
COPIES = {
    "ship-a": ("医疗军舰驶入纽约港？谣言", "紧急扩散：医疗军舰已经驶入纽约港，所有医院停止接诊！"),
    "ship-b": (
        "医疗军舰驶入纽约港？谣言（二）",
        "紧急扩散 医疗军舰已经驶入纽约港 所有医院停止接诊",
    ),
    "ship-c": ("醫療軍艦駛入紐約港？謠言", "緊急擴散：醫療軍艦已經駛入紐約港，所有醫院停止接診！"),
    "ship-d": (
        "医疗军舰驶入纽约港？谣言（四）",
        "紧急扩散：医疗军舰已经驶入纽约港，所有医院停止接诊。",
    ),
}


def publish_rebuttal(site_tree, publish, slug, title, claim, category="社会民生"):
    FACTS[slug] = (claim, "相关部门已经作出说明。", "false", category, 2024)
    page = StandardPageFactory(
        parent=site_tree["home"], slug=slug, title=title, intro="", live=False
    )
    return publish(page)


def copies_line(client, query="医疗军舰 纽约港"):
    """What a reader sees: the one hit of the rumour and its "another N" line."""
    html = client.get("/search/", {"q": query}).content.decode()
    assert html.count('class="search-hit"') == 1
    for count in range(1, 5):
        if f"另有 {count} 篇相同传言" in html:
            return count
    return 0


def test_the_copy_count_follows_copies_added_unpublished_edited_and_deleted(
    backend_name, client, site_tree, rebuttal_type, publish, run_on_commit
):
    pages = {}
    for slug in ("ship-a", "ship-b", "ship-c"):
        pages[slug] = publish_rebuttal(site_tree, publish, slug, *COPIES[slug])
    assert copies_line(client) == 2
    # Pasted whole, the claim is a message (ranked and collapsed from its best matches).
    assert text.prepare_query(COPIES["ship-a"][1]).is_message
    assert copies_line(client, COPIES["ship-a"][1]) == 2

    pages["ship-d"] = publish_rebuttal(site_tree, publish, "ship-d", *COPIES["ship-d"])
    assert copies_line(client) == 3  # a copy added

    run_on_commit(pages["ship-d"].unpublish)
    assert copies_line(client) == 2  # a copy unpublished

    # A copy edited to another claim is no longer one of them.
    FACTS["ship-c"] = (
        "网传纽约港附近出现鲨鱼群。",
        "相关部门已经作出说明。",
        "false",
        "国际",
        2024,
    )
    pages["ship-c"].title = "纽约港出现鲨鱼群？谣言"
    publish(pages["ship-c"])
    assert copies_line(client) == 1
    assert copies_line(client, "纽约港 鲨鱼群") == 0

    run_on_commit(pages["ship-b"].delete)  # a copy deleted
    assert copies_line(client) == 0


def test_a_rebuild_counts_the_copies_again(backend_name, client, site_tree, rebuttal_type, publish):
    for slug in ("ship-a", "ship-b", "ship-c"):
        publish_rebuttal(site_tree, publish, slug, *COPIES[slug])
    SearchDocument.objects.update(copies=1)  # e.g. documents stored before the count
    FACTS["about"] = ("", "关于我们。", "true", "其他", 2024)  # rebuilt as a rebuttal too

    call_command("search_reindex", verbosity=0)

    ships = SearchDocument.objects.filter(page__slug__startswith="ship-")
    assert list(ships.values_list("copies", flat=True)) == [3, 3, 3]
    assert copies_line(client) == 2


# A forwarded message, two rebuttals of it (near and far copies of its words) and four that
# share only some of its words: the message matches all six, its two best are the rebuttals.
MESSAGE = "紧急扩散：医疗军舰已经驶入纽约港，所有医院停止接诊，市民不要外出，请转发给家人朋友！"
BEST = {
    "best-1": ("医疗军舰驶入纽约港？谣言", MESSAGE),
    "best-2": (
        "纽约港医院停诊？谣言",
        "有人说医疗军舰已经驶入纽约港，所有医院停止接诊，市民不要外出，快转发给家人。",
    ),
}
LOOSE = {
    "loose-1": ("本地通知辟谣（一）", "本地医院停止接诊？市民不要外出的说法不实，请转发给家人。"),
    "loose-2": ("本地通知辟谣（二）", "所有医院停止接诊是谣言，市民不要惊慌，也不要外出抢购。"),
    "loose-3": ("本地通知辟谣（三）", "紧急扩散的市民不要外出通知是旧闻，请转发给朋友。"),
    "loose-4": ("本地通知辟谣（四）", "家人朋友转发的医院停止接诊消息，市民不要相信。"),
}


@pytest.fixture
def message_matches(backend_name, site_tree, rebuttal_type, publish, monkeypatch):
    for slug, (title, claim) in BEST.items():
        publish_rebuttal(site_tree, publish, slug, title, claim, category="国际")
    for slug, (title, claim) in LOOSE.items():
        publish_rebuttal(site_tree, publish, slug, title, claim, category="社会民生")
    # The sample a pasted message's facets count: its two best matches here.
    monkeypatch.setattr("search.backends.database.MESSAGE_SAMPLE", 2)
    monkeypatch.setattr("search.backends.engine.MESSAGE_SAMPLE", 2)


def categories(results):
    facet = {f.name: f for f in results.facets}["category"]
    return {value.value: value.count for value in facet.values}


def search(query, **filters):
    return backends.search(SearchRequest(text.prepare_query(query), filters, 1, 10))


def test_a_pasted_message_counts_facets_over_its_best_matches(message_matches):
    assert text.prepare_query(MESSAGE).is_message
    every = search(MESSAGE)
    assert {hit.title for hit in every.hits[:2]} == {title for title, _ in BEST.values()}

    assert categories(every) == {"国际": 2}  # the loose matches are not counted
    assert every.total == 2 and every.sampled == 2
    # A filter applies within the sample; its own facet still shows the other values.
    assert search(MESSAGE, category=["社会民生"]).total == 0
    filtered = search(MESSAGE, category=["国际"])
    assert filtered.total == 2 and len(filtered.hits) == 2
    assert categories(filtered) == {"国际": 2}


def test_a_short_query_counts_every_match(message_matches):
    results = search("市民")
    assert categories(results) == {"国际": 2, "社会民生": 4}
    assert results.total == 6 and results.sampled == 0


def test_the_results_page_says_a_message_was_counted_over_its_best_matches(client, message_matches):
    html = client.get("/search/", {"q": MESSAGE}).content.decode()
    assert "在最接近的 2 篇中找到 <strong>2</strong> 条结果" in html
    assert "共找到" not in html
    html = client.get("/search/", {"q": "市民"}).content.decode()
    assert "共找到 <strong>6</strong> 条结果" in html
