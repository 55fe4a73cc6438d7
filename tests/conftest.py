from pathlib import Path

from wagtail.models import Locale, Page, Site

import pytest

from campaigns.factories import CampaignIndexPageFactory
from cms.factories import HomePageFactory, StandardPageFactory
from debunk.factories import RebuttalIndexPageFactory
from video.factories import VideoSeriesIndexPageFactory


def pytest_sessionstart(session):
    """Remove the SQLite test databases of runs that are over (a run cut short leaves its file
    and its -wal and -shm files behind; cms.settings.test names them by process id)."""
    from django.conf import settings

    test_name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if not test_name or not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    for leftover in Path(test_name).parent.glob("test-db-*.sqlite3*"):
        pid = leftover.name.removeprefix("test-db-").split(".", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            leftover.unlink(missing_ok=True)


def pytest_report_header(config):
    """Say which database the suite runs on, so a PostgreSQL run is visibly one."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('HOST') or db['NAME']})"


def ensure_wagtail_tree():
    """The locale, root page and default site that Wagtail's migrations create.

    Transactional tests (the browser tests) flush the database, migration data included,
    so they are recreated here when missing.
    """
    Locale.objects.get_or_create(language_code="zh-hans")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    site = Site.objects.filter(is_default_site=True).first()
    return root, site


@pytest.fixture(autouse=True)
def publishing_as_test_setup(request):
    """Test data is published directly, as set-up (core.publishing); tests marked
    ``guarded_publishing`` run with the model-level review guard fully on. Requests to the
    live server run in its own thread, where the guard is always on."""
    from core.publishing import publishing_allowed

    if request.node.get_closest_marker("guarded_publishing"):
        yield
        return
    with publishing_allowed("测试数据"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and cached fragments live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def media_root_per_session(tmp_path_factory):
    """Uploads and generated demo clips go to a temporary directory, not var/."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True, scope="session")
def private_media_root_per_session(tmp_path_factory):
    """Tip screenshots and campaign videos go to a temporary private directory, not var/."""
    from django.test import override_settings

    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private-media")):
        yield


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    root, site = ensure_wagtail_tree()
    home = HomePageFactory(parent=root, slug="home-test")
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        welcome = site.root_page
        site.root_page = home
        site.save()
        welcome.delete()
    return home


@pytest.fixture
def site_tree(home_page):
    return {
        "home": home_page,
        "rumours": RebuttalIndexPageFactory(parent=home_page),
        "videos": VideoSeriesIndexPageFactory(parent=home_page),
        "campaigns": CampaignIndexPageFactory(parent=home_page),
        "about": StandardPageFactory(parent=home_page, title="关于我们", slug="about"),
    }


@pytest.fixture
def editorial_setup(transactional_db):
    """Groups and the 辟谣审核 workflow, recreated through the data migration's own code:
    transactional tests flush the data that migrations created."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cms.migrations.0003_editorial_groups_and_workflow")
    migration.forwards(apps, None)
