from django import template

from cms.models.workflow import checklist_problems, revision_object
from cms.review_changes import changes_since_published

register = template.Library()


@register.simple_tag
def fact_check_problems(task_state):
    """What the revision under review still lacks before the fact-check can pass."""
    return checklist_problems(revision_object(task_state))


@register.inclusion_tag("cms/workflow/review_changes_list.html")
def review_changes_for(task_state):
    """What changed since publication, for the page the task is about (in the action modal)."""
    page = task_state.workflow_state.content_object
    return {
        "changes": changes_since_published(page),
        "published": page.live_revision_id is not None,
    }
