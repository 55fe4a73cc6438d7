"""Admin hooks: keep publishing inside the review workflow, and the review dashboard panel."""

from django.contrib import messages
from django.db.models import Count, Min
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS, ROLE_HELP

from .models.workflow import WORKFLOW_NAME

DIRECT_PUBLISH_REFUSED = (
    "本页面受「辟谣审核」流程管理，不能直接发布：请提交审核，经事实核查和终审签发后自动发布。"
)


def governed_by_review(page) -> bool:
    workflow = page.get_workflow() if page is not None else None
    return workflow is not None and workflow.name == WORKFLOW_NAME


def may_bypass_review(user) -> bool:
    return user.is_superuser


@hooks.register("before_publish_page")
def refuse_direct_publish(request, page):
    if governed_by_review(page) and not may_bypass_review(request.user):
        messages.error(request, DIRECT_PUBLISH_REFUSED)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type != "publish" or may_bypass_review(request.user):
        return None
    if any(governed_by_review(obj) for obj in objects if isinstance(obj, Page)):
        messages.error(request, DIRECT_PUBLISH_REFUSED)
        return redirect(reverse("wagtailadmin_home"))
    return None


@hooks.register("construct_page_action_menu")
def hide_publish_button(menu_items, request, context):
    page = context.get("page")
    if governed_by_review(page) and not may_bypass_review(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


class ReviewOverviewPanel(Component):
    """Counts by state and the items waiting longest, so nothing rots in the queue."""

    name = "review_overview"
    template_name = "cms/workflow/review_overview_panel.html"
    order = 90
    oldest_limit = 8

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = WorkflowState.objects.filter(workflow__name=WORKFLOW_NAME)
        by_status = dict(
            states.values_list("status").annotate(count=Count("id")).values_list("status", "count")
        )
        in_progress = (
            TaskState.objects.filter(
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__workflow__name=WORKFLOW_NAME,
                workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            )
            .select_related("task", "workflow_state__requested_by")
            .order_by("workflow_state__created_at")
        )
        by_task = dict(
            in_progress.values_list("task__name")
            .annotate(n=Count("id"))
            .values_list("task__name", "n")
        )
        oldest = list(in_progress[: self.oldest_limit])
        pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in oldest])
        now = timezone.now()
        user = parent_context["request"].user
        context.update(
            {
                "role_help": [ROLE_HELP[g.name] for g in user.groups.all() if g.name in ROLE_HELP],
                "counts": [
                    ("事实核查中", by_task.get("事实核查", 0)),
                    ("待终审签发", by_task.get("终审签发", 0)),
                    ("已退回修改", by_status.get(WorkflowState.STATUS_NEEDS_CHANGES, 0)),
                    ("已通过发布", by_status.get(WorkflowState.STATUS_APPROVED, 0)),
                ],
                "oldest": [
                    {
                        "page": pages.get(int(state.workflow_state.object_id)),
                        "task": state.task.name,
                        "requested_by": state.workflow_state.requested_by,
                        "submitted_at": state.workflow_state.created_at,
                        "age_hours": int(
                            (now - state.workflow_state.created_at).total_seconds() // 3600
                        ),
                    }
                    for state in oldest
                ],
                "oldest_since": in_progress.aggregate(at=Min("workflow_state__created_at"))["at"],
            }
        )
        return context


@hooks.register("construct_homepage_panels")
def add_review_overview(request, panels):
    user = request.user
    editorial = (
        user.is_superuser
        or user.groups.filter(name__in=[EDITORS, REVIEWERS, CHIEF_EDITORS]).exists()
    )
    if editorial:
        panels.append(ReviewOverviewPanel())
