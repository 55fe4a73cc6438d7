"""Rich text is sanitised twice: as it is stored, whatever writes it (core.stored_rich_text), and
as it is shown (the |rich and |markdown filters). Every payload of tests/hostile.py comes out of
both inert, and cleaning is stable: what was cleaned once does not change when cleaned again."""

import json

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template import engines

from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

import pytest

from core.markup import render_markdown, render_rich_text, sanitise_html, sanitise_stored_rich_text
from core.stored_rich_text import clean_block_data
from debunk.factories import RebuttalPageFactory
from debunk.models import RebuttalPage
from tests.hostile import JS, PAYLOADS, script_problems
from video.factories import VideoSeriesPageFactory
from video.models import VideoSeriesPage

HOSTILE_HTML = (
    f'<p>正文<script>{JS}</script><a href="javascript:{JS}">链接</a>'
    f'<img src=x onerror="{JS}"></p><iframe src="javascript:{JS}"></iframe>'
)


def document(fragment: str) -> str:
    return f"<!DOCTYPE html><html><body><div>{fragment}</div></body></html>"


def render(template: str, value) -> str:
    return engines["django"].from_string("{% load markup_tags %}" + template).render({"v": value})


# -- the corpus through each path ----------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_is_inert_through_the_filters_and_the_stored_form(payload):
    stored = sanitise_stored_rich_text(payload)
    for output in [
        render("{{ v|rich }}", payload),
        render("{{ v|markdown }}", payload),
        render("{{ v|rich }}", stored),
    ]:
        assert script_problems(document(output), settings.STATIC_URL) == [], output


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cleaning_is_stable(payload):
    """Cleaned HTML parsed and cleaned again comes out the same (no mutation on re-parsing)."""
    stored = sanitise_stored_rich_text(payload)
    assert sanitise_stored_rich_text(stored) == stored
    shown = sanitise_html(payload)
    assert sanitise_html(shown) == shown


# -- the stored form -----------------------------------------------------------------------------


def test_draftail_output_is_stored_unchanged():
    converter = ContentstateConverter(features=["bold", "italic", "link", "ol", "ul", "hr"])
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": 'a<b 和 b>c & "引号" 链接',
                "inlineStyleRanges": [{"offset": 0, "length": 1, "style": "BOLD"}],
                "entityRanges": [{"key": 0, "offset": 16, "length": 2}],
            },
            {
                "key": "d4e5f",
                "type": "unordered-list-item",
                "depth": 0,
                "text": "一\n二",
                "inlineStyleRanges": [{"offset": 0, "length": 1, "style": "ITALIC"}],
                "entityRanges": [],
            },
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "https://x.cn/?a=1&b=2"}}
        },
    }
    stored = converter.to_database_format(json.dumps(contentstate))
    assert "data-block-key" in stored and "<br/>" in stored
    assert sanitise_stored_rich_text(stored) == stored


def test_links_to_pages_and_documents_are_kept_in_the_stored_form():
    source = (
        '<p data-block-key="k1"><a linktype="page" id="3">页</a>'
        '<a linktype="document" id="7">文</a></p>'
    )
    assert sanitise_stored_rich_text(source) == source
    cleaned = sanitise_stored_rich_text('<p><a linktype="page" id="3 onclick=x">页</a></p>')
    assert cleaned == '<p><a linktype="page">页</a></p>'


def test_rich_text_nested_in_structs_and_lists_is_cleaned():
    block = blocks.StreamBlock(
        [
            (
                "card",
                blocks.StructBlock(
                    [
                        ("body", blocks.RichTextBlock()),
                        ("notes", blocks.ListBlock(blocks.RichTextBlock())),
                        ("title", blocks.CharBlock()),
                    ]
                ),
            )
        ]
    )
    data = [
        {
            "type": "card",
            "id": "x",
            "value": {
                "body": HOSTILE_HTML,
                "notes": [{"type": "item", "value": HOSTILE_HTML, "id": "y"}, HOSTILE_HTML],
                "title": "<b>title</b>",  # plain text: escaped on output, left as written
            },
        }
    ]
    cleaned = clean_block_data(block, data)[0]["value"]
    expected = sanitise_stored_rich_text(HOSTILE_HTML)
    assert "<script" not in expected and "onerror" not in expected and "javascript" not in expected
    assert cleaned["body"] == expected
    assert cleaned["notes"] == [{"type": "item", "value": expected, "id": "y"}, expected]
    assert cleaned["title"] == "<b>title</b>"
    assert data[0]["value"]["body"] == HOSTILE_HTML  # the input is left alone


# -- every path that writes a row -------------------------------------------------------------


@pytest.mark.django_db
def test_the_shell_save_stores_clean_rich_text(site_tree):
    series = VideoSeriesPageFactory(parent=site_tree["videos"], description=HOSTILE_HTML)
    rebuttal = RebuttalPageFactory(
        parent=site_tree["rumours"],
        body=[
            {"type": "paragraph", "value": HOSTILE_HTML},
            {"type": "markdown", "value": f"<script>{JS}</script>"},
        ],
    )

    stored_description = VideoSeriesPage.objects.values_list("description", flat=True).get(
        pk=series.pk
    )
    assert stored_description == sanitise_stored_rich_text(HOSTILE_HTML)
    assert "正文" in stored_description and "链接" in stored_description
    body = RebuttalPage.objects.get(pk=rebuttal.pk).body.raw_data
    assert body[0]["value"] == sanitise_stored_rich_text(HOSTILE_HTML)
    # Markdown is source text, sanitised when rendered: stored as written.
    assert body[1]["value"] == f"<script>{JS}</script>"


@pytest.mark.django_db
def test_saving_some_fields_neither_loads_nor_rewrites_the_others(site_tree):
    series = VideoSeriesPageFactory(parent=site_tree["videos"])
    VideoSeriesPage.objects.filter(pk=series.pk).update(description=HOSTILE_HTML)

    deferred = VideoSeriesPage.objects.defer("description").get(pk=series.pk)
    deferred.tagline = "新的介绍"
    deferred.save(clean=False, update_fields=["tagline"])
    assert "description" in deferred.get_deferred_fields()  # never loaded
    assert VideoSeriesPage.objects.get(pk=series.pk).description == HOSTILE_HTML

    loaded = VideoSeriesPage.objects.get(pk=series.pk)
    loaded.save(update_fields=["description"])
    assert VideoSeriesPage.objects.get(pk=series.pk).description == sanitise_stored_rich_text(
        HOSTILE_HTML
    )


@pytest.mark.django_db
def test_a_data_migrations_historical_model_stores_clean_rich_text(site_tree):
    series = VideoSeriesPageFactory(parent=site_tree["videos"])
    historical = MigrationExecutor(connection).loader.project_state().apps
    HistoricalSeries = historical.get_model("video", "VideoSeriesPage")

    row = HistoricalSeries.objects.get(pk=series.pk)
    row.description = HOSTILE_HTML
    row.save()

    stored = VideoSeriesPage.objects.values_list("description", flat=True).get(pk=series.pk)
    assert stored == sanitise_stored_rich_text(HOSTILE_HTML)


# -- the render path -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_series_page_sanitises_a_description_written_past_the_save(client, site_tree):
    """The reported bug: a description that never went through save() (a raw UPDATE) still
    reaches readers sanitised."""
    series = VideoSeriesPageFactory(parent=site_tree["videos"])
    VideoSeriesPage.objects.filter(pk=series.pk).update(description=HOSTILE_HTML)

    html = client.get(series.url).content.decode()

    assert script_problems(html, settings.STATIC_URL) == []
    assert "正文" in html and "链接" in html


def test_the_rich_filter_expands_wagtail_links_and_takes_rich_text_objects():
    from wagtail.rich_text import RichText

    assert render_rich_text(None) == ""
    assert render_rich_text(RichText(HOSTILE_HTML)) == render_rich_text(HOSTILE_HTML)
    assert render_rich_text('<p><a href="https://gov.cn/x">x</a></p>') == (
        '<p><a href="https://gov.cn/x" rel="nofollow noopener">x</a></p>'
    )
    assert render_markdown(None) == ""
