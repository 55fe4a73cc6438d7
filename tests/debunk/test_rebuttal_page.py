"""The reader's rebuttal page: verdict first, then the answer, claim, evidence, corrections."""

import re

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from cms.factories import StandardPageFactory
from debunk.factories import RebuttalPageFactory, RelatedRebuttalFactory
from debunk.models import EvidenceSource
from debunk.verdicts import Verdict
from tests.debunk.conftest import add_relations

pytestmark = pytest.mark.django_db


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def position(html, fragment):
    index = html.find(fragment)
    assert index >= 0, f"{fragment!r} not on the page"
    return index


def test_the_page_reads_in_the_promised_order(client, rebuttal):
    html = get_html(client, "/rumours/tap-water/")
    main = html[position(html, '<main id="main"') :]

    order = [
        'class="verdict verdict--false verdict--large"',
        "<h1>网传“清源自来水有毒”？假的！</h1>",
        '<h2 id="truth-heading" class="truth-box__title">真相</h2>',
        '<h2 id="claim-heading">网传说法</h2>',
        'class="rebuttal__body"',
        '<h2 id="sources-heading">信息来源</h2>',
        '<h2 id="corrections-heading">更正</h2>',
        '<h2 id="related-rebuttals-heading">相关辟谣</h2>',
    ]
    positions = [position(main, fragment) for fragment in order]
    assert positions == sorted(positions)


def test_the_verdict_label_is_text_not_only_colour(client, rebuttal):
    html = get_html(client, "/rumours/tap-water/")
    label = html[position(html, '<span class="verdict verdict--false verdict--large">') :]
    label = label[: label.index('<span class="rebuttal__kind">')]
    assert re.sub(r"<[^>]+>|\s", "", label) == "✕核查结论：谣言"  # glyph, then words
    assert '<span class="verdict__icon" aria-hidden="true">✕</span>' in label


def test_claim_answer_and_facts_are_shown(client, rebuttal):
    html = get_html(client, "/rumours/tap-water/")
    assert "县水务局检测显示，自来水各项指标合格，网传消息不实。" in html
    assert '<blockquote class="claim__text">紧急通知：明天起全城自来水有毒' in html
    assert "<dd>微信群、朋友圈</dd>" in html
    assert "2025年2月27日" in html
    assert "<dd>某微信公众号</dd>" in html
    assert 'href="https://weibo.example.com/123" rel="nofollow noopener noreferrer"' in html
    assert "以下为网络流传内容，<strong>核查结论：谣言</strong>，请勿转发。" in html


def test_sources_are_a_numbered_list(client, rebuttal):
    EvidenceSource.objects.create(
        page=rebuttal, sort_order=5, title="现场取样检测", authority="", url="", kind="on_site"
    )
    html = get_html(client, "/rumours/tap-water/")
    sources = html[position(html, '<ol class="sources__list">') :]
    sources = sources[: sources.index("</ol>")]
    assert sources.count("<li ") == 2
    assert 'id="source-1"' in sources and 'id="source-2"' in sources
    assert 'rel="nofollow noopener">关于自来水水质的情况说明' in sources
    assert "清源县水务局 · 官方通报 · " in sources
    assert "<span>现场取样检测</span>" in sources  # no URL: not a link
    assert "实地核查" in sources


def test_corrections_credits_tags_and_attribution(client, rebuttal):
    html = get_html(client, "/rumours/tap-water/")
    correction = '<span class="correction__label">更正</span><time datetime="2025-03-05">'
    assert f"{correction}2025年3月5日</time>" in html
    assert "此前误写检测日期" in html
    assert 'href="#corrections">已更正</a>' in html
    assert "事实核查：核查员" in html
    assert '<span class="tag">水质</span>' in html and '<span class="tag">自来水</span>' in html
    assert '<p class="rebuttal__attribution">演示内容</p>' in html


def test_related_rebuttals_show_only_live_ones_with_their_verdict(client, rebuttal, column):
    draft = RebuttalPageFactory(parent=column, title="尚未发布的辟谣", live=False)
    RelatedRebuttalFactory(page=rebuttal, rebuttal=draft)
    html = get_html(client, "/rumours/tap-water/")
    related = html[position(html, 'class="related related--rebuttals"') :]
    assert "verdict--misleading" in related
    assert "尚未发布的辟谣" not in related


def test_body_blocks_render_and_stay_sanitised(client, rebuttal):
    html = get_html(client, "/rumours/tap-water/")
    assert '<div class="rich-text markdown"><h2>检测结果</h2>' in html
    assert "<strong>全部合格</strong>" in html
    assert "<script>alert" not in html
    assert "出厂水和末梢水均符合国家标准。" in html
    assert '<span class="authority-quote__speaker">清源县水务局</span>' in html
    assert 'href="https://water.example.gov.cn/notice" rel="nofollow noopener">查看出处' in html


def test_an_authority_quote_with_a_script_url_is_not_linked(client, column):
    RebuttalPageFactory(
        parent=column,
        slug="quote",
        body=[
            {
                "type": "authority_quote",
                "value": {"text": "原话", "speaker": "某局", "source_url": "javascript:alert(1)"},
            }
        ],
    )
    html = get_html(client, "/rumours/quote/")
    assert "javascript:" not in html
    assert "查看出处" not in html


def test_screenshots_are_marked_as_the_rumour(client, column):
    page = add_relations(RebuttalPageFactory(parent=column, slug="shots"), screenshots=2)
    html = get_html(client, "/rumours/shots/")
    assert html.count('<span class="rumour-shot__stamp" aria-hidden="true">谣言截图</span>') == 2
    assert html.count('alt="谣言截图：微信群截图"') == 2
    assert "网传截图（谣言）：微信群截图" in html
    assert page.screenshots.count() == 2


def test_sharing_meta_and_canonical_url(client, rebuttal):
    html = get_html(client, "/rumours/tap-water/")
    assert '<link rel="canonical" href="http://localhost/rumours/tap-water/">' in html
    # The verdict leads, then the claim in short: a share never carries the rumour alone.
    assert "<title>【谣言】网传清源全城自来水有毒 - " in html
    assert '<meta property="og:title" content="【谣言】网传清源全城自来水有毒">' in html
    assert '<meta property="og:url" content="http://localhost/rumours/tap-water/">' in html
    assert '<meta property="og:description" content="县水务局检测显示' in html
    assert '<meta property="og:site_name" content="测试县委网信办">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:image" content="http://localhost/share/' in html
    assert '<meta name="twitter:title" content="【谣言】' in html


def test_verdict_scale_link_redirects_to_the_explanation_page(client, rebuttal, column, site_tree):
    assert client.get("/rumours/verdicts/").status_code == 404  # not set up yet
    assert "我们如何给出核查结论" not in get_html(client, "/rumours/tap-water/")

    verdicts = StandardPageFactory(parent=site_tree["about"], slug="verdicts", title="核查结论说明")
    column.verdicts_page = verdicts
    column.save_revision().publish()

    assert 'href="/rumours/verdicts/">我们如何给出核查结论？' in get_html(
        client, "/rumours/tap-water/"
    )
    response = client.get("/rumours/verdicts/")
    assert response.status_code == 302
    assert response["Location"] == "/about/verdicts/"


def test_drafts_are_not_served(client, column):
    RebuttalPageFactory(parent=column, slug="draft", live=False)
    assert client.get("/rumours/draft/").status_code == 404
    assert client.get("/rumours/no-such-rebuttal/").status_code == 404


@pytest.mark.parametrize("restricted", ["column", "rebuttal"])
def test_view_restrictions_still_apply(client, rebuttal, column, restricted):
    page = column if restricted == "column" else rebuttal
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="内部"))
    response = client.get("/rumours/tap-water/")
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]


def test_preview_shows_unsaved_sources(rebuttal):
    rebuttal.sources = [EvidenceSource(title="预览中的新来源", authority="县卫健委")]
    response = rebuttal.make_preview_request()
    assert response.status_code == 200
    assert "预览中的新来源" in response.content.decode()


# Query counts: pinned, and the same however many items each relation holds.

REBUTTAL_PAGE_QUERIES = 9  # the site shell (settings, menu) comes from the cache


def count_queries(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # warm the per-process caches (site root paths, renditions) once
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_a_rebuttal_page_needs_9_queries_however_much_it_holds(
    client, column, django_assert_max_num_queries
):
    small = add_relations(RebuttalPageFactory(parent=column, slug="small"))
    small.tags.add("甲")
    small.save()
    large = add_relations(
        RebuttalPageFactory(parent=column, slug="large"),
        sources=8,
        corrections=4,
        credits=4,
        related=6,
    )
    large.tags.add("甲", "乙", "丙", "丁")
    large.save()

    limit = REBUTTAL_PAGE_QUERIES
    small_count = count_queries(client, "/rumours/small/", django_assert_max_num_queries, limit)
    large_count = count_queries(client, "/rumours/large/", django_assert_max_num_queries, limit)
    assert small_count == large_count == REBUTTAL_PAGE_QUERIES


def test_screenshots_cost_one_query_for_all_of_them(client, column, django_assert_max_num_queries):
    add_relations(RebuttalPageFactory(parent=column, slug="one-shot"), screenshots=1)
    add_relations(RebuttalPageFactory(parent=column, slug="many-shots"), screenshots=4)
    limit = REBUTTAL_PAGE_QUERIES + 1  # the screenshots' renditions, fetched together
    one = count_queries(client, "/rumours/one-shot/", django_assert_max_num_queries, limit)
    many = count_queries(client, "/rumours/many-shots/", django_assert_max_num_queries, limit)
    assert one == many


def test_verdict_labels_use_the_scale_for_every_verdict(client, column):
    for verdict in Verdict:
        RebuttalPageFactory(parent=column, slug=f"v-{verdict.value}", verdict=verdict)
        html = get_html(client, f"/rumours/v-{verdict.value}/")
        assert f"verdict--{verdict.value} verdict--large" in html
        assert f"核查结论：</span>{verdict.label}" in html
