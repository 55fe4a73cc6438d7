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


def test_demo_tips_come_in_several_states_with_an_informant(client, demo):
    from django.contrib.auth import get_user_model

    from debunk.demo import DEMO_TIPS, INFORMANT_USERNAME
    from debunk.models import Tip

    tips = Tip.objects.all()
    assert tips.count() == len(DEMO_TIPS)
    assert set(tips.values_list("status", flat=True)) == {
        "new",
        "triaged",
        "duplicate",
        "rejected",
        "answered",
    }
    assert tips.filter(answered_by_search=True, rebuttal__isnull=False).count() == 1
    duplicate = tips.get(status="duplicate")
    assert duplicate.rebuttal.source_id == "qingyuan-demo-007"
    # The first demo tip is the 紫菜 rumour copied word for word: spreading again.
    nori = RebuttalPage.objects.get(source_id="qingyuan-demo-001")
    assert nori.resurfaced_count >= 1
    assert "近期再次流传" in client.get(nori.url).content.decode()

    informant = get_user_model().objects.get(username=INFORMANT_USERNAME)
    assert not informant.is_staff and informant.has_perm("debunk.report_as_informant")
    client.force_login(informant)
    html = client.get("/tips/informant/").content.decode()
    by_informant = sum(1 for *_, from_informant, _did in DEMO_TIPS if from_informant)
    assert html.count('class="informant-tip"') == tips.filter(submitter=informant).count()
    assert tips.filter(submitter=informant).count() == by_informant == 3
    # Two demo tips led to rebuttals published 20 and 6 hours later: a median for the panel.
    from debunk.figures import tip_figures

    figures = tip_figures(days=7)
    assert figures.answered_count == 2 and figures.median_hours == pytest.approx(13.0)

    call_command("load_demo", stdout=None)  # idempotent
    assert Tip.objects.count() == len(DEMO_TIPS)
