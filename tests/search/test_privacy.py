"""Privacy follows the page in search: a page put behind a view restriction (on itself or on
an ancestor) leaves /search/ and /search/suggest/ and comes back when the restriction goes;
unpublishing, moving into or out of a restricted section and deleting do the same. Checked
through what an anonymous reader gets over HTTP."""

import json

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

import pytest

from cms.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def reader_sees(client, query: str, page) -> dict:
    """Where an anonymous reader searching for `query` meets `page`."""
    client.logout()
    html = client.get("/search/", {"q": query}).content.decode()
    suggestions = json.loads(client.get("/search/suggest/", {"q": query}).content)["suggestions"]
    return {
        "search": f'href="{page.url}"' in html,
        "suggest": page.url in [suggestion["url"] for suggestion in suggestions],
    }


SEEN = {"search": True, "suggest": True}
HIDDEN = {"search": False, "suggest": False}


@pytest.fixture
def set_privacy(admin_client, run_on_commit):
    """Set a page's privacy through the admin's privacy dialog, as an editor does."""

    def _set(page, restriction_type, **fields):
        url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
        data = {"restriction_type": restriction_type, **fields}
        response = run_on_commit(admin_client.post, url, data)
        assert response.status_code == 200
        assert json.loads(response.content)["step"] == "set_privacy_done"

    return _set


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": "password", "password": "s3cret-口令"},
        {"restriction_type": "login"},
        {"restriction_type": "groups", "groups": "editors"},
    ],
    ids=["password", "login", "groups"],
)
def test_a_restricted_page_leaves_search_and_comes_back_when_public(
    client, site_tree, publish, set_privacy, restriction
):
    page = publish(
        StandardPageFactory(parent=site_tree["home"], title="枸杞泡水能治百病", live=False)
    )
    assert reader_sees(client, "枸杞", page) == SEEN
    if restriction.get("groups"):
        restriction = {**restriction, "groups": [Group.objects.create(name="内部").pk]}

    set_privacy(page, **restriction)
    assert reader_sees(client, "枸杞", page) == HIDDEN

    set_privacy(page, "none")
    assert reader_sees(client, "枸杞", page) == SEEN


def test_changing_a_restriction_keeps_the_page_out(client, site_tree, publish, set_privacy):
    page = publish(
        StandardPageFactory(parent=site_tree["home"], title="内部通报菠萝蜜", live=False)
    )
    set_privacy(page, "login")
    set_privacy(page, "password", password="另一个口令")
    assert PageViewRestriction.objects.get(page=page).restriction_type == "password"
    assert reader_sees(client, "菠萝蜜", page) == HIDDEN


def test_a_restricted_section_takes_its_whole_subtree_out(
    backend_name, client, site_tree, publish, set_privacy
):
    section = publish(StandardPageFactory(parent=site_tree["home"], title="内部专题", live=False))
    child = publish(StandardPageFactory(parent=section, title="榴莲壳煮水降火", live=False))
    grandchild = publish(StandardPageFactory(parent=child, title="榴莲配酒致命", live=False))
    draft = StandardPageFactory(parent=section, title="榴莲草稿", live=False)
    assert reader_sees(client, "榴莲", child) == reader_sees(client, "榴莲", grandchild) == SEEN

    set_privacy(section, "login")
    assert reader_sees(client, "榴莲", child) == reader_sees(client, "榴莲", grandchild) == HIDDEN

    set_privacy(section, "none")
    assert reader_sees(client, "榴莲", child) == reader_sees(client, "榴莲", grandchild) == SEEN
    assert reader_sees(client, "榴莲", draft) == HIDDEN  # live pages come back, drafts do not


def test_restrictions_made_in_code_count_too(client, site_tree, publish, run_on_commit):
    section = publish(StandardPageFactory(parent=site_tree["home"], title="专题", live=False))
    child = publish(StandardPageFactory(parent=section, title="山竹寒凉不能吃", live=False))

    restriction = run_on_commit(
        PageViewRestriction.objects.create, page=section, restriction_type="login"
    )
    assert reader_sees(client, "山竹", child) == HIDDEN

    run_on_commit(restriction.delete)
    assert reader_sees(client, "山竹", child) == SEEN


def test_an_inner_restriction_removed_leaves_the_outer_one(client, site_tree, publish, set_privacy):
    section = publish(StandardPageFactory(parent=site_tree["home"], title="外层", live=False))
    child = publish(StandardPageFactory(parent=section, title="火龙果变色", live=False))
    set_privacy(section, "login")
    set_privacy(child, "password", password="口令")

    set_privacy(child, "none")
    assert reader_sees(client, "火龙果", child) == HIDDEN


def test_moving_into_and_out_of_a_restricted_section(
    backend_name, client, site_tree, publish, set_privacy, run_on_commit
):
    private = publish(StandardPageFactory(parent=site_tree["home"], title="内部", live=False))
    set_privacy(private, "login")
    section = publish(StandardPageFactory(parent=site_tree["home"], title="芒果专题", live=False))
    child = publish(StandardPageFactory(parent=section, title="芒果配牛奶中毒", live=False))

    run_on_commit(section.move, private, pos="last-child")
    child.refresh_from_db()
    assert reader_sees(client, "芒果", child) == HIDDEN

    run_on_commit(section.move, site_tree["about"], pos="last-child")
    child.refresh_from_db()
    assert child.url.startswith("/about/")
    assert reader_sees(client, "芒果", child) == SEEN


def test_unpublishing_and_deleting_take_the_page_out(client, site_tree, publish, run_on_commit):
    first = publish(StandardPageFactory(parent=site_tree["home"], title="荔枝病一", live=False))
    second = publish(StandardPageFactory(parent=site_tree["home"], title="荔枝病二", live=False))
    run_on_commit(first.unpublish)
    assert reader_sees(client, "荔枝", first) == HIDDEN
    assert reader_sees(client, "荔枝", second) == SEEN

    url = second.url
    run_on_commit(second.delete)
    html = client.get("/search/", {"q": "荔枝"}).content.decode()
    assert f'href="{url}"' not in html


def test_a_promoted_page_is_not_shown_once_restricted(client, site_tree, publish, set_privacy):
    page = publish(StandardPageFactory(parent=site_tree["home"], title="杨梅", live=False))
    SearchPromotion.objects.create(
        query=Query.get("水果"), page=page, description="编辑推荐的杨梅说明", sort_order=0
    )
    assert "编辑推荐的杨梅说明" in client.get("/search/", {"q": "水果"}).content.decode()

    set_privacy(page, "login")
    client.logout()
    assert "编辑推荐的杨梅说明" not in client.get("/search/", {"q": "水果"}).content.decode()


def test_a_restricted_rebuttal_leaves_the_feeds_and_the_sitemap(
    client, site_tree, publish, set_privacy
):
    from debunk.factories import RebuttalPageFactory

    page = publish(
        RebuttalPageFactory(parent=site_tree["rumours"], title="内部核查中的传言", live=False)
    )

    def listed() -> dict:
        client.logout()
        feed = client.get(site_tree["rumours"].url + "feed/rss/").content.decode()
        sitemap = client.get("/sitemap.xml").content.decode()
        return {"feed": "内部核查中的传言" in feed, "sitemap": page.url in sitemap}

    assert listed() == {"feed": True, "sitemap": True}
    set_privacy(page, "login")
    assert listed() == {"feed": False, "sitemap": False}
    set_privacy(page, "none")
    assert listed() == {"feed": True, "sitemap": True}
