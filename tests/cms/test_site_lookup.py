"""Wagtail's site lookup comes from the cache (cms.shell.find_site), never a stale one: a Site
edited, or its home page saved or published, is what the next reader sees."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from debunk.factories import RebuttalIndexPageFactory

pytestmark = pytest.mark.django_db


def site_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if "wagtailcore_site" in q["sql"]]


def test_a_warm_site_lookup_costs_no_query(client, site_tree):
    client.get("/rumours/")
    assert site_queries(client, "/rumours/") == []
    assert site_queries(client, "/about/") == []


def test_a_home_page_saved_or_published_shows_at_once(client, site_tree):
    home = site_tree["home"]
    client.get("/")
    home.title = "新的首页标题"
    home.save()
    assert "新的首页标题" in client.get("/").content.decode()
    home.title = "发布的首页标题"
    home.save_revision().publish()
    assert "发布的首页标题" in client.get("/").content.decode()


def test_a_site_moved_to_another_host_is_looked_up_afresh(client, site_tree):
    assert client.get("/rumours/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.is_default_site = "elsewhere.example", False
    site.save()
    assert client.get("/rumours/").status_code == 404
    assert client.get("/rumours/", HTTP_HOST="elsewhere.example").status_code == 200


def test_a_section_replaced_under_the_same_slug_is_routed_to(client, site_tree):
    # The home page remembers each section's page type (cms.models.pages.SECTION_TYPES).
    assert client.get("/about/").status_code == 200
    site_tree["about"].delete()
    assert client.get("/about/").status_code == 404
    RebuttalIndexPageFactory(parent=site_tree["home"], slug="about", title="另一个栏目")
    response = client.get("/about/")
    assert response.status_code == 200
    assert "另一个栏目" in response.content.decode()
    assert client.get("/no-such-section/").status_code == 404
