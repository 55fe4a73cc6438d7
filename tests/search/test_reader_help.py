"""The reader search page helps: snippets are the text readers see (never Markdown source), the
claim shows once, a search that finds nothing leads to 我要求证 with the query, and the box's
examples are searches that found answers."""

import json

from django.utils import timezone

import pytest

from debunk.factories import RebuttalPageFactory
from search.models import SearchQueryStat

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


@pytest.fixture
def markdown_rebuttal(site_tree, publish):
    page = RebuttalPageFactory(
        parent=site_tree["rumours"],
        slug="rice",
        title="吃了嚼不烂的大米会中毒？",
        claim_text="吃了嚼不烂的大米会中毒？",
        short_answer="",
        live=False,
        body=json.dumps(
            [{"type": "markdown", "value": "## 为什么嚼不烂\n\n**陈米**受潮后口感变差，并非塑料。"}]
        ),
    )
    return publish(page)


def test_snippets_show_rendered_text_not_markdown(client, markdown_rebuttal):
    response = client.get(SEARCH, {"q": "嚼不烂"})
    hit = response.context["results"].hits[0]
    snippet = str(hit.snippet_html)
    assert "为什么" in snippet and "受潮" in snippet
    assert "##" not in snippet and "**" not in snippet


def test_the_claim_shows_once_when_the_title_is_the_claim(client, markdown_rebuttal):
    hit = client.get(SEARCH, {"q": "嚼不烂"}).context["results"].hits[0]
    assert "中毒" not in str(hit.snippet_html)  # the title already says it


def test_nothing_found_offers_the_tip_form_with_the_query(client, site_tree):
    html = client.get(SEARCH, {"q": "外星人 绑架"}).content.decode()
    assert (
        'href="/tips/?q=%E5%A4%96%E6%98%9F%E4%BA%BA%20%E7%BB%91%E6%9E%B6">没找到？我要求证' in html
    )
    form = client.get("/tips/", {"q": "外星人 绑架"}).content.decode()
    assert ">\n外星人 绑架</textarea>" in form or ">外星人 绑架</textarea>" in form


def test_results_use_the_columns_verdict_badge(client, markdown_rebuttal):
    html = client.get(SEARCH, {"q": "嚼不烂"}).content.decode()
    assert '<span class="verdict verdict--false">' in html


def test_placeholder_examples_are_searches_that_found_answers(client, site_tree):
    today = timezone.localdate()
    SearchQueryStat.objects.create(query="碘盐", date=today, searches=4, found=True)
    SearchQueryStat.objects.create(query="外星人", date=today, searches=9, found=False)
    html = client.get(SEARCH).content.decode()
    assert 'placeholder="例如：碘盐' in html and "外星人" not in html
