"""The fact-check checklist refuses approval, and edits to what was checked restart the check."""

from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset

import pytest

from cms.models import FactCheckRecord

from .helpers import current_task_name, rebuttal_form, submit_new_page, workflow_action_url

pytestmark = pytest.mark.django_db

XHR = {"x-requested-with": "XMLHttpRequest"}


def approve_fact_check(client, page, **extra):
    task_state = page.current_workflow_task_state
    return client.post(
        workflow_action_url(page, "approve", task_state),
        {"sources_checked": "on", "review_task_state": task_state.pk, **extra},
    )


@pytest.fixture
def sourceless(site_tree, editor, reviewer, chief, as_user):
    form = rebuttal_form("缺少来源的辟谣", "no-sources", sources=inline_formset([]))
    return submit_new_page(as_user(editor), site_tree["rumours"], form)


@pytest.fixture
def complete(site_tree, editor, reviewer, chief, as_user):
    return submit_new_page(
        as_user(editor), site_tree["rumours"], rebuttal_form("完整的辟谣", "complete")
    )


def test_modal_lists_what_the_checklist_misses(sourceless, reviewer, as_user):
    task_state = sourceless.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[sourceless.pk, "approve", task_state.pk]
    )
    html = as_user(reviewer).get(url, headers=XHR).json()["html"]
    assert "以下事项尚未满足" in html
    assert "至少需要一条注明网址或发布机构的信息来源" in html


def test_approval_is_refused_with_a_clear_message_until_the_checklist_holds(
    sourceless, reviewer, as_user
):
    task_state = sourceless.current_workflow_task_state
    response = as_user(reviewer).post(
        workflow_action_url(sourceless, "approve", task_state),
        {"sources_checked": "on", "review_task_state": task_state.pk},
        headers=XHR,
    )
    assert "核查清单尚未满足，不能通过" in response.json()["html"]
    assert current_task_name(sourceless) == "事实核查"
    assert not FactCheckRecord.objects.exists()


def test_a_crafted_post_without_the_checklist_is_forbidden(sourceless, reviewer, as_user):
    task_state = sourceless.current_workflow_task_state
    # No review_task_state: the form cannot see the page, the task itself still refuses.
    response = as_user(reviewer).post(
        workflow_action_url(sourceless, "approve", task_state), {"sources_checked": "on"}
    )
    assert response.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect
    assert current_task_name(sourceless) == "事实核查"
    assert not FactCheckRecord.objects.exists()


def test_fixing_the_page_lets_the_fact_check_pass(sourceless, editor, reviewer, as_user):
    # The reviewer sends it back, the editor adds a source and resubmits.
    task_state = sourceless.current_workflow_task_state
    as_user(reviewer).post(
        workflow_action_url(sourceless, "reject", task_state), {"comment": "请补充来源"}
    )
    form = rebuttal_form("缺少来源的辟谣", "no-sources", **{"action-submit": "1"})
    as_user(editor).post(reverse("wagtailadmin_pages:edit", args=[sourceless.pk]), form)
    assert current_task_name(sourceless) == "事实核查"

    approve_fact_check(as_user(reviewer), sourceless)
    assert current_task_name(sourceless) == "终审签发"


def current_sources(page):
    """The page's sources as the edit form posts them back (existing rows keep their ids)."""
    sources = page.get_latest_revision_as_object().sources.all()
    rows = [
        {"id": s.pk, "title": s.title, "authority": s.authority, "url": s.url, "kind": s.kind}
        for s in sources
    ]
    return inline_formset(rows, initial=len(rows))


def edit_as(client, page, **changes):
    changes.setdefault("sources", current_sources(page))
    form = rebuttal_form(page.title, page.slug, **changes)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)
    assert response.status_code == 302, response.content.decode()[:1500]


def test_changing_the_verdict_during_sign_off_restarts_the_fact_check(
    complete, reviewer, chief, as_user
):
    approve_fact_check(as_user(reviewer), complete)
    assert current_task_name(complete) == "终审签发"

    edit_as(as_user(chief), complete, verdict="misleading")

    assert current_task_name(complete) == "事实核查"
    # Once checked again it returns to sign-off.
    approve_fact_check(as_user(reviewer), complete)
    assert current_task_name(complete) == "终审签发"
    assert FactCheckRecord.objects.filter(page=complete).count() == 2


def test_changing_a_source_during_sign_off_restarts_the_fact_check(
    complete, reviewer, chief, as_user
):
    approve_fact_check(as_user(reviewer), complete)
    source = complete.get_latest_revision_as_object().sources.get()
    changed = inline_formset(
        [
            {
                "id": source.pk,
                "title": source.title,
                "authority": "县应急管理局",
                "kind": source.kind,
            }
        ],
        initial=1,
    )
    edit_as(as_user(chief), complete, sources=changed)
    assert current_task_name(complete) == "事实核查"


def test_an_edit_outside_what_was_checked_keeps_the_sign_off(complete, reviewer, chief, as_user):
    approve_fact_check(as_user(reviewer), complete)
    edit_as(as_user(chief), complete, region="清源县城关镇")
    assert current_task_name(complete) == "终审签发"


def test_a_verdict_changed_after_sign_off_sent_it_back_goes_to_fact_check(
    complete, editor, reviewer, chief, as_user
):
    approve_fact_check(as_user(reviewer), complete)
    task_state = complete.current_workflow_task_state
    as_user(chief).post(
        workflow_action_url(complete, "reject", task_state), {"comment": "结论需再斟酌"}
    )
    state = complete.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    edit_as(as_user(editor), complete, verdict="unproven", **{"action-submit": "1"})

    assert current_task_name(complete) == "事实核查"


def test_passing_the_fact_check_credits_the_reviewer_on_the_published_page(
    complete, reviewer, chief, as_user, client
):
    approve_fact_check(as_user(reviewer), complete)
    task_state = complete.current_workflow_task_state
    as_user(chief).post(workflow_action_url(complete, "approve", task_state))

    complete.refresh_from_db()
    assert complete.live
    credit = complete.credits.get(role="fact_check")
    assert credit.user == reviewer
    recorded = FactCheckRecord.objects.get(page=complete).checked_at
    assert abs((credit.checked_at - recorded).total_seconds()) < 0.01  # revisions keep ms
    client.logout()
    html = client.get(complete.url).content.decode()
    assert "事实核查：王核查（" in html
