"""Reader pages whose cost does not grow with the column (issue 18).

Every reader page answers with the same number of queries with 10 rebuttals as with many, and
no query of any of them reads the whole page table (SQLite's EXPLAIN QUERY PLAN shows no
``SCAN wagtailcore_page``; the planner has no table statistics here, so it plans as it does on
a fresh site of any size). The cached site shell and the column's stored filter counts follow
every change: the next anonymous request shows it.
"""

import os
import re
import subprocess
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from campaigns.factories import CampaignPageFactory
from cms.factories import StandardPageFactory
from cms.models import SiteSettings
from debunk.factories import RebuttalPageFactory
from debunk.models import RebuttalIndexPage, RebuttalPage
from video.factories import VideoSeriesPageFactory

READER_PAGES = [
    "/",
    "/rumours/",
    "/rumours/?page=2",
    "/rumours/?verdict=false",
    "/rumours/?verdict=false&year=2025",
    "/rumours/first/",
    "/videos/",
    "/videos/series/",
    "/campaigns/",
    "/campaigns/campaign/",
    "/about/",
]
# Tables that grow with the site: a full scan of one is a reader page that slows as it grows.
# So is the (depth, path) index read by depth alone (every page at that depth).
GROWING = re.compile(
    r"\bSCAN (wagtailcore_page|debunk_rebuttalpage|wagtailcore_revision)\b"
    r"|qingyuan_page_depth_path \(depth[<>=]+\?\)"
)
PLANNED_PAGES = READER_PAGES


def add_rebuttals(column, count, **fields):
    for _ in range(count):
        RebuttalPageFactory(parent=column, region="城关镇", **fields)


@pytest.fixture
def reader_site(site_tree):
    column = site_tree["rumours"]
    RebuttalPageFactory(parent=column, slug="first", region="城关镇")
    add_rebuttals(column, 24)  # two pages of the column
    VideoSeriesPageFactory(parent=site_tree["videos"], slug="series")
    CampaignPageFactory(parent=site_tree["campaigns"], slug="campaign")
    return site_tree


def reader_queries(client, url) -> list[str]:
    """The queries of an anonymous request with the per-process caches warm."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


def test_reader_pages_make_as_many_queries_at_25_as_at_60_rebuttals(client, reader_site):
    few = {url: len(reader_queries(client, url)) for url in READER_PAGES}
    add_rebuttals(reader_site["rumours"], 35)
    many = {url: len(reader_queries(client, url)) for url in READER_PAGES}
    assert few == many


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="EXPLAIN QUERY PLAN is SQLite's (docs/performance.md shows PostgreSQL's EXPLAIN)",
)
def test_no_reader_page_query_scans_a_growing_table(client, reader_site):
    scans = []
    for url in PLANNED_PAGES:
        cache.clear()  # a cold shell: the menu's and settings' queries are planned too
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        for query in captured.captured_queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
                plan = [row[-1] for row in cursor.fetchall()]
            scans += [
                f"{url}: {step} <- {query['sql'][:200]}" for step in plan if GROWING.search(step)
            ]
    assert scans == []


# The cached shell and stored counts follow changes.


def test_a_new_section_in_the_menu_shows_on_the_next_request(client, reader_site):
    assert "辟谣知识" not in client.get("/").content.decode()
    section = StandardPageFactory(
        parent=reader_site["home"], title="辟谣知识", slug="knowledge", show_in_menus=True
    )
    section.save_revision().publish()
    assert "辟谣知识" in client.get("/rumours/").content.decode()
    section.title = "辟谣小课堂"
    section.save_revision().publish()
    html = client.get("/rumours/").content.decode()
    assert "辟谣小课堂" in html and "辟谣知识" not in html
    section.unpublish()
    assert "辟谣小课堂" not in client.get("/rumours/").content.decode()


def test_a_section_put_behind_a_restriction_leaves_the_menu_on_the_next_request(
    client, reader_site
):
    section = StandardPageFactory(
        parent=reader_site["home"], title="内部通报", slug="internal", show_in_menus=True
    )
    section.save_revision().publish()
    assert "内部通报" in client.get("/rumours/").content.decode()  # the shell is cached now
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert "内部通报" not in client.get("/rumours/").content.decode()
    restriction.delete()
    assert "内部通报" in client.get("/rumours/").content.decode()


def test_changed_site_settings_show_on_the_next_request(client, reader_site):
    client.get("/rumours/first/")  # the shell is cached now
    site_settings = SiteSettings.for_site(reader_site["home"].get_site())
    site_settings.organisation_name = "清源县融媒体中心"
    site_settings.phone = "0000-12345"
    site_settings.save()
    html = client.get("/rumours/first/").content.decode()
    assert "主办：清源县融媒体中心" in html
    assert "0000-12345" in html


def test_the_menu_marks_the_section_of_each_page_although_it_is_cached(client, reader_site):
    current = re.compile(r'<a href="([^"]+)" aria-current="page">')
    assert current.findall(client.get("/rumours/").content.decode()) == ["/rumours/"]
    assert current.findall(client.get("/rumours/first/").content.decode()) == ["/rumours/"]
    assert current.findall(client.get("/videos/series/").content.decode()) == ["/videos/"]
    assert current.findall(client.get("/").content.decode()) == ["/"]


def test_a_published_rebuttal_counts_in_the_column_filters_at_once(client, reader_site):
    column = reader_site["rumours"]
    html = client.get("/rumours/").content.decode()
    assert "共 25 条" in html and "南山街道" not in html
    draft = RebuttalPageFactory(parent=column, slug="new-one", region="南山街道", live=False)
    assert "共 25 条" in client.get("/rumours/").content.decode()
    RebuttalPage.objects.get(pk=draft.pk).save_revision().publish()
    html = client.get("/rumours/").content.decode()
    assert "共 26 条" in html and '<option value="南山街道">南山街道</option>' in html
    assert "共 1 条" in client.get("/rumours/?region=南山街道").content.decode()
    RebuttalPage.objects.get(pk=draft.pk).unpublish()
    html = client.get("/rumours/").content.decode()
    assert "共 25 条" in html and "南山街道" not in html


def test_a_deleted_rebuttal_leaves_the_column_counts(client, reader_site):
    client.get("/rumours/")
    RebuttalPage.objects.get(slug="first").delete()
    assert "共 24 条" in client.get("/rumours/").content.decode()
    column = RebuttalIndexPage.objects.get()
    assert column.listing_facets["total"] == 24


def test_publishing_the_column_keeps_its_counts(client, reader_site):
    column = RebuttalIndexPage.objects.get()
    revision = column.save_revision()  # holds the counts as they are now (25)
    add_rebuttals(column, 2)
    revision.publish()
    assert "共 27 条" in client.get("/rumours/").content.decode()


def test_no_vary_on_the_browser_language(client, reader_site):
    response = client.get("/rumours/first/")
    assert "Accept-Language" not in response.headers.get("Vary", "")


def test_a_web_worker_loads_jieba_and_opencc_as_it_starts():
    # cms.wsgi is what gunicorn loads in each worker, before its first request.
    script = (
        "import cms.wsgi, search.text as t; "
        "print(t._tokenizer.cache_info().currsize, t._converter.cache_info().currsize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        },
    )
    assert result.stdout.split() == ["1", "1"]
