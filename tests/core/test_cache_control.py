"""The Cache-Control policy (core/cache_control.py): what a shared cache may keep."""

from django.http import HttpResponse, HttpResponseServerError
from django.test import RequestFactory
from django.views.decorators.cache import never_cache

import pytest

from core.cache_control import CacheControlMiddleware
from debunk.factories import RebuttalPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rebuttal(site_tree):
    page = RebuttalPageFactory(parent=site_tree["rumours"], slug="water")
    page.save_revision().publish()
    return page


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_an_anonymous_reader_page_is_public_for_a_short_while(client, rebuttal, settings):
    response = client.get(rebuttal.url)
    assert response.status_code == 200
    assert directives(response) == {
        "public",
        f"max-age={settings.CACHE_CONTROL_MAX_AGE}",
        f"s-maxage={settings.CACHE_CONTROL_SHARED_MAX_AGE}",
        f"stale-while-revalidate={settings.CACHE_CONTROL_STALE_WHILE_REVALIDATE}",
    }
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies


def test_the_column_and_a_missing_page_are_public_too(client, rebuttal, site_tree):
    assert "public" in directives(client.get(site_tree["rumours"].url))
    missing = client.get(site_tree["rumours"].url + "no-such-rebuttal/")
    assert missing.status_code == 404 and "public" in directives(missing)


def test_a_logged_in_user_gets_a_private_page(client, rebuttal, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", password="x"))
    response = client.get(rebuttal.url)
    assert response.status_code == 200
    assert {"private", "no-cache"} <= directives(response)


def test_a_flash_message_cookie_makes_the_page_private(client, rebuttal):
    client.cookies["messages"] = "anything"
    assert "private" in directives(client.get(rebuttal.url))


def test_forms_with_csrf_tokens_are_private(client):
    response = client.get("/tips/")
    assert response.status_code == 200 and "public" not in response["Cache-Control"]


def test_the_admin_keeps_its_own_never_cache(admin_client):
    response = admin_client.get("/admin/")
    assert {"no-cache", "no-store", "private"} <= directives(response)


def middleware_response(view, method="get", **attributes):
    request = getattr(RequestFactory(), method)("/somewhere/")
    for name, value in attributes.items():
        setattr(request, name, value)
    return CacheControlMiddleware(view)(request)


def test_errors_posts_and_previews_are_private():
    assert "private" in directives(middleware_response(lambda r: HttpResponseServerError()))
    assert "private" in directives(middleware_response(lambda r: HttpResponse(), method="post"))
    assert "private" in directives(middleware_response(lambda r: HttpResponse(), is_preview=True))


def test_a_public_claim_with_a_cookie_is_overruled():
    def view(request):
        response = HttpResponse()
        response["Cache-Control"] = "public, max-age=300"
        response.set_cookie("tracking", "1")
        return response

    assert directives(middleware_response(view)) == {"private", "no-cache"}


def test_a_view_that_decided_keeps_its_decision():
    response = middleware_response(never_cache(lambda r: HttpResponse()))
    assert "no-store" in directives(response) and "public" not in directives(response)
