"""Drive the Wagtail admin the way the editorial roles do, through its real views."""

from django.test import Client
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def rebuttal_form(title, slug, **extra):
    """A rebuttal the fact-check checklist accepts: verdict, claim, answer and one source."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "verdict": "false",
            "kind": "rebuttal",
            "short_answer": "经核实，网传消息不实。",
            "claim_text": "网传：明天全城停水。",
            "claim_summary": "网传明天全城停水",
            "published_date": "2025-04-02",
            "body": streamfield([]),
            "screenshots": inline_formset([]),
            "sources": inline_formset(
                [{"title": "供水情况说明", "authority": "县水务公司", "kind": "official_notice"}]
            ),
            "related_links": inline_formset([]),
            "credits": inline_formset([]),
            "corrections": inline_formset([]),
            **extra,
        }
    )


def add_page_url(parent, app_label="debunk", model="rebuttalpage"):
    return reverse("wagtailadmin_pages:add", args=[app_label, model, parent.pk])


def submit_new_page(client, parent, form, app_label="debunk", model="rebuttalpage"):
    """Create a page and submit it for review in one step (the editor's "提交审核")."""
    response = client.post(add_page_url(parent, app_label, model), {**form, "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Page.objects.get(slug=form["slug"]).specific


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def approve_fact_check(client, page, comment="来源均已核对"):
    """The reviewer's 核查通过, with the word that every source was opened."""
    task_state = page.current_workflow_task_state
    return client.post(
        workflow_action_url(page, "approve", task_state),
        {"comment": comment, "sources_checked": "on", "review_task_state": task_state.pk},
    )


def sign_off(client, page):
    """The chief editor's 签发."""
    task_state = page.current_workflow_task_state
    return client.post(workflow_action_url(page, "approve", task_state), {})


def current_task_name(page):
    page.refresh_from_db()
    task = page.current_workflow_task
    return task.name if task else None


def reader_status(page) -> int:
    """What an anonymous reader gets at the page's address."""
    page = Page.objects.get(pk=page.pk)
    return Client().get(page.url).status_code if page.url else 404
