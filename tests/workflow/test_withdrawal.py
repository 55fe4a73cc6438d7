"""Unpublishing a reviewed item asks for a reason, and readers at the old address learn why."""

from django.test import Client
from django.urls import reverse

import pytest

from cms.models import WithdrawalNotice

from .helpers import reader_status

pytestmark = [pytest.mark.django_db, pytest.mark.guarded_publishing]

REASON = "经复核，原结论依据的通报已被发布机构更正，本文撤下重新核查。"


def unpublish(client, page, **data):
    return client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]), data)


def test_unpublishing_without_a_reason_is_refused(published, chief, as_user):
    response = unpublish(as_user(chief), published, withdrawal_reason="   ")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:unpublish", args=[published.pk])
    published.refresh_from_db()
    assert published.live and reader_status(published) == 200


def test_readers_get_410_with_the_reason_and_search_drops_it(
    published, chief, as_user, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the search index syncs on commit
        published.get_latest_revision().publish(user=admin_user)
    url = published.url
    feed_url = published.get_parent().url + "feed/rss/"

    def search_links_to_it() -> bool:
        html = Client().get("/search/", {"q": "已发布的辟谣"}).content.decode()
        return f'href="{url}"' in html

    assert search_links_to_it()
    assert "已发布的辟谣" in Client().get(feed_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = unpublish(as_user(chief), published, withdrawal_reason=REASON)
    assert response.status_code == 302
    published.refresh_from_db()
    assert not published.live

    reader = Client().get(url)
    assert reader.status_code == 410
    html = reader.content.decode()
    assert "该内容已撤下" in html and REASON in html and "已发布的辟谣" in html
    assert not search_links_to_it()
    feed = Client().get(feed_url)
    assert feed.status_code == 200 and "已发布的辟谣" not in feed.content.decode()


def test_publishing_again_removes_the_notice(published, chief, as_user, admin_user):
    unpublish(as_user(chief), published, withdrawal_reason=REASON)
    assert reader_status(published) == 410
    published.refresh_from_db()
    published.get_latest_revision().publish(user=admin_user)
    assert reader_status(published) == 200
    assert not WithdrawalNotice.objects.exists()


def test_an_unknown_address_is_still_404():
    assert Client().get("/no-such-page-here/").status_code == 404
