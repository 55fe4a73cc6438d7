"""The site's address comes from settings (SITE_URL): canonical links, the sitemap and
robots.txt name it; the root files browsers ask for answer."""

import importlib

from django.apps import apps
from django.test import override_settings

from wagtail.models import Site

import pytest

from cms.site_address import host_and_port

pytestmark = pytest.mark.django_db


def test_host_and_port_read_the_scheme():
    assert host_and_port("https://piyao.example.org") == ("piyao.example.org", 443)
    assert host_and_port("http://piyao.example.org:8080/") == ("piyao.example.org", 8080)
    assert host_and_port("") is None


def run_data_migration():
    migration = importlib.import_module("cms.migrations.0007_default_site_from_site_url")
    migration.forwards(apps, None)


@override_settings(SITE_URL="https://piyao.example.org")
def test_canonical_and_sitemap_urls_use_the_configured_address(client, site_tree):
    from debunk.factories import RebuttalPageFactory

    RebuttalPageFactory(parent=site_tree["rumours"], slug="tap-water")
    run_data_migration()
    assert Site.objects.get(is_default_site=True).root_url == "https://piyao.example.org"

    html = client.get("/rumours/tap-water/").content.decode()
    assert '<link rel="canonical" href="https://piyao.example.org/rumours/tap-water/">' in html
    assert '<meta property="og:url" content="https://piyao.example.org/rumours/tap-water/">' in html
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://piyao.example.org/rumours/tap-water/</loc>" in sitemap
    assert "localhost" not in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://piyao.example.org/sitemap.xml" in robots.content.decode()


def test_robots_txt_keeps_crawlers_out_of_admin_and_forms(client, site_tree):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /tips/", "Disallow: /search/"} <= set(lines)
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def test_icons_and_manifest_answer(client, site_tree):
    assert client.get("/favicon.ico")["Content-Type"] == "image/x-icon"
    assert client.get("/apple-touch-icon.png")["Content-Type"] == "image/png"
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == "/" and {i["sizes"] for i in data["icons"]} >= {"192x192"}
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
