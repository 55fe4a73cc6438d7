"""The column's demo content: real CC0 rumours, team-written rebuttals, the verdict scale page."""

from django.core.management import call_command

import pytest

from debunk.demo import CLAIMS_CC
from debunk.demo_content import DEMO_REBUTTALS
from debunk.models import RebuttalIndexPage, RebuttalPage, RelatedRebuttal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=None)


def test_demo_fills_the_column_with_real_and_team_written_rebuttals(client, demo):
    claims = sum(1 for line in CLAIMS_CC.open(encoding="utf-8") if line.strip())
    rebuttals = RebuttalPage.objects.live()
    assert rebuttals.filter(source_id__startswith="cofacts-").count() == claims == 199
    assert rebuttals.filter(source_id__startswith="qingyuan-demo-").count() == len(DEMO_REBUTTALS)
    assert len(DEMO_REBUTTALS) >= 30

    html = client.get("/rumours/").content.decode()
    assert f"共 {claims + len(DEMO_REBUTTALS)} 条辟谣" in html
    # Both scripts appear: the team writes Simplified, the Cofacts claims are Traditional.
    html = client.get("/rumours/?region=台湾地区").content.decode()
    assert "訊息" in html or "轉" in html


def test_team_rebuttals_have_sources_related_pages_and_a_category(client, demo):
    page = RebuttalPage.objects.get(source_id="qingyuan-demo-004")
    assert page.sources.count() == 2
    assert page.corrections.exists()
    assert page.category.slug == "food-safety"
    assert RelatedRebuttal.objects.filter(page=page).exists()
    html = client.get(page.url).content.decode()
    assert "演示内容" in html and "信息来源" in html and "相关辟谣" in html


def test_verdict_scale_page_explains_every_grade(client, demo):
    response = client.get("/about/verdicts/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ["谣言", "误导", "部分属实", "属实", "无法证实"]:
        assert label in html
    assert RebuttalIndexPage.objects.get().verdicts_page.url == "/about/verdicts/"
    assert client.get("/rumours/verdicts/")["Location"] == "/about/verdicts/"


def test_loading_the_demo_twice_adds_nothing(demo):
    counts = (RebuttalPage.objects.count(), RelatedRebuttal.objects.count())
    call_command("load_demo", stdout=None)
    assert (RebuttalPage.objects.count(), RelatedRebuttal.objects.count()) == counts
