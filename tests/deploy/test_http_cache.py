"""The HTTP cache in front (Varnish with deploy/varnish.vcl, really started), as a reader and an
editor meet it: second views are hits, a publish through the review workflow purges the page
and its column, an editor's request never touches the shared copies."""

from django.test import Client

from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.permissions import EDITORS
from core.publishing import publishing_allowed
from debunk.factories import EvidenceSourceFactory, RebuttalPageFactory
from tests.workflow import helpers
from tests.workflow.conftest import make_user

from .conftest import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.guarded_publishing]


def publish(page):
    with publishing_allowed("测试数据"):
        page.save_revision().publish()
    return page


@pytest.fixture
def rebuttal(site_tree):
    page = RebuttalPageFactory(parent=site_tree["rumours"], title="网传自来水有毒", slug="water")
    EvidenceSourceFactory(page=page)
    return publish(page)


def test_an_anonymous_second_view_is_a_hit(proxy, rebuttal):
    status, first, body = proxy.get(rebuttal.url)
    assert status == 200 and "网传自来水有毒" in body
    assert first["X-Cache"] == "MISS"
    assert "public" in first["Cache-Control"] and "s-maxage" not in first["Cache-Control"]
    assert "Cookie" not in first.get("Vary", "") and "Set-Cookie" not in first
    status, second, _ = proxy.get(rebuttal.url)
    assert status == 200 and second["X-Cache"] == "HIT" and second["Age"] is not None
    # A reader's own cookies (a CSRF token from a form visited earlier) share the same copy.
    _, third, _ = proxy.get(rebuttal.url, cookies={"csrftoken": "x" * 32})
    assert third["X-Cache"] == "HIT"


def test_readers_of_a_cached_page_share_no_nonce(proxy, rebuttal):
    """Every reader gets the stored copy: its policy and body are the same for all, so they
    carry no Content-Security-Policy nonce (a shared nonce would be public)."""
    _, first, first_body = proxy.get(rebuttal.url)
    _, second, second_body = proxy.get(rebuttal.url)

    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert first_body == second_body
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    # The directives come in no fixed order: the policy is read directive by directive.
    script_src = [
        part.split()[1:]
        for part in first["Content-Security-Policy"].split(";")
        if part.split()[:1] == ["script-src"]
    ]
    assert script_src == [["'self'"]]
    for headers, body in ((first, first_body), (second, second_body)):
        assert "nonce" not in headers["Content-Security-Policy"] and "nonce" not in body
    assert '<script type="application/ld+json">' in first_body


def test_a_publish_through_the_workflow_purges_the_page_and_the_column(
    editorial_setup, proxy, site_tree, rebuttal, client
):
    editor = make_user("editor", "编辑")
    reviewer = make_user("reviewer", "审核")
    chief = make_user("chief", "终审")
    column = site_tree["rumours"].url
    new_url = column + "new-one/"
    # Readers have the column and the (not yet existing) address in the cache.
    for path in (column, new_url):
        proxy.get(path)
        assert proxy.get(path)[1]["X-Cache"] == "HIT"
    assert "停水的新辟谣" not in proxy.get(column)[2]
    assert proxy.get(new_url)[0] == 404

    client.force_login(editor)
    page = helpers.submit_new_page(
        client, site_tree["rumours"], helpers.rebuttal_form("停水的新辟谣", "new-one")
    )
    client.force_login(reviewer)
    assert helpers.approve_fact_check(client, page).status_code == 302
    client.force_login(chief)
    assert helpers.sign_off(client, page).status_code == 302
    page.refresh_from_db()
    assert page.live

    status, headers, body = proxy.get(new_url)
    assert status == 200 and "停水的新辟谣" in body and headers["X-Cache"] == "MISS"
    status, headers, body = proxy.get(column)
    assert "停水的新辟谣" in body and headers["X-Cache"] == "MISS"
    # The column's filtered views went with it; the other rebuttal's page stayed cached.
    assert proxy.get(column + "?verdict=false")[1]["X-Cache"] == "MISS"


def test_an_edit_published_again_reaches_readers(proxy, rebuttal):
    proxy.get(rebuttal.url)
    assert proxy.get(rebuttal.url)[1]["X-Cache"] == "HIT"
    rebuttal.title = "网传自来水有毒（已更正）"
    publish(rebuttal)
    status, headers, body = proxy.get(rebuttal.url)
    assert "已更正" in body and headers["X-Cache"] == "MISS"


def test_unpublishing_purges_the_page(proxy, rebuttal):
    proxy.get(rebuttal.url)
    with publishing_allowed("测试数据"):
        rebuttal.unpublish()
    status, headers, _ = proxy.get(rebuttal.url)
    assert status in (404, 410) and headers["X-Cache"] == "MISS"


def test_a_logged_in_editor_bypasses_the_cache(proxy, rebuttal):
    proxy.get(rebuttal.url)
    assert proxy.get(rebuttal.url)[1]["X-Cache"] == "HIT"
    client = Client()
    client.force_login(make_user("editor2"))
    session = {"sessionid": client.cookies["sessionid"].value}
    status, headers, body = proxy.get(rebuttal.url, cookies=session)
    assert status == 200 and headers["X-Cache"] == "PASS"
    assert "private" in headers["Cache-Control"]
    # What the editor was served is not what the next reader gets: still the shared copy.
    assert proxy.get(rebuttal.url)[1]["X-Cache"] == "HIT"


def test_a_draft_an_editor_views_is_never_stored_or_shown_to_readers(
    proxy, rebuttal, editorial_setup
):
    rebuttal.title = "网传自来水有毒（修改中的草稿）"
    rebuttal.save_revision()  # a draft, not published
    client = Client()
    client.force_login(make_user("editor3", EDITORS))
    session = {"sessionid": client.cookies["sessionid"].value}
    draft_url = f"/admin/pages/{rebuttal.pk}/view_draft/"
    status, headers, body = proxy.get(draft_url, cookies=session)
    assert status == 200 and "修改中的草稿" in body
    assert headers["X-Cache"] == "PASS" and "private" in headers["Cache-Control"]
    # The same address, anonymously: the login page, never the stored draft.
    for _ in range(2):
        status, headers, body = proxy.get(draft_url)
        assert "修改中的草稿" not in body and headers["X-Cache"] != "HIT"
    status, headers, body = proxy.get(rebuttal.url)
    assert status == 200 and "修改中的草稿" not in body


def test_responses_with_a_csrf_token_or_a_cookie_are_never_stored(proxy, rebuttal):
    from wagtail.models import PageViewRestriction

    # A password-protected page answers with Wagtail's password form: a CSRF token and cookie.
    PageViewRestriction.objects.create(
        page=rebuttal, restriction_type=PageViewRestriction.PASSWORD, password="口令"
    )
    for _ in range(2):
        status, headers, body = proxy.get(rebuttal.url)
        assert "csrfmiddlewaretoken" in body and "Set-Cookie" in headers
        assert headers["X-Cache"] != "HIT" and "private" in headers["Cache-Control"]
    # The tip form and the search page, twice each: never from the cache either.
    for path in ("/tips/", "/search/?q=%E8%B0%A3%E8%A8%80"):
        for _ in range(2):
            status, headers, _ = proxy.get(path)
            assert status == 200 and headers["X-Cache"] != "HIT", path
            assert "public" not in headers.get("Cache-Control", ""), path


def test_an_error_is_never_stored(proxy, settings):
    settings.ROOT_URLCONF = "tests.deploy.urls"
    for _ in range(2):
        status, headers, _ = proxy.get("/overloaded/")
        assert status == 503 and headers["X-Cache"] != "HIT"
        assert "private" in headers["Cache-Control"]


def test_the_worker_purges_before_the_other_jobs_of_a_publish(proxy, rebuttal, worker):
    """A publish queues a dozen jobs (reference index, search pushes); readers wait only for the
    purge, so the real worker takes it first, and the next anonymous view is fresh."""
    worker.stop()
    worker.env["FRONTEND_CACHE_URL"] = proxy.url  # the worker purges the real Varnish
    proxy.get(rebuttal.url)
    assert proxy.get(rebuttal.url)[1]["X-Cache"] == "HIT"
    rebuttal.title = "网传自来水有毒（已更正）"
    publish(rebuttal)
    waiting = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    assert waiting.count() > 2 and "已更正" not in proxy.get(rebuttal.url)[2]

    worker.start()
    assert wait_for(lambda: not waiting.exists(), timeout=60), worker.log_path.read_text()

    runs = DBTaskResult.objects.order_by("started_at").values_list("task_path", "status")
    purges = [
        n for n, (path, _) in enumerate(runs) if path == purge_urls_from_cache_task.module_path
    ]
    assert purges == list(range(len(purges))) and len(purges) < len(runs)
    assert {status for _, status in runs} == {TaskResultStatus.SUCCESSFUL}
    status, headers, body = proxy.get(rebuttal.url)
    assert "已更正" in body and headers["X-Cache"] == "MISS"
