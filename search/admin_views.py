"""The "搜了没找到" admin report, and starting a rebuttal draft from one of its queries."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, OuterRef, Subquery, Sum
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST

from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from . import registry, text
from .models import SearchQueryStat

PERIODS = {"7": 7, "30": 30, "90": 90}
DEFAULT_PERIOD = "30"


def zero_result_queries(days: int):
    """Queries that found nothing in the last ``days`` days and still find nothing, the most
    frequent first."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    latest_found = (
        SearchQueryStat.objects.filter(query=OuterRef("query")).order_by("-date").values("found")
    )
    return (
        SearchQueryStat.objects.filter(date__gte=since)
        .values("query")
        .annotate(
            empty=Sum("empty_searches"),
            searches=Sum("searches"),
            last_seen=Max("date"),
            found_now=Subquery(latest_found[:1]),
        )
        .filter(empty__gt=0, found_now=False)
        .order_by("-empty", "-last_seen", "query")
    )


class ZeroResultQueriesView(ReportView):
    page_title = "搜了没找到"
    header_icon = "search"
    results_template_name = "search/admin/zero_results_results.html"
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50

    @cached_property
    def permission_policy(self):
        # Anyone who edits pages may see what readers could not find.
        return policy_registry.get_by_type(Page)

    @cached_property
    def period(self) -> str:
        value = self.request.GET.get("days", DEFAULT_PERIOD)
        return value if value in PERIODS else DEFAULT_PERIOD

    def get_queryset(self):
        return zero_result_queries(PERIODS[self.period])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            period=self.period,
            periods=PERIODS,
            draft_target=draft_target(),
            search_url=reverse("search:search"),
        )
        return context


def draft_target() -> registry.Registration | None:
    targets = registry.draft_targets()
    return targets[0] if targets else None


def parent_for(registration, user):
    """The first page where this user may add a page of the registered type."""
    parent_models = registration.model.allowed_parent_page_models()
    for parent in Page.objects.type(*parent_models).order_by("path"):
        permissions = parent.permissions_for_user(user)
        creatable = parent.specific_class.creatable_subpage_models()
        if permissions.can_add_subpage() and registration.model in creatable:
            return parent
    return None


@require_POST
def start_draft(request):
    """Create an unpublished page of the draft target type with the query as its claim, and
    open it in the editor."""
    query = text.strip_control(request.POST.get("q", "")).strip()[:500]
    registration = draft_target()
    if registration is None or not query:
        messages.error(request, "没有可以起草的栏目，或搜索词为空。")
        return redirect("search_zero_results")
    parent = parent_for(registration, request.user)
    if parent is None:
        raise PermissionDenied
    page = registration.model(title=query[:60], live=False, owner=request.user)
    setattr(page, registration.draft_field, query)
    try:
        with transaction.atomic():
            parent.specific.add_child(instance=page)
            # A draft may be incomplete (required fields wait for the editor), as in the admin.
            page.save_revision(user=request.user, log_action=True, clean=False)
    except (ValidationError, IntegrityError) as error:
        messages.error(request, f"无法自动创建草稿（{error}），请手动新建并粘贴：{query}")
        return redirect(
            "wagtailadmin_pages:add",
            registration.model._meta.app_label,
            registration.model._meta.model_name,
            parent.pk,
        )
    messages.success(request, f"已根据搜索词创建草稿：{page.title}")
    return redirect("wagtailadmin_pages:edit", page.pk)
