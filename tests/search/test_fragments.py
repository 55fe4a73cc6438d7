"""What readers remember, on both backends: a fragment cut from the middle of a message, a
phrase, a partial word in the suggestions; copies of one rumour shown once."""

from django.core.management import call_command

import pytest

from cms.factories import StandardPageFactory
from search import backends, text
from search.backends.base import SearchRequest

from .conftest import FACTS

pytestmark = pytest.mark.django_db

# slug -> (title, claim); summaries are neutral so the claims decide.
PAGES = {
    "referee": (
        "网传某球员恶意犯规只被警告？属实",
        "视频显示该球员恶意犯规，裁判只是判罚较轻，给了一张黄牌。",
    ),
    "ferry": (
        "符拉迪沃斯托克渡轮沉没？谣言",
        "网传从符拉迪沃斯托克出发的渡轮沉没，船上有多名游客参与救援。",
    ),
    "helper-phrase": (
        "独居老人请朋友帮忙买菜被骗？误导",
        "社区里的独居老人请朋友帮忙买菜，结果被人骗走了钱。",
    ),
    "helper-scattered": (
        "朋友圈求助信息真假难辨，帮忙转发要谨慎",
        "朋友圈里有人说孩子走失，请大家转发；这条消息是旧闻，帮忙转发前请先核实，朋友们。",
    ),
    "stop-words": (
        "停水通知是假的",
        "网传明天全市停水，其实都是在老城区检修管道。",
    ),
    "troops": (
        "两军对垒视频是电影片段",
        "一段两军对垒的视频被说成是边境冲突，其实来自一部电影。",
    ),
    "traffic": (
        "辣手新交规扣分翻倍？谣言",
        "网传新交规实施后闯红灯扣分翻倍，交管部门辟谣。",
    ),
    "mountain": (
        "游客被困在山顶一夜？属实",
        "几名游客被困在山顶，消防连夜救援。",
    ),
    "shandong": (
        "山东出现新型病毒？谣言",
        "网传山东出现一种新型病毒，卫健委辟谣。",
    ),
}
# The same rumour imported three times (punctuation and script differ): one hit.
COPY_CLAIM = "紧急扩散：医疗军舰已经驶入纽约港，所有医院停止接诊！"
COPIES = {
    "ship-1": ("医疗军舰驶入纽约港？谣言", COPY_CLAIM),
    "ship-2": (
        "医疗军舰驶入纽约港？谣言（二）",
        "紧急扩散 医疗军舰已经驶入纽约港 所有医院停止接诊",
    ),
    "ship-3": ("醫療軍艦駛入紐約港？謠言", "緊急擴散：醫療軍艦已經駛入紐約港，所有醫院停止接診！"),
}


@pytest.fixture
def remembered(backend_name, site_tree, rebuttal_type, publish):
    pages = {}
    for slug, (title, claim) in {**PAGES, **COPIES}.items():
        FACTS[slug] = (claim, "相关部门已经作出说明。", "false", "社会民生", 2024)
        page = StandardPageFactory(
            parent=site_tree["home"], slug=slug, title=title, intro="", live=False
        )
        pages[slug] = publish(page)
    return pages


def run(query, per_page=10):
    return backends.search(SearchRequest(text.prepare_query(query), {}, 1, per_page))


def slugs(results, pages):
    by_id = {page.pk: slug for slug, page in pages.items()}
    return [by_id.get(hit.page_id, hit.page_id) for hit in results.hits]


@pytest.mark.parametrize(
    "fragment, slug",
    [
        ("判罚较轻", "referee"),  # jieba: 判罚 / 较轻
        ("罚较轻", "referee"),  # splits 判罚
        ("只是 判罚 较轻", "referee"),
        ("名游客参", "ferry"),  # splits 多名 and 参与
        ("拉迪沃斯", "ferry"),  # inside 符拉迪沃斯托克
    ],
)
def test_a_fragment_that_splits_words_finds_its_text(remembered, fragment, slug):
    assert slugs(run(fragment), remembered)[0] == slug


def test_a_fragment_of_stop_words_only_still_searches(remembered):
    assert text.prepare_query("都是在").words == []  # all stop words
    assert slugs(run("都是在"), remembered) == ["stop-words"]


def test_the_exact_phrase_ranks_above_the_words_scattered(remembered):
    found = slugs(run("朋友帮忙"), remembered)
    # Both hold 朋友 and 帮忙 (the scattered one twice each, one in its title).
    assert found[:2] == ["helper-phrase", "helper-scattered"]


def test_traditional_and_simplified_queries_rank_identically(remembered):
    pairs = [
        ("判罚较轻", "判罰較輕"),
        ("名游客参", "名遊客參"),
        ("医疗军舰 纽约港", "醫療軍艦 紐約港"),
        ("朋友帮忙", "朋友幫忙"),
        ("两军对垒", "兩軍對壘"),
    ]
    for simplified, traditional in pairs:
        assert [h.page_id for h in run(simplified).hits] == [
            h.page_id for h in run(traditional).hits
        ]


def test_copies_of_one_rumour_are_one_hit(remembered):
    results = run("医疗军舰 纽约港")
    assert results.total == 1
    assert len(results.hits) == 1
    assert slugs(results, remembered)[0] in COPIES
    assert results.hits[0].copies == 2
    # The facets count rumours too.
    types = {f.name: f for f in results.facets}["type"]
    assert sum(v.count for v in types.values) == 1


def test_the_results_page_says_how_many_copies(client, remembered):
    response = client.get("/search/", {"q": "醫療軍艦駛入紐約港"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="search-hit"') == 1
    assert "另有 2 篇相同传言" in html


@pytest.mark.parametrize(
    "typed, title",
    [
        ("两军", "两军对垒视频是电影片段"),
        ("辣手新交", "辣手新交规扣分翻倍？谣言"),
        ("辣手新", "辣手新交规扣分翻倍？谣言"),
        ("兩軍對", "两军对垒视频是电影片段"),
        ("在山", "游客被困在山顶一夜？属实"),
    ],
)
def test_suggestions_complete_partial_words(remembered, typed, title):
    titles = [s.title for s in backends.suggest(typed)]
    assert titles[0] == title
    if typed == "在山":
        assert "山东出现新型病毒？谣言" not in titles  # 山 alone is not 在山


def test_suggestions_put_titles_that_begin_with_the_text_first_and_copies_once(remembered):
    titles = [s.title for s in backends.suggest("医疗军")]
    assert len(titles) == 1 and "纽约港" in titles[0].replace("紐約港", "纽约港")
    assert [s.title for s in backends.suggest("山")][0] == "山东出现新型病毒？谣言"


def test_a_failed_rebuild_leaves_the_alias_on_the_old_index(engine, site_tree, monkeypatch):
    from search.backends import engine as engine_module

    StandardPageFactory(parent=site_tree["home"], title="转基因大豆油致癌？")
    call_command("search_reindex", verbosity=0)
    before = engine.client.indices_for_alias(engine.alias)

    # The engine refuses a document (a date it cannot parse) halfway through the bulk load.
    real_source = engine_module.document_source

    def refused(doc):
        return {**real_source(doc), "date": "不是日期"}

    monkeypatch.setattr(engine_module, "document_source", refused)
    with pytest.raises(Exception, match="bulk"):
        call_command("search_reindex", "--no-database", verbosity=0)

    assert engine.client.indices_for_alias(engine.alias) == before
    assert engine.client.indices_matching(f"{engine.alias}*") == before  # no orphan left
    found = run("转基因").hits
    assert len(found) == 1 and found[0].title == "转基因大豆油致癌？"


def test_an_index_that_cannot_be_created_leaves_the_alias(engine, site_tree, monkeypatch):
    from search.backends import engine as engine_module

    StandardPageFactory(parent=site_tree["home"], title="转基因大豆油致癌？")
    call_command("search_reindex", verbosity=0)
    before = engine.client.indices_for_alias(engine.alias)

    monkeypatch.setattr(
        engine_module, "index_body", lambda: {"mappings": {"properties": {"x": {"type": "nope"}}}}
    )
    with pytest.raises(Exception, match="create index"):
        call_command("search_reindex", "--no-database", verbosity=0)
    assert engine.client.indices_matching(f"{engine.alias}*") == before
    assert len(run("转基因").hits) == 1


def test_pages_without_a_claim_or_a_fingerprint_are_never_collapsed(backend_name, site_tree):
    from search.models import SearchDocument
    from search.sync import push_to_engine

    pages = [
        StandardPageFactory(parent=site_tree["home"], title="同名的页面：防汛须知")
        for _ in range(3)
    ]
    call_command("search_reindex", verbosity=0)
    assert len(run("防汛须知").hits) == 3  # no claim: each page is its own
    # Documents stored before fingerprints existed (or written by other code) stand alone too.
    SearchDocument.objects.filter(pk__in=[p.pk for p in pages]).update(fingerprint="")
    push_to_engine([p.pk for p in pages])
    results = run("防汛须知")
    assert len(results.hits) == results.total == 3
