"""The review path through the real admin views: submit → fact-check → sign-off → live."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState

import pytest

from cms.models import FactCheckRecord

from .helpers import (
    approve_fact_check,
    current_task_name,
    rebuttal_form,
    sign_off,
    submit_new_page,
    workflow_action_url,
)

pytestmark = [pytest.mark.django_db, pytest.mark.guarded_publishing]


@pytest.fixture
def submitted(site_tree, editor, reviewer, chief, as_user):
    client = as_user(editor)
    mail.outbox.clear()
    page = submit_new_page(client, site_tree["rumours"], rebuttal_form("网传消息", "claim-1"))
    return page


def test_editor_submission_enters_fact_check_and_mails_the_reviewers(submitted, reviewer):
    assert not submitted.live
    assert current_task_name(submitted) == "事实核查"
    recipients = {address for message in mail.outbox for address in message.to}
    assert reviewer.email in recipients


def test_reviewer_must_confirm_sources_were_opened(submitted, reviewer, as_user):
    client = as_user(reviewer)
    task_state = submitted.current_workflow_task_state
    response = client.post(
        workflow_action_url(submitted, "approve", task_state),
        {"comment": "", "review_task_state": task_state.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert "请先逐一打开并核对每一条证据来源" in response.json()["html"]
    assert current_task_name(submitted) == "事实核查"
    assert not FactCheckRecord.objects.exists()


def test_full_path_to_live_records_the_fact_check_credit(
    submitted, editor, reviewer, chief, as_user, client
):
    approve_fact_check(as_user(reviewer), submitted)
    assert current_task_name(submitted) == "终审签发"
    record = FactCheckRecord.objects.get(page=submitted)
    assert record.reviewer == reviewer
    assert record.reviewer_name == "王核查"
    assert chief.email in {address for message in mail.outbox for address in message.to}

    mail.outbox.clear()
    sign_off(as_user(chief), submitted)

    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.current_workflow_state is None
    assert any(editor.email in message.to for message in mail.outbox)
    client.logout()
    assert client.get(submitted.url).status_code == 200


def test_rejection_sends_the_page_back_with_the_comment(submitted, editor, reviewer, as_user):
    mail.outbox.clear()
    task_state = submitted.current_workflow_task_state
    as_user(reviewer).post(
        workflow_action_url(submitted, "reject", task_state),
        {"comment": "公安通报链接打不开，请补充原文"},
    )
    submitted.refresh_from_db()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not submitted.live
    task_state.refresh_from_db()
    assert task_state.comment == "公安通报链接打不开，请补充原文"
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert to_editor and "公安通报链接打不开" in to_editor[0].body


def test_scheduled_go_live_is_honoured_after_sign_off(site_tree, editor, reviewer, chief, as_user):
    go_live = timezone.now() + datetime.timedelta(days=1)
    form = rebuttal_form(
        "定时发布的辟谣", "scheduled", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")
    )
    page = submit_new_page(as_user(editor), site_tree["rumours"], form)
    approve_fact_check(as_user(reviewer), page)
    sign_off(as_user(chief), page)

    page.refresh_from_db()
    assert not page.live
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None

    # Let the clock pass the go-live time, as cron would see it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_readers_never_see_pages_in_review(submitted, client):
    client.logout()
    assert client.get("/rumours/claim-1/").status_code == 404
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[submitted.pk])
    response = client.get(preview)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    revisions = reverse("wagtailadmin_pages:history", args=[submitted.pk])
    assert "/admin/login/" in client.get(revisions)["Location"]


def test_history_and_audit_log_show_who_did_what(submitted, reviewer, chief, as_user):
    approve_fact_check(as_user(reviewer), submitted, comment="来源均已核对")
    sign_off(as_user(chief), submitted)

    from wagtail.models import PageLogEntry

    actions = list(
        PageLogEntry.objects.filter(page=submitted)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert ("wagtail.workflow.start", "editor") in actions
    assert ("wagtail.workflow.approve", "reviewer") in actions
    assert ("wagtail.workflow.approve", "chief") in actions
    assert ("wagtail.publish", "chief") in actions

    history = as_user(chief).get(reverse("wagtailadmin_pages:history", args=[submitted.pk]))
    html = history.content.decode()
    assert history.status_code == 200
    assert "王核查" in html and "张主编" in html
