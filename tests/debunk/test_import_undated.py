"""An imported record without a date has no publication date of its own: never "today". The
column sorts it by the day its claim was first seen, else last; feeds and JSON-LD state none."""

import datetime

from django.utils import timezone

import pytest

from debunk.models import RebuttalPage
from debunk.models.rebuttals import UNDATED as UNDATED_COLUMN_DATE

from .test_import import COFACTS, LTCR, OWN, run_import, write_lines

pytestmark = pytest.mark.django_db

UNDATED = {k: v for k, v in COFACTS.items() if k != "published"} | {"id": "cofacts-undated__a"}
UNDATED_SEEN = {
    k: v for k, v in OWN.items() if k not in ("published", "sources", "corrections")
} | {"id": "qingyuan-undated", "slug": "undated-seen", "first_seen": "2025-05-01"}


def test_an_undated_record_gets_no_date_and_sorts_last(client, tmp_path, column):
    run_import(write_lines(tmp_path, UNDATED, LTCR, UNDATED_SEEN))
    undated = RebuttalPage.objects.get(source_id="cofacts-undated__a")
    assert undated.published_date is None and undated.column_date == UNDATED_COLUMN_DATE
    seen = RebuttalPage.objects.get(source_id="qingyuan-undated")
    assert seen.published_date is None
    assert seen.column_date == datetime.date(2025, 5, 1)  # the day its claim was first seen

    order = [page.source_id for page in column.rebuttals()]
    assert order == ["qingyuan-undated", "ltcr-144", "cofacts-undated__a"]
    assert timezone.localdate() not in {p.published_date for p in RebuttalPage.objects.all()}

    html = client.get(undated.url).content.decode()
    assert "日期不详" in html
    assert "article:published_time" not in html and '"datePublished"' not in html
    feed = client.get("/rumours/feed/rss/")
    assert feed.status_code == 200


def test_imported_pages_show_related_rebuttals_of_their_category(
    client, column, django_assert_max_num_queries
):
    from debunk.factories import CategoryFactory, RebuttalPageFactory

    food = CategoryFactory()
    page = RebuttalPageFactory(parent=column, slug="imported", category=food)
    others = [RebuttalPageFactory(parent=column, category=food) for _ in range(5)]
    RebuttalPageFactory(parent=column, slug="elsewhere")  # no category: not related
    client.get(page.url)
    with django_assert_max_num_queries(16):
        html = client.get(page.url).content.decode()
    related = html[html.index("相关辟谣") :]
    assert sum(other.title in related for other in others) == 4
    assert page.title not in related
