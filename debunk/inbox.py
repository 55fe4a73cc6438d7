"""The tip inbox in the Wagtail admin (求证线索): listing with filters, bulk status changes,
the edit screen with the matching rebuttals and their actions, CSV/XLSX export without contact
details; and the informant roster. Registered in wagtail_hooks.py."""

from django import forms
from django.db.models import Prefetch

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

import django_filters

from core.admin_listing import BoundedDateFromToRangeFilter, InvalidFiltersListNothingMixin
from core.bulk_status import StatusBulkAction
from core.protection import SpreadsheetSafeExportMixin

from . import triage
from .models import InformantProfile, Platform, Tip, TipMatch, TipPriority, TipStatus
from .models.tips import ANSWERING_STATUSES

# -- the edit screen ----------------------------------------------------------------------------


class TipAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in ANSWERING_STATUSES and not cleaned.get("rebuttal"):
            self.add_error(
                "rebuttal",
                forms.ValidationError(
                    "“已答复”和“已有辟谣”需要选择对应的辟谣文章：读者会收到它的链接。",
                    code="rebuttal_required",
                ),
            )
        return cleaned


class TipSummaryPanel(Panel):
    """What was sent, read-only (the contact address is shown here and nowhere else)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "debunk/admin/tip_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["tip"] = self.instance
            return context


class TipMatchesPanel(Panel):
    """The rebuttals the tip matched when it arrived, with the actions an editor takes on
    them: mark as a duplicate, bump to the top of the column, or start a new rebuttal."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "debunk/admin/tip_matches_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            tip = self.instance
            context.update(
                tip=tip,
                matches=list(tip.matches.select_related("rebuttal")) if tip.pk else [],
                can_start_rebuttal=tip.pk and tip.rebuttal_id is None,
                next_url=self.request.get_full_path(),
            )
            return context


class TipEditView(EditView):
    def save_instance(self):
        """A status chosen in the form goes through debunk.triage like every other change
        (answer date, handler, resurfacing count, reply to the sender)."""
        tip = self.form.instance
        status_changed = "status" in self.form.changed_data
        new_status = tip.status
        if status_changed:
            tip.status = self.form.initial["status"]
        instance = super().save_instance()
        if status_changed:
            rebuttal = instance.rebuttal if new_status in ANSWERING_STATUSES else None
            triage.change_status([instance], new_status, self.request.user, rebuttal=rebuttal)
        return instance


# -- the listing --------------------------------------------------------------------------------


def township_choices():
    townships = (
        Tip.objects.exclude(township="")
        .order_by("township")
        .values_list("township", flat=True)
        .distinct()
    )
    return [(township, township) for township in townships]


CHANNELS = [("informant", "信息员报送"), ("reader", "读者求证"), ("self", "读者自查（已找到答案）")]


class TipFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="处理状态", choices=TipStatus.choices)
    channel = django_filters.ChoiceFilter(label="渠道", choices=CHANNELS, method="filter_channel")
    seen_on = django_filters.ChoiceFilter(label="在哪里看到", choices=Platform.choices)
    township = django_filters.ChoiceFilter(label="乡镇（街道）", choices=township_choices)
    priority = django_filters.ChoiceFilter(label="优先级", choices=TipPriority.choices)
    created_at = BoundedDateFromToRangeFilter(label="提交时间", widget=DateRangePickerWidget)

    class Meta:
        model = Tip
        fields = ["status", "channel", "seen_on", "township", "priority", "created_at"]

    def filter_channel(self, queryset, name, value):
        if value == "informant":
            return queryset.filter(from_informant=True)
        if value == "self":
            return queryset.filter(answered_by_search=True)
        if value == "reader":
            return queryset.filter(from_informant=False, answered_by_search=False)
        return queryset


class TipIndexView(InvalidFiltersListNothingMixin, SpreadsheetSafeExportMixin, IndexView):
    pass


class InformantIndexView(InvalidFiltersListNothingMixin, IndexView):
    pass


class BestMatchColumn(Column):
    """The closest rebuttal and how close, from the prefetched matches."""

    def get_value(self, instance):
        matches = list(instance.matches.all())
        if not matches:
            return "—"
        best = matches[0]
        return f"{best.rebuttal.title[:24]}（{best.percent}%）"


class TipViewSet(SnippetViewSet):
    model = Tip
    icon = "help"
    menu_label = "求证线索"
    menu_name = "tips"
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = TipIndexView
    edit_view_class = TipEditView
    filterset_class = TipFilterSet
    search_fields = ["text", "township", "note"]
    search_backend_name = None  # the ORM: tips (and contacts) stay out of search indexes
    list_per_page = 50
    list_display = [
        "excerpt",
        StatusTagColumn(
            "channel_display",
            label="渠道",
            primary=lambda tip: tip.from_informant,
        ),
        "township",
        Column("get_seen_on_display", label="在哪里看到"),
        BestMatchColumn("best_match", label="最相似的辟谣"),
        StatusTagColumn(
            "get_status_display",
            label="处理状态",
            sort_key="status",
            primary=lambda tip: tip.status == TipStatus.NEW,
        ),
        Column("get_priority_display", label="优先级", sort_key="priority"),
        DateColumn("created_at", label="提交时间", sort_key="created_at"),
    ]
    # For reporting: what, where, when, what became of it. Contact details are not exported.
    list_export = [
        "id",
        "text",
        "channel_display",
        "township",
        "get_seen_on_display",
        "link",
        "get_status_display",
        "get_priority_display",
        "rebuttal_title",
        "created_at",
        "answered_at",
    ]
    export_headings = {
        "id": "编号",
        "text": "消息内容",
        "channel_display": "渠道",
        "township": "乡镇（街道）",
        "get_seen_on_display": "在哪里看到",
        "link": "链接",
        "get_status_display": "处理状态",
        "get_priority_display": "优先级",
        "rebuttal_title": "对应辟谣",
        "created_at": "提交时间",
        "answered_at": "答复时间",
    }
    export_filename = "tips"
    edit_handler = ObjectList(
        [
            TipSummaryPanel(heading="线索内容"),
            TipMatchesPanel(heading="相似辟谣"),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("priority"),
                    FieldPanel("rebuttal"),
                    FieldPanel("note"),
                ],
                heading="处理",
            ),
        ],
        base_form_class=TipAdminForm,
    )

    def get_queryset(self, request):
        best_first = TipMatch.objects.select_related("rebuttal").only(
            "tip_id", "similarity", "rank", "rebuttal__title"
        )
        return (
            Tip.objects.select_related("submitter", "rebuttal")
            .prefetch_related(Prefetch("matches", queryset=best_first))
            .inbox_order()
        )


class InformantProfileViewSet(SnippetViewSet):
    model = InformantProfile
    icon = "group"
    menu_label = "信息员名册"
    menu_name = "informants"
    copy_view_enabled = False
    index_view_class = InformantIndexView
    list_display = [
        Column("user", label="用户", accessor="user"),
        "township",
        Column("get_role_display", label="身份", sort_key="role"),
        DateColumn("created_at", label="登记时间", sort_key="created_at"),
    ]
    list_filter = ["township", "role"]
    search_fields = ["township", "user__username", "user__first_name", "user__last_name"]
    search_backend_name = None
    panels = [
        FieldPanel("user"),
        FieldPanel("township"),
        FieldPanel("role"),
        FieldPanel("phone"),
        FieldPanel("note"),
    ]

    def get_queryset(self, request):
        return InformantProfile.objects.select_related("user")


class TipsGroup(SnippetViewSetGroup):
    items = (TipViewSet, InformantProfileViewSet)
    menu_icon = "help"
    menu_label = "读者求证"
    menu_name = "reader-tips"
    menu_order = 240


# -- bulk status changes ------------------------------------------------------------------------


class TipStatusBulkAction(StatusBulkAction):
    """Move the selected tips to one status (through debunk.triage)."""

    models = [Tip]
    status_choices = TipStatus
    item_noun = "线索"
    no_access_message = "你没有处理这些线索的权限"

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return triage.change_status(objects, cls.new_status, user), 0


class TriageTipsBulkAction(TipStatusBulkAction):
    display_name = "核查中"
    action_type = "triage"
    aria_label = "将所选线索标记为核查中"
    action_priority = 10
    new_status = TipStatus.TRIAGED


class RejectTipsBulkAction(TipStatusBulkAction):
    display_name = "不予处理"
    action_type = "reject_tips"
    aria_label = "将所选线索标记为不予处理"
    action_priority = 20
    classes = {"serious"}
    new_status = TipStatus.REJECTED


class ReopenTipsBulkAction(TipStatusBulkAction):
    display_name = "退回待分拣"
    action_type = "reopen_tips"
    aria_label = "将所选线索退回待分拣"
    action_priority = 30
    new_status = TipStatus.NEW
