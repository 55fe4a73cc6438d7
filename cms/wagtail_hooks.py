"""Admin hooks: keep publishing inside the review workflow, and the review dashboard panel."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS, ROLE_HELP
from core.tiles import Tile

from . import withdrawals
from .models.workflow import FactCheckTask, SignOffTask
from .review_changes import changes_since_published, review_changes_view
from .review_guard import (
    COPIES_NOT_PUBLISHED,
    DIRECT_PUBLISH_REFUSED,
    SAVED_AS_DRAFT,
    governed_by_review,
    may_bypass_review,
    review_workflows,
)


def strip_from_post(request, key: str) -> bool:
    """Remove ``key`` from a POST before the admin view reads it; True if it was there."""
    if request.method != "POST" or key not in request.POST:
        return False
    post = request.POST.copy()
    del post[key]
    request.POST = post
    return True


# What only a person's click may do. Wagtail 8's autosave posts the whole edit form in the
# background, including the hidden inputs the workflow-action script adds when a reviewer clicks
# 核查通过 or 签发: without this, the autosave a second later performed the action again
# (a duplicate approval, or a sign-off racing an old copy of the page).
CLICK_ONLY_FIELDS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
    "action-workflow-action",
    "workflow-action-name",
    "workflow-action-extra-data",
)


def is_background_save(request) -> bool:
    """An autosave: Wagtail's editor asks for JSON, a person's submit for HTML."""
    return request.method == "POST" and not request.accepts("text/html")


def keep_background_saves_plain(request):
    if is_background_save(request):
        for field in CLICK_ONLY_FIELDS:
            strip_from_post(request, field)


def refused(request, page=None, parent=None) -> bool:
    return governed_by_review(page, parent) and not may_bypass_review(request.user)


@hooks.register("before_create_page")
def create_as_draft(request, parent_page, page_class):
    """A new page under review is created as a draft, never live: the publish button is taken
    out of the request before Wagtail's create view saves anything."""
    keep_background_saves_plain(request)
    if refused(request, parent=parent_page) and strip_from_post(request, "action-publish"):
        messages.warning(request, SAVED_AS_DRAFT)


@hooks.register("before_edit_page")
def edit_as_draft(request, page):
    """Publishing (or scheduling) from the edit view saves a draft revision instead; the live
    page stays exactly as it was."""
    keep_background_saves_plain(request)
    if refused(request, page=page) and strip_from_post(request, "action-publish"):
        messages.warning(request, SAVED_AS_DRAFT)


def send_back_notice(page) -> str | None:
    """Why the page came back, for the top of its edit view: the reviewer's own words."""
    workflow_state = page.current_workflow_state
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    rejected = (
        workflow_state.task_states.filter(status=TaskState.STATUS_REJECTED)
        .select_related("finished_by", "task")
        .order_by("-finished_at")
        .first()
    )
    if rejected is None:
        return None
    who = rejected.finished_by
    name = (who.get_full_name() or who.get_username()) if who else "审核人"
    when = timezone.localtime(rejected.finished_at).strftime("%Y-%m-%d %H:%M")
    reason = rejected.comment.strip() or "（未填写原因）"
    return f"本稿已被退回修改（{rejected.task.name}，{name}，{when}）：{reason}"


@hooks.register("before_edit_page")
def show_send_back_reason(request, page):
    if request.method == "GET" and (notice := send_back_notice(page)):
        messages.warning(request, notice)


@hooks.register("before_edit_page")
def show_what_changed(request, page):
    """While a page is under review, its edit page names the fields changed since it was
    published, with a link to the side-by-side view."""
    if request.method != "GET" or page.current_workflow_state is None:
        return
    changes = changes_since_published(page)
    if not changes or not page.live_revision_id:
        return
    admin_messages.info(
        request,
        "与已发布版本相比，改动了：" + "、".join(change.label for change in changes),
        buttons=[
            admin_messages.button(reverse("cms_review_changes", args=[page.pk]), "查看改动"),
        ],
    )


@hooks.register("before_unpublish_page")
def unpublish_needs_a_reason(request, page):
    if governed_by_review(page):
        return withdrawals.refuse_without_reason(request, page)
    return None


@hooks.register("after_unpublish_page")
def tell_readers_why(request, page):
    if governed_by_review(page):
        withdrawals.record_withdrawal(request, page)


@hooks.register("insert_editor_js")
def workflow_action_focus_fix():
    return format_html('<script src="{}"></script>', static("cms/js/workflow-action-focus.js"))


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("review/<int:page_id>/changes/", review_changes_view, name="cms_review_changes"),
    ]


@hooks.register("before_copy_page")
def copy_as_draft(request, page):
    """Copies into a section under review are never published by "publish copies"."""
    if request.method != "POST":
        return
    parent_id = request.POST.get("new_parent_page", "")
    parent = Page.objects.filter(pk=int(parent_id)).first() if parent_id.isdigit() else None
    if refused(request, parent=parent or page.get_parent()) and strip_from_post(
        request, "publish_copies"
    ):
        messages.warning(request, COPIES_NOT_PUBLISHED)


@hooks.register("before_publish_page")
def refuse_direct_publish(request, page):
    """The last line in the admin, should a publish get past the hooks above."""
    if refused(request, page=page):
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
    if refused(request, page=context.get("page"), parent=context.get("parent_page")):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


class ReviewOverviewPanel(Component):
    """Counts by state and the items waiting longest, so nothing rots in the queue."""

    name = "review_overview"
    template_name = "cms/workflow/review_overview_panel.html"
    order = 90
    oldest_limit = 8

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        workflows = review_workflows()
        states = WorkflowState.objects.filter(workflow__in=workflows)
        by_status = dict(
            states.order_by()
            .values_list("status")
            .annotate(count=Count("id"))
            .values_list("status", "count")
        )
        in_progress = (
            TaskState.objects.filter(
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__workflow__in=workflows,
                workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            )
            .select_related("task", "workflow_state__requested_by")
            .order_by("workflow_state__created_at")
        )
        # order_by() first: grouping must not include the listing's sort column.
        by_task_type = dict(
            in_progress.order_by()
            .values_list("task__content_type")
            .annotate(n=Count("id"))
            .values_list("task__content_type", "n")
        )
        fact_check_type, sign_off_type = (
            ContentType.objects.get_for_model(model).pk for model in (FactCheckTask, SignOffTask)
        )
        oldest = list(in_progress[: self.oldest_limit])
        pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in oldest])
        now = timezone.now()
        user = parent_context["request"].user
        context.update(
            {
                "role_help": [ROLE_HELP[g.name] for g in user.groups.all() if g.name in ROLE_HELP],
                "tiles": [
                    Tile(by_task_type.get(fact_check_type, 0), "事实核查中"),
                    Tile(by_task_type.get(sign_off_type, 0), "待终审签发"),
                    Tile(by_status.get(WorkflowState.STATUS_NEEDS_CHANGES, 0), "已退回修改"),
                    Tile(by_status.get(WorkflowState.STATUS_APPROVED, 0), "已通过发布"),
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


@hooks.register("register_admin_viewset")
def register_task_results():
    # Failed background jobs, for site admins (cms/task_results.py).
    from .task_results import task_result_viewset

    return task_result_viewset
