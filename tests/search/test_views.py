import datetime
import json

from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

import pytest

from cms.models import StandardPage
from search import query_stats, text
from search.models import SearchQueryStat

pytestmark = pytest.mark.django_db
SEARCH = "/search/"


def test_empty_search_page_shows_the_box(client, site_tree):
    response = client.get(SEARCH)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert "共找到" not in html


def test_results_page_shows_verdict_highlight_facets(backend_name, searchable, client):
    response = client.get(SEARCH, {"q": "謠言"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html
    assert '<span class="verdict verdict--false">' in html  # the column's verdict badge
    for title in ["内容类型", "结论", "分类", "年份"]:
        assert f'<h2 class="search-facet__title">{title}</h2>' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_facet_links_combine_filters_in_the_url(backend_name, searchable, client):
    response = client.get(SEARCH, {"q": "网传", "verdict": "false"})
    facets = {f.name: f for f in response.context["results"].facets}
    year_2023 = next(v for v in facets["year"].values if v.value == "2023")
    assert year_2023.url == "?q=%E7%BD%91%E4%BC%A0&verdict=false&year=2023"
    selected = next(v for v in facets["verdict"].values if v.selected)
    assert selected.url == "?q=%E7%BD%91%E4%BC%A0"  # clicking it again removes it

    combined = client.get(SEARCH + year_2023.url)
    assert [hit.title for hit in combined.context["results"].hits] == [
        "网传“塑料大米”流入本地市场？假的"
    ]


def test_pagination_links(searchable, client):
    from search import views

    views_per_page = views.PER_PAGE
    views.PER_PAGE = 2
    try:
        response = client.get(SEARCH, {"q": "网传"})
        assert response.context["next_url"] == "?q=%E7%BD%91%E4%BC%A0&page=2"
        second = client.get(SEARCH + response.context["next_url"])
        assert second.context["previous_url"] == "?q=%E7%BD%91%E4%BC%A0"
    finally:
        views.PER_PAGE = views_per_page


def test_a_page_past_the_last_says_so_and_links_back(searchable, client):
    response = client.get(SEARCH, {"q": "网传", "page": "50"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "没有这一页" in html
    assert f'href="{response.context["first_page_url"]}"' in html
    assert response.context["previous_url"] == "?q=%E7%BD%91%E4%BC%A0"  # the last page: 1
    assert client.get(SEARCH, {"q": "网传", "page": "junk"}).context["results"].request.page == 1


def test_nothing_found_says_so(searchable, client):
    response = client.get(SEARCH, {"q": "外星人绑架"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "没有找到与“外星人绑架”相关的内容" in html
    assert 'class="search-facets"' not in html  # no empty filter box


def test_search_queries_are_recorded_normalised_per_day(searchable, client):
    client.get(SEARCH, {"q": "謠言"})
    client.get(SEARCH, {"q": "谣言 "})
    client.get(SEARCH, {"q": "谣言", "page": "2"})  # paging is not a new search
    client.get(SEARCH, {"q": "外星人"})
    query_stats.flush()  # counted in the cache until then (search.query_stats)
    stat = SearchQueryStat.objects.get(query="谣言")
    assert (stat.searches, stat.empty_searches, stat.found) == (2, 0, True)
    empty = SearchQueryStat.objects.get(query="外星人")
    assert (empty.searches, empty.empty_searches, empty.found) == (1, 1, False)


def test_suggest_returns_json(backend_name, searchable, client):
    response = client.get("/search/suggest/", {"q": "5G"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["suggestions"] == [
        {"title": "5G基站传播新冠病毒？谣言", "url": searchable["5g-virus"].url}
    ]
    assert json.loads(client.get("/search/suggest/").content)["suggestions"] == []


def test_search_promotions_come_first(searchable, client):
    query = Query.get("辟谣")
    SearchPromotion.objects.create(
        query=query, page=searchable["salt-iodine"], description="编辑推荐的说明", sort_order=0
    )
    response = client.get(SEARCH, {"q": "闢謠"})  # Traditional input finds the promotion too
    html = response.content.decode()
    assert "编辑推荐" in html and "编辑推荐的说明" in html
    assert [p.page_id for p in response.context["promotions"]] == [searchable["salt-iodine"].pk]


PASTED = "有消息称5G基站发射的信号会传播新冠病毒，呼吁大家拆除小区基站，请转发给家人朋友。"


def test_the_page_renders_with_a_constant_number_of_queries(
    corpus, client, django_assert_num_queries
):
    assert text.prepare_query(PASTED).is_message
    # Facets (one grouped query + one per filtered facet), the page of hits, promotions; the
    # site, the shell, settings and menu come from the cache (cms.shell). Never a query
    # per hit, and none for statistics: searches are counted in the cache (search.query_stats).
    client.get(SEARCH, {"q": "水库"})  # warms the per-process caches (site root paths, labels)
    for params, expected in [
        ({"q": "网传"}, 3),  # three hits
        ({"q": "网传"}, 3),  # counted again: still no query
        ({"q": "谣言", "verdict": "false"}, 4),  # one more facet query for the filter
        ({"q": "碘盐"}, 3),  # one hit
        # A pasted message: its best matches with their facet columns, the shown rows,
        # promotions; a filter costs nothing more (its facets are counted over the sample).
        ({"q": PASTED}, 3),
        ({"q": PASTED, "verdict": "false"}, 3),
    ]:
        with django_assert_num_queries(expected):
            client.get(SEARCH, params)


# -- admin ------------------------------------------------------------------------------


def test_zero_result_report_lists_unanswered_queries(admin_client, site_tree):
    today = timezone.localdate()
    SearchQueryStat.objects.create(query="吃香蕉会中毒", date=today, searches=5, empty_searches=5)
    SearchQueryStat.objects.create(
        query="吃香蕉会中毒", date=today - datetime.timedelta(days=1), searches=2, empty_searches=2
    )
    SearchQueryStat.objects.create(
        query="答过了", date=today, searches=3, empty_searches=1, found=True
    )
    SearchQueryStat.objects.create(
        query="很久以前", date=today - datetime.timedelta(days=60), searches=9, empty_searches=9
    )

    response = admin_client.get(reverse("search_zero_results"))
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert [(r["query"], r["empty"]) for r in rows] == [("吃香蕉会中毒", 7)]
    assert "起草辟谣" in response.content.decode()

    older = admin_client.get(reverse("search_zero_results"), {"days": "90"})
    assert [r["query"] for r in older.context["object_list"]] == ["很久以前", "吃香蕉会中毒"]


def test_start_draft_creates_an_unpublished_rebuttal_with_the_query(admin_client, site_tree):
    from debunk.models import RebuttalPage

    response = admin_client.post(reverse("search_start_draft"), {"q": "吃香蕉会中毒"})
    page = RebuttalPage.objects.get(claim_text="吃香蕉会中毒")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.title == "吃香蕉会中毒"
    assert page.get_parent().pk == site_tree["rumours"].pk
    assert page.latest_revision is not None
    assert admin_client.get(response["Location"]).status_code == 200  # the editor opens


def test_report_is_in_the_reports_menu_and_editors_only(admin_client, client, site_tree):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_zero_results") in html  # in the sidebar's menu data
    anonymous = client.get(reverse("search_zero_results"))
    assert anonymous.status_code == 302


def test_admin_page_search_understands_chinese(admin_client, corpus):
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "人民"})
    pages = list(response.context["pages"])
    assert [p.title for p in pages] == ["中华人民共和国国庆节放假安排调整？误导"]
    traditional = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "國慶節"})
    assert len(list(traditional.context["pages"])) == 1
    assert Page.objects.filter(title__contains="人民").count() == 1


def test_admin_page_search_on_the_engine(admin_client, engine_url, site_tree, publish):
    """Wagtail's own search on OpenSearch (modelsearch's opensearch2 backend) with prepared
    text: the editor finds pages by a word from the middle of a title, in either script."""
    import uuid

    from django.core.management import call_command
    from django.test import override_settings

    from search.conf import wagtailsearch_backends

    prefix = f"qy-test-admin-{uuid.uuid4().hex[:8]}-"
    with override_settings(WAGTAILSEARCH_BACKENDS=wagtailsearch_backends(engine_url, prefix)):
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        assert type(backend).__name__ == "SearchBackend"
        assert backend.es.__class__.__module__.startswith("opensearchpy")
        try:
            call_command("update_index", verbosity=0)
            page = StandardPage(title="中华人民共和国国庆节放假安排", slug="holiday", live=False)
            site_tree["home"].add_child(instance=page)
            publish(page)  # modelsearch indexes it through its own task
            backend.refresh_indexes()

            for query in ["人民", "國慶節"]:
                response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": query})
                titles = [p.title for p in response.context["pages"]]
                assert titles == ["中华人民共和国国庆节放假安排"], query
        finally:
            for index in backend.es.indices.get(index=f"{prefix}*"):
                backend.es.indices.delete(index=index)
