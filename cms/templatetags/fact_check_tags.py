from django import template

from cms.models.workflow import checklist_problems, revision_object

register = template.Library()


@register.simple_tag
def fact_check_problems(task_state):
    """What the revision under review still lacks before the fact-check can pass."""
    return checklist_problems(revision_object(task_state))
