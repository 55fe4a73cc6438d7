"""The one rule of the newsroom: a page under the review workflow goes live only through it.

The review workflow is known by what it is made of (a fact-check task or a sign-off task, our
own task types), never by its display name, so renaming the workflow or its tasks in Settings →
Workflows changes nothing here. Superusers (site admins) may still publish directly: that is an
explicit exception, and Wagtail's log records who published.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from wagtail.models import Page, Workflow

from .models.workflow import FactCheckTask, SignOffTask

DIRECT_PUBLISH_REFUSED = (
    "本页面受编辑审核流程管理，不能直接发布：请提交审核，经事实核查和终审签发后自动发布。"
)
SAVED_AS_DRAFT = "已保存为草稿（未发布）。" + DIRECT_PUBLISH_REFUSED
COPIES_NOT_PUBLISHED = "复制的页面已保存为草稿（未发布）：受审核流程管理的页面须经审核后发布。"


def review_task_types() -> list[ContentType]:
    return list(ContentType.objects.get_for_models(FactCheckTask, SignOffTask).values())


def is_review_workflow(workflow) -> bool:
    """Whether ``workflow`` holds one of our review tasks (whatever it and its tasks are called)."""
    if workflow is None:
        return False
    return workflow.workflow_tasks.filter(
        task__content_type__in=review_task_types(), task__active=True
    ).exists()


def review_workflows():
    """The active workflows that hold a review task (normally one: 辟谣审核)."""
    return Workflow.objects.filter(
        active=True,
        workflow_tasks__task__content_type__in=review_task_types(),
        workflow_tasks__task__active=True,
    ).distinct()


def the_review_workflow():
    """The review workflow to attach to new sections (the oldest, if several)."""
    return review_workflows().order_by("pk").first()


def governed_by_review(page: Page | None, parent: Page | None = None) -> bool:
    """Whether ``page`` (or, for a page not yet created, a new child of ``parent``) is under
    the review workflow."""
    if page is not None and page.pk:
        return is_review_workflow(page.get_workflow())
    if parent is not None and parent.pk:
        return is_review_workflow(parent.get_workflow())
    return False


def may_bypass_review(user) -> bool:
    return bool(user and user.is_superuser)


def refuse_unreviewed_publish(page, revision, user=None) -> None:
    """The model-level rule (core.publishing): a page under review is published by its
    workflow's sign-off, by a site admin, or on the date an approved publish scheduled."""
    if may_bypass_review(user) or revision.approved_go_live_at is not None:
        return
    if governed_by_review(page):
        raise PermissionDenied(DIRECT_PUBLISH_REFUSED)
