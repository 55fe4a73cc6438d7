"""The review guard: a page under the review workflow never goes live around it.

Checked by what an anonymous reader gets over HTTP, not by the admin's messages; and again with
the workflow and its tasks renamed and an unrelated workflow present, since the guard knows the
review workflow by its task types, not its name.
"""

import re

from django.test import Client
from django.urls import reverse

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowTask
from wagtail.test.utils.form_data import inline_formset

import pytest

from cms.models import FactCheckTask, SignOffTask

from .helpers import (
    add_page_url,
    reader_status,
    rebuttal_form,
    submit_new_page,
    workflow_action_url,
)

pytestmark = [pytest.mark.django_db, pytest.mark.guarded_publishing]


def column_html(site_tree) -> str:
    return Client().get(site_tree["rumours"].url).content.decode()


@pytest.fixture(params=["as migrated", "renamed"])
def review_setup(request, db):
    """The review workflow as the migration made it, or renamed (workflow and tasks) with an
    unrelated workflow beside it."""
    if request.param == "renamed":
        Workflow.objects.filter(name="辟谣审核").update(name="新闻审核流程")
        FactCheckTask.objects.update(name="核查一下")
        SignOffTask.objects.update(name="领导签字")
        other = Workflow.objects.create(name="无关流程", active=True)
        task = GroupApprovalTask.objects.create(name="随便看看")
        WorkflowTask.objects.create(workflow=other, task=task, sort_order=0)
    return request.param


def test_chief_creating_with_publish_gets_a_draft_readers_cannot_see(
    review_setup, site_tree, chief, as_user
):
    client = as_user(chief)
    form = rebuttal_form("终审直接发布的辟谣", "chief-direct")
    response = client.post(add_page_url(site_tree["rumours"]), {**form, "action-publish": "1"})
    assert response.status_code == 302
    page = Page.objects.get(slug="chief-direct")
    assert not page.live and page.first_published_at is None and page.live_revision_id is None
    assert reader_status(page) == 404
    assert "终审直接发布的辟谣" not in column_html(site_tree)


def test_the_create_view_offers_no_publish_button_to_the_chief(
    review_setup, site_tree, chief, as_user
):
    html = as_user(chief).get(add_page_url(site_tree["rumours"])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_chief_publishing_an_edit_leaves_the_live_page_as_it_was(
    review_setup, published, chief, as_user
):
    live_revision = published.live_revision_id
    form = rebuttal_form("改过的标题", "published-one")
    response = as_user(chief).post(
        reverse("wagtailadmin_pages:edit", args=[published.pk]), {**form, "action-publish": "1"}
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.live and published.live_revision_id == live_revision
    reader = Client().get(published.url).content.decode()
    assert "已发布的辟谣" in reader and "改过的标题" not in reader


def test_copies_with_publish_copies_are_drafts(review_setup, published, chief, as_user):
    response = as_user(chief).post(
        reverse("wagtailadmin_pages:copy", args=[published.pk]),
        {
            "new_title": "复制的辟谣",
            "new_slug": "copied-one",
            "new_parent_page": published.get_parent().pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = Page.objects.get(slug="copied-one")
    assert not copy.live and reader_status(copy) == 404


def test_superuser_may_publish_directly(review_setup, published):
    assert reader_status(published) == 200


def dashboard_counts(html: str) -> dict[str, int]:
    """The review panel's tiles as a reader of the dashboard sees them: label -> number."""
    tiles = re.findall(r"<li><strong[^>]*>(\d+)</strong><br>([^<]+)</li>", html)
    return {label.strip(): int(count) for count, label in tiles}


def test_dashboard_counts_every_page_in_fact_check(review_setup, site_tree, editor, chief, as_user):
    for n in range(4):
        submit_new_page(
            as_user(editor), site_tree["rumours"], rebuttal_form(f"待核查{n}", f"q-{n}")
        )
    counts = dashboard_counts(as_user(chief).get(reverse("wagtailadmin_home")).content.decode())
    assert counts["事实核查中"] == 4
    assert counts["待终审签发"] == 0


def edit_form_post(client, page, form, *, background: bool, **actions):
    headers = {"HTTP_ACCEPT": "application/json"} if background else {}
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**form, **actions}, **headers
    )


def test_an_autosave_carrying_a_workflow_action_only_saves(in_review_page, reviewer, as_user):
    """The hidden inputs a click on 核查通过 adds travel with the next autosave: the autosave
    must not approve (the person's click does that, once)."""
    client = as_user(reviewer)
    form = rebuttal_form("排队中的辟谣", "queued")
    action = {
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": '{"sources_checked": true}',
    }
    response = edit_form_post(client, in_review_page, form, background=True, **action)
    assert response.status_code == 200 and response.json()["success"] is True
    in_review_page.refresh_from_db()
    assert in_review_page.current_workflow_task.specific_class is FactCheckTask

    response = edit_form_post(client, in_review_page, form, background=False, **action)
    assert response.status_code == 302
    in_review_page.refresh_from_db()
    assert in_review_page.current_workflow_task.specific_class is SignOffTask


def test_the_editor_sees_why_the_draft_was_sent_back(in_review_page, editor, reviewer, as_user):
    task_state = in_review_page.current_workflow_task_state
    as_user(reviewer).post(
        workflow_action_url(in_review_page, "reject", task_state),
        {"comment": "第二条来源的链接打不开，请补充官方通报原文。"},
    )
    html = as_user(editor).get(reverse("wagtailadmin_pages:edit", args=[in_review_page.pk]))
    text = html.content.decode()
    assert "本稿已被退回修改" in text
    assert "第二条来源的链接打不开，请补充官方通报原文。" in text
    assert "王核查" in text


def test_a_reviewer_sees_the_verdict_change_before_approving(published, editor, reviewer, as_user):
    """谣言 → 误导 on a published rebuttal: the reviewer's task shows the change, struck through
    and added, and the page's history."""
    form = rebuttal_form(
        "已发布的辟谣",
        "published-one",
        verdict="misleading",
        corrections=inline_formset([{"date": "2025-04-03", "note": "结论改为误导，理由见正文。"}]),
    )
    submit = as_user(editor).post(
        reverse("wagtailadmin_pages:edit", args=[published.pk]), {**form, "action-submit": "1"}
    )
    assert submit.status_code == 302
    published.refresh_from_db()
    reviewer_client = as_user(reviewer)

    edit = reviewer_client.get(reverse("wagtailadmin_pages:edit", args=[published.pk]))
    assert "与已发布版本相比，改动了：核查结论" in edit.content.decode()

    changes = reviewer_client.get(reverse("cms_review_changes", args=[published.pk]))
    assert changes.status_code == 200
    html = changes.content.decode()
    assert "<del>谣言</del>" in html and "<ins>误导</ins>" in html
    assert "<h4>网传说法</h4>" not in html  # unchanged fields are not listed

    task_state = published.current_workflow_task_state
    modal = reviewer_client.get(
        reverse(
            "wagtailadmin_pages:collect_workflow_action_data",
            args=[published.pk, "approve", task_state.pk],
        )
    )
    assert "<del>谣言</del>" in modal.json()["html"]


def test_readers_and_outsiders_cannot_open_the_changes(published, outsider, as_user, client):
    url = reverse("cms_review_changes", args=[published.pk])
    assert as_user(outsider).get(url).status_code in (302, 403)
    client.logout()
    assert Client().get(url).status_code == 302  # to the admin login


def test_a_published_verdict_changes_only_with_a_public_correction(published, editor, as_user):
    client = as_user(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[published.pk])
    changed = rebuttal_form("已发布的辟谣", "published-one", verdict="misleading")

    refused = client.post(edit_url, {**changed, "action-submit": "1"})
    assert refused.status_code == 200  # the form again, with the reason
    assert "须在“更正记录”中新增一条公开的更正说明" in refused.content.decode()
    published.refresh_from_db()
    assert published.current_workflow_state is None

    assert client.post(edit_url, changed).status_code == 302  # a draft may be saved

    corrected = rebuttal_form(
        "已发布的辟谣",
        "published-one",
        verdict="misleading",
        corrections=inline_formset(
            [{"date": "2025-04-03", "note": "据县水务公司更正通报，结论改为误导。"}]
        ),
    )
    accepted = client.post(edit_url, {**corrected, "action-submit": "1"})
    assert accepted.status_code == 302
    published.refresh_from_db()
    assert published.current_workflow_state is not None


def test_the_model_refuses_a_publish_around_review(published, site_tree, chief, editor, as_user):
    """`revision.publish()` in a shell or a command: only the workflow, a site admin, or a
    date an approved publish scheduled may make a page under review go live."""
    from django.core.exceptions import PermissionDenied

    from core.publishing import publishing_allowed

    as_user(editor).post(
        reverse("wagtailadmin_pages:edit", args=[published.pk]),
        rebuttal_form("壳里改的标题", "published-one"),
    )
    page = Page.objects.get(pk=published.pk).specific
    draft = page.get_latest_revision()
    for user in (None, chief, editor):
        with pytest.raises(PermissionDenied):
            draft.publish(user=user)
    assert "壳里改的标题" not in Client().get(page.url).content.decode()

    with publishing_allowed("测试：显式豁免"):
        draft.publish()
    assert "壳里改的标题" in Client().get(page.url).content.decode()


def test_the_model_allows_what_the_workflow_signs_off(in_review_page, reviewer, chief, as_user):
    task_state = in_review_page.current_workflow_task_state
    as_user(reviewer).post(
        workflow_action_url(in_review_page, "approve", task_state),
        {"sources_checked": "on", "review_task_state": task_state.pk},
    )
    in_review_page.refresh_from_db()
    sign_off = in_review_page.current_workflow_task_state
    as_user(chief).post(workflow_action_url(in_review_page, "approve", sign_off), {"comment": ""})
    assert reader_status(in_review_page) == 200
