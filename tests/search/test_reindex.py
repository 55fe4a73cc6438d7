from django.conf import settings
from django.core.management import call_command
from django.db import connection

import pytest

from cms.factories import StandardPageFactory
from search import backends, text
from search.backends.base import SearchRequest
from search.models import PendingIndexUpdate, SearchDocument

pytestmark = pytest.mark.django_db


def found(query):
    request = SearchRequest(text.prepare_query(query), {}, page=1, per_page=50)
    return {hit.page_id for hit in backends.search(request).hits}


def test_reindex_builds_documents_for_pages_created_without_publishing(backend_name, site_tree):
    # Pages saved live directly (imports, fixtures) fire no publish signal.
    pages = [
        StandardPageFactory(parent=site_tree["home"], title=f"网传第{n}号谣言：鸡蛋是人造的")
        for n in range(3)
    ]
    draft = StandardPageFactory(parent=site_tree["home"], title="草稿：人造鸡蛋", live=False)
    stale = SearchDocument.objects.create(page=draft, title="过期", url="/x/", content_type="page")

    call_command("search_reindex", verbosity=0)

    assert set(SearchDocument.objects.values_list("pk", flat=True)) == {
        site_tree["home"].pk,
        site_tree["about"].pk,
        *(page.pk for page in pages),
    }
    assert not SearchDocument.objects.filter(pk=stale.pk).exists()
    assert found("人造") == {page.pk for page in pages}


def test_reindex_swaps_the_alias_to_a_new_index(engine, site_tree):
    StandardPageFactory(parent=site_tree["home"], title="转基因大豆油致癌？")
    call_command("search_reindex", verbosity=0)
    first = engine.client.indices_for_alias(engine.alias)

    PendingIndexUpdate.objects.create(page_id=999_999)
    call_command("search_reindex", "--no-database", verbosity=0)
    second = engine.client.indices_for_alias(engine.alias)

    assert len(first) == len(second) == 1 and first != second
    assert engine.client.indices_matching(f"{engine.alias}*") == second  # the old one is gone
    assert not PendingIndexUpdate.objects.exists()
    assert len(found("转基因")) == 1


def test_reindex_reports_an_unreachable_engine_without_touching_the_database(
    engine_down, site_tree
):
    from django.core.management.base import CommandError

    StandardPageFactory(parent=site_tree["home"], title="酸碱体质")
    with pytest.raises(CommandError, match="搜索引擎不可用"):
        call_command("search_reindex", verbosity=0)
    assert SearchDocument.objects.filter(title="酸碱体质").exists()


def test_a_rebuilt_index_refreshes_again_once_readers_use_it(engine, site_tree):
    # Built without periodic refreshes; a live index left that way would never show a page
    # published after the rebuild, unless something refreshed it by hand.
    call_command("search_reindex", verbosity=0)
    (index,) = engine.client.indices_for_alias(engine.alias)
    settings = engine.client.client.indices.get_settings(index=index)[index]["settings"]["index"]
    assert settings.get("refresh_interval", "1s") != "-1"


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite's FTS5 table beside the index entries",
)
def test_a_database_rebuild_leaves_one_full_text_row_per_entry_and_finds_edits(site_tree):
    page = StandardPageFactory(parent=site_tree["home"], title="旧标题甲骨文")
    call_command("search_reindex", "--no-engine", verbosity=0)
    call_command("search_reindex", "--no-engine", verbosity=0)  # replaces, never adds
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wagtailsearch_indexentry")
        (entries,) = cursor.fetchone()
        cursor.execute("SELECT COUNT(*) FROM wagtailsearch_indexentry_fts")
        (full_text_rows,) = cursor.fetchone()
    assert entries == full_text_rows > 0
    page.title = "新标题青铜器"
    page.save_revision().publish()
    call_command("search_reindex", "--no-engine", verbosity=0)
    assert page.pk in found("青铜器") and page.pk not in found("甲骨文")
