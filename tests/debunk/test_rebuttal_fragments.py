"""The rendered article of a published rebuttal is kept in the cache ({% fragment %},
core/generations.py): a second view reads it instead of the page's relations, and every change a
reader would see on the page, on this page or another, shows on the next view."""

from django.core.cache import cache

from wagtail.models import Site

import pytest

from cms.models import SiteSettings
from core.generations import CONTENT_KEY
from debunk.factories import RebuttalPageFactory, RelatedRebuttalFactory
from debunk.models import EvidenceSource
from tests.debunk.conftest import add_relations

pytestmark = pytest.mark.django_db

URL = "/rumours/tap-water/"
# Route (the column, the rebuttal with its category) and the view-restriction check: the
# relations (sources, corrections, credits, related, tags, settings) come with the article.
QUERIES_WITH_THE_ARTICLE_CACHED = 3


def published(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def live_rebuttal(rebuttal):
    return published(rebuttal)


def html_of(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_reads_the_article_from_the_cache(
    client, live_rebuttal, django_assert_num_queries
):
    first = html_of(client)
    with django_assert_num_queries(QUERIES_WITH_THE_ARTICLE_CACHED):
        second = html_of(client)
    assert second == first
    assert "县水务局检测显示" in second  # the article, not an empty fragment


def test_the_cached_article_is_the_same_however_much_the_page_holds(
    client, column, organisation, django_assert_num_queries
):
    large = add_relations(
        RebuttalPageFactory(parent=column, slug="large"), sources=8, corrections=4, related=6
    )
    published(large)
    html_of(client, "/rumours/large/")
    with django_assert_num_queries(QUERIES_WITH_THE_ARTICLE_CACHED):
        html_of(client, "/rumours/large/")


def test_publishing_a_new_version_shows_it_next_view(client, live_rebuttal):
    html_of(client)
    live_rebuttal.short_answer = "更正后的真相：水质合格。"
    live_rebuttal.sources.add(EvidenceSource(title="第二份检测报告", authority="县疾控中心"))
    published(live_rebuttal)
    html = html_of(client)
    assert "更正后的真相：水质合格。" in html
    assert "第二份检测报告" in html


def test_a_related_rebuttal_retitled_or_unpublished_elsewhere_shows_next_view(
    client, live_rebuttal, column
):
    other = published(RebuttalPageFactory(parent=column, slug="other", title="另一条辟谣"))
    RelatedRebuttalFactory(page=live_rebuttal, rebuttal=other)
    published(live_rebuttal)
    assert "另一条辟谣" in html_of(client)

    other.title = "另一条辟谣（已更新）"
    published(other)
    assert "另一条辟谣（已更新）" in html_of(client)

    other.unpublish()
    assert "另一条辟谣" not in html_of(client)


def test_a_renamed_category_shows_next_view(client, live_rebuttal):
    html_of(client)
    category = live_rebuttal.category
    category.name = "食品药品安全"
    category.save()
    assert "食品药品安全" in html_of(client)


def test_a_renamed_organisation_shows_next_view(client, live_rebuttal):
    html_of(client)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "清源县融媒体中心（新）"
    settings.save()
    assert 'content="清源县融媒体中心（新）"' in html_of(client)


def test_a_draft_preview_never_uses_or_fills_the_cached_article(client, live_rebuttal):
    live_html = html_of(client)
    live_rebuttal.short_answer = "草稿里的新真相"
    preview = live_rebuttal.make_preview_request(original_request=None)
    assert "草稿里的新真相" in preview.content.decode()
    # The live page is untouched by the preview (the draft is not published).
    assert html_of(client) == live_html


def test_logged_in_editors_get_the_same_article_and_their_own_shell(
    client, live_rebuttal, django_user_model
):
    anonymous_html = html_of(client)
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(editor)
    editor_html = html_of(client)
    article = anonymous_html[anonymous_html.index("<article") : anonymous_html.index("</article>")]
    assert article in editor_html
    assert "csrfmiddlewaretoken" not in article
    client.logout()
    assert html_of(client) == anonymous_html  # and the reader never gets the editor's shell


@pytest.mark.parametrize("seconds", [0])
def test_the_cache_can_be_turned_off(client, live_rebuttal, settings, seconds):
    settings.PAGE_FRAGMENT_CACHE_SECONDS = seconds
    html_of(client)
    live_rebuttal.sources.all().update(title="不经发布直接改的来源")
    assert "不经发布直接改的来源" in html_of(client)


# The column's listing: cached per query, dropped by any publish.

QUERIES_WITH_THE_LISTING_CACHED = 3  # route, view restrictions, the filter's categories


@pytest.fixture
def live_column(column, organisation):
    published(column)
    for n in range(3):
        published(RebuttalPageFactory(parent=column, slug=f"listed-{n}", title=f"第{n}条辟谣"))
    return column


def test_a_second_view_of_the_column_reads_the_listing_from_the_cache(
    client, live_column, django_assert_num_queries
):
    first = html_of(client, "/rumours/?verdict=false")
    with django_assert_num_queries(QUERIES_WITH_THE_LISTING_CACHED):
        second = html_of(client, "/rumours/?verdict=false")
    assert second == first
    assert "第2条辟谣" in second
    # Another filter is another listing, not the cached one.
    assert html_of(client, "/rumours/?verdict=true") != first


def test_a_rebuttal_published_or_unpublished_shows_in_the_listing_next_view(client, live_column):
    html_of(client, "/rumours/")
    new = published(RebuttalPageFactory(parent=live_column, slug="new-one", title="刚发布的辟谣"))
    assert "刚发布的辟谣" in html_of(client, "/rumours/")
    new.unpublish()
    assert "刚发布的辟谣" not in html_of(client, "/rumours/")


def test_unknown_parameters_are_rendered_not_cached(client, live_column, django_assert_num_queries):
    html_of(client, "/rumours/?utm_source=wechat")
    with django_assert_num_queries(QUERIES_WITH_THE_LISTING_CACHED + 1):  # the cards again
        html = html_of(client, "/rumours/?utm_source=wechat")
    assert "第2条辟谣" in html


def test_what_a_view_cached_before_the_publish_committed_is_dropped_at_commit(
    client, live_rebuttal, django_capture_on_commit_callbacks
):
    """A reader's view while a publish is still uncommitted reads the old rows; it may cache
    them under the publish's new token, so the commit replaces the token once more."""
    with django_capture_on_commit_callbacks(execute=True):
        live_rebuttal.short_answer = "提交后才可见的新真相"
        revision = live_rebuttal.save_revision()
        revision.publish()
        # A view racing the publish would cache the article as it was, under this token.
        interim = cache.get(CONTENT_KEY)
    assert cache.get(CONTENT_KEY) != interim
    assert "提交后才可见的新真相" in html_of(client)
