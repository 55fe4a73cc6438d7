"""Drive the Wagtail admin the way the editorial roles do, through its real views."""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield


def standard_page_form(title, slug, **extra):
    return nested_form_data(
        {"title": title, "slug": slug, "intro": "导语", "body": streamfield([]), **extra}
    )


def add_page_url(parent, app_label="cms", model="standardpage"):
    return reverse("wagtailadmin_pages:add", args=[app_label, model, parent.pk])


def submit_new_page(client, parent, form, app_label="cms", model="standardpage"):
    """Create a page and submit it for review in one step (the editor's "提交审核")."""
    response = client.post(add_page_url(parent, app_label, model), {**form, "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Page.objects.get(slug=form["slug"]).specific


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def current_task_name(page):
    page.refresh_from_db()
    task = page.current_workflow_task
    return task.name if task else None
