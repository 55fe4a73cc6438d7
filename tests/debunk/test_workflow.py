"""Rebuttals in the 辟谣审核 workflow: the fact-check checklist and what it vouches for."""

import pytest

from cms.models.workflow import checklist_problems, fact_check_fingerprint
from debunk.factories import EvidenceSourceFactory, RebuttalPageFactory
from debunk.models import Correction, EvidenceSource, RebuttalPage

pytestmark = pytest.mark.django_db


def test_a_complete_rebuttal_passes_the_checklist(rebuttal):
    assert checklist_problems(rebuttal) == []


def test_the_checklist_names_what_is_missing(column):
    page = RebuttalPageFactory(parent=column, short_answer="")
    EvidenceSourceFactory(page=page, url="", authority="")  # neither link nor authority
    page.claim_text = "  "  # as an unsaved edit under review might hold it
    assert checklist_problems(page) == [
        "没有记录网传说法及其概要",
        "没有填写“真相”",
        "至少需要一条注明网址或发布机构的信息来源",
    ]


def test_the_checklist_reads_the_revision_under_review(rebuttal):
    rebuttal.sources = []
    revision = rebuttal.save_revision()
    assert "至少需要一条注明网址或发布机构的信息来源" in checklist_problems(revision.as_object())


def test_fingerprint_follows_verdict_answer_and_sources(rebuttal):
    before = fact_check_fingerprint(rebuttal)
    assert before == fact_check_fingerprint(RebuttalPage.objects.get(pk=rebuttal.pk))

    rebuttal.region = "河西乡"  # filing details are not what the fact-check vouched for
    assert fact_check_fingerprint(rebuttal) == before
    rebuttal.verdict = "misleading"
    assert fact_check_fingerprint(rebuttal) != before
    rebuttal.verdict = "false"
    rebuttal.sources = [*rebuttal.sources.all(), EvidenceSource(title="新来源", authority="县政府")]
    assert fact_check_fingerprint(rebuttal) != before


def test_fingerprint_follows_the_title_and_the_body(rebuttal):
    before = fact_check_fingerprint(rebuttal)
    rebuttal.title = "换了个标题"
    retitled = fact_check_fingerprint(rebuttal)
    assert retitled != before
    rebuttal.body = [{"type": "paragraph", "value": "<p>正文里加了一句新的说法。</p>"}]
    assert fact_check_fingerprint(rebuttal) not in {before, retitled}


def test_a_changed_published_verdict_needs_a_new_correction(rebuttal):
    """The checklist holds the line for any path that skips the admin form (e.g. approving
    from the dashboard)."""
    assert rebuttal.live
    draft = RebuttalPage.objects.get(pk=rebuttal.pk)
    draft.verdict = "misleading"
    assert any("更正记录" in problem for problem in checklist_problems(draft))
    draft.corrections = [*draft.corrections.all(), Correction(note="结论改为误导：原因如下。")]
    assert checklist_problems(draft) == []


def test_a_new_rebuttal_has_no_verdict_until_one_is_chosen(column):
    page = RebuttalPage(title="新稿", slug="new-draft")
    assert page.verdict == ""
    assert "没有核查结论" in checklist_problems(page)
