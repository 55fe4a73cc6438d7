"""Episodes link to the rebuttals they explain: the admin inline, the 相关辟谣 block, search."""

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from cms.models.workflow import fact_check_fingerprint
from debunk.factories import RebuttalPageFactory
from debunk.verdicts import Verdict
from search.reindex import live_pages
from search.sync import build_document
from tests.video.test_admin import add_url, episode_form, errors_of
from video.factories import VideoEpisodePageFactory, VideoEpisodeRebuttalFactory
from video.models import VideoEpisodePage, VideoEpisodeRebuttal

pytestmark = pytest.mark.django_db

# The episode page with an embedded video (SQLite): the same with 1 linked rebuttal or 6.
EPISODE_PAGE_QUERIES = 12  # the site shell (settings, menu) comes from the cache


@pytest.fixture
def column(site_tree):
    return site_tree["rumours"]


@pytest.fixture
def episode(series):
    return VideoEpisodePageFactory(parent=series, title="隔夜菜会致癌吗", slug="overnight")


def link(episode, *rebuttals):
    for rebuttal in rebuttals:
        VideoEpisodeRebuttalFactory(page=episode, rebuttal=rebuttal)


def related_block(html: str) -> str:
    start = html.index('<section class="related related--rebuttals"')
    return html[start : html.index("</section>", start)]


def test_editor_links_rebuttals_in_the_admin_and_readers_see_them_in_order(
    admin_client, client, series, column
):
    first = RebuttalPageFactory(parent=column, title="隔夜菜致癌？部分属实", verdict="partly_true")
    second = RebuttalPageFactory(parent=column, title="剩菜不能进冰箱？谣言")

    response = admin_client.post(add_url(series), episode_form(rebuttals=[second, first]))

    assert response.status_code == 302, errors_of(response)[:3000]
    episode = VideoEpisodePage.objects.get(slug="overnight")
    assert [link.rebuttal_id for link in episode.rebuttal_links.all()] == [second.pk, first.pk]
    block = related_block(client.get(episode.url).content.decode())
    assert block.index("剩菜不能进冰箱？谣言") < block.index("隔夜菜致癌？部分属实")
    assert '<span class="verdict verdict--partly_true">' in block
    assert f'href="{first.url}"' in block


def test_the_chooser_offers_rebuttals_only_and_other_pages_are_refused(admin_client, series):
    html = admin_client.get(add_url(series)).content.decode()
    assert "debunk.rebuttalpage" in html  # the page chooser's model filter

    response = admin_client.post(add_url(series), episode_form(rebuttals=[series]))

    assert "选择一个有效的选项" in errors_of(response)
    assert not VideoEpisodePage.objects.filter(slug="overnight").exists()


def test_drafts_unpublished_and_restricted_rebuttals_are_not_shown(client, episode, column):
    shown = RebuttalPageFactory(parent=column, title="已发布的辟谣")
    draft = RebuttalPageFactory(parent=column, title="还在草稿的辟谣", live=False)
    withdrawn = RebuttalPageFactory(parent=column, title="已撤下的辟谣")
    withdrawn.unpublish()
    private = RebuttalPageFactory(parent=column, title="仅登录可见的辟谣")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    link(episode, draft, shown, withdrawn, private)

    html = client.get(episode.url).content.decode()

    assert "已发布的辟谣" in related_block(html)
    for title in ("还在草稿的辟谣", "已撤下的辟谣", "仅登录可见的辟谣"):
        assert title not in html


def test_no_block_and_no_column_styles_without_links(client, episode, column):
    link(episode, RebuttalPageFactory(parent=column, live=False))
    html = client.get(episode.url).content.decode()
    assert "相关辟谣" not in html and "debunk/css/debunk.css" not in html


def test_query_count_is_pinned_whether_one_rebuttal_is_linked_or_six(
    client, episode, column, django_assert_num_queries
):
    link(episode, RebuttalPageFactory(parent=column))
    client.get(episode.url)  # warm the per-process caches (site root paths)
    with django_assert_num_queries(EPISODE_PAGE_QUERIES):
        assert related_block(client.get(episode.url).content.decode()).count("<li") == 1

    link(episode, *RebuttalPageFactory.create_batch(5, parent=column, verdict=Verdict.MISLEADING))
    with django_assert_num_queries(EPISODE_PAGE_QUERIES):
        assert related_block(client.get(episode.url).content.decode()).count("<li") == 6


def test_preview_shows_unsaved_links_but_not_drafts(episode, column):
    published = RebuttalPageFactory(parent=column, title="预览中新加的辟谣")
    draft = RebuttalPageFactory(parent=column, title="预览中的草稿辟谣", live=False)
    episode.rebuttal_links = [
        VideoEpisodeRebuttal(rebuttal=published),
        VideoEpisodeRebuttal(rebuttal=draft),
    ]

    html = episode.make_preview_request().content.decode()

    assert "预览中新加的辟谣" in related_block(html)
    assert "预览中的草稿辟谣" not in html


def test_search_document_holds_the_linked_rebuttals_readers_may_see(episode, column):
    shown = RebuttalPageFactory(
        parent=column, title="隔夜菜致癌？部分属实", claim_summary="网传隔夜菜亚硝酸盐超标"
    )
    draft = RebuttalPageFactory(parent=column, title="草稿里的标题", live=False)
    link(episode, shown, draft)

    published = build_document(VideoEpisodePage.objects.get(pk=episode.pk))
    reindexed = next(
        build_document(page) for page in live_pages() if page.pk == episode.pk
    )  # the full rebuild prefetches the links of every episode at once

    assert published.body == reindexed.body == "隔夜菜致癌？部分属实\n网传隔夜菜亚硝酸盐超标"


def test_relinking_after_the_fact_check_changes_the_fingerprint(episode, column):
    before = fact_check_fingerprint(episode)
    link(episode, RebuttalPageFactory(parent=column))
    assert fact_check_fingerprint(VideoEpisodePage.objects.get(pk=episode.pk)) != before


def test_an_episode_without_links_can_still_pass_the_fact_check(episode):
    """A 科普 episode may explain no single rumour: linking one is not on the checklist."""
    episode.transcript = "文字稿"
    assert episode.fact_check_problems() == []


def test_admin_edit_page_lists_the_links(admin_client, episode, column):
    link(episode, RebuttalPageFactory(parent=column, title="编辑页里的辟谣"))
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(episode.pk,))).content
    assert "编辑页里的辟谣" in html.decode()
