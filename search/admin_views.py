"""The "搜了没找到" admin report, and starting a rebuttal draft from one of its queries."""

import datetime

from django.contrib import messages
from django.db.models import Max, OuterRef, Subquery, Sum
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST

from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from . import query_stats, text
from .drafts import DraftNotCreated, create_draft, draft_target
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

    def get(self, request, *args, **kwargs):
        query_stats.flush()  # the searches counted since the last flush belong in the report
        return super().get(request, *args, **kwargs)

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


@require_POST
def start_draft(request):
    """Create an unpublished page of the draft target type with the query as its claim, and
    open it in the editor."""
    query = text.strip_control(request.POST.get("q", "")).strip()[:500]
    registration = draft_target()
    if registration is None or not query:
        messages.error(request, "没有可以起草的栏目，或搜索词为空。")
        return redirect("search_zero_results")
    try:
        page = create_draft(registration, request.user, query)
    except DraftNotCreated as error:
        messages.error(request, f"无法自动创建草稿（{error}），请手动新建并粘贴：{query}")
        return redirect(
            "wagtailadmin_pages:add",
            registration.model._meta.app_label,
            registration.model._meta.model_name,
            error.parent.pk,
        )
    messages.success(request, f"已根据搜索词创建草稿：{page.title}")
    return redirect("wagtailadmin_pages:edit", page.pk)
