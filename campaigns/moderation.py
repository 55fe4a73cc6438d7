"""Moderating campaign submissions in the Wagtail admin: listing, filters, bulk approve/reject,
CSV/XLSX export. Registered in wagtail_hooks.py."""

from django.utils import timezone

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import EditView, IndexView, InspectView, SnippetViewSet

import django_filters

from core.admin_listing import (
    BoundedDateFromToRangeFilter,
    IdChoiceFilter,
    InvalidFiltersListNothingMixin,
)
from core.bulk_status import StatusBulkAction
from core.permissions import PublicOnlyPermissionPolicy
from core.protection import SpreadsheetSafeExportMixin

from .models import CampaignPage, CampaignSubmission, SubmissionStatus
from .panels import SubmissionVideo

# Submissions come from the public form only: nobody adds one in the admin.
SubmissionPermissionPolicy = PublicOnlyPermissionPolicy


class SubmissionFilterSet(WagtailFilterSet):
    campaign = IdChoiceFilter(
        label="活动", queryset=CampaignPage.objects.order_by("-start_date", "title")
    )
    status = django_filters.ChoiceFilter(label="审核状态", choices=SubmissionStatus.choices)
    township = django_filters.CharFilter(label="乡镇（街道）", lookup_expr="icontains")
    created_at = BoundedDateFromToRangeFilter(label="提交时间", widget=DateRangePickerWidget)

    class Meta:
        model = CampaignSubmission
        fields = ["campaign", "status", "township", "created_at"]


class SubmissionIndexView(InvalidFiltersListNothingMixin, SpreadsheetSafeExportMixin, IndexView):
    pass


class SubmissionEditView(EditView):
    def save_instance(self):
        status_changed = "status" in self.form.changed_data
        if status_changed:
            self.form.instance.moderated_at = timezone.now()
            self.form.instance.moderated_by = self.request.user
        instance = super().save_instance()
        if status_changed:
            log_moderation(instance, instance.status, self.request.user)
        return instance


class SubmissionInspectView(InspectView):
    def get_video_display_value(self):
        return SubmissionVideo(self.object)


class VideoColumn(Column):
    """Play an uploaded video (through the admin view) or open a video link."""

    cell_template_name = "campaigns/admin/video_cell.html"


class CampaignSubmissionViewSet(SnippetViewSet):
    model = CampaignSubmission
    icon = "comment"
    menu_label = "活动投稿"
    menu_name = "campaign-submissions"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SubmissionIndexView
    edit_view_class = SubmissionEditView
    inspect_view_class = SubmissionInspectView
    filterset_class = SubmissionFilterSet
    search_fields = ["name", "township", "message"]
    search_backend_name = None  # the ORM: submissions (and contacts) stay out of search indexes
    list_per_page = 50
    list_display = [
        "name",
        Column("campaign", label="活动", accessor="campaign.title"),
        "township",
        "message_excerpt",
        VideoColumn("has_video", label="视频"),
        StatusTagColumn(
            "get_status_display",
            label="审核状态",
            sort_key="status",
            primary=lambda submission: submission.status == SubmissionStatus.PENDING,
        ),
        DateColumn("created_at", label="提交时间", sort_key="created_at"),
    ]
    # For reporting: who, where, what, when. Contact details are not exported.
    list_export = [
        "id",
        "campaign.title",
        "name",
        "township",
        "message",
        "video_file_url",
        "video_url",
        "video_duration",
        "get_status_display",
        "created_at",
        "moderated_at",
    ]
    export_headings = {
        "id": "编号",
        "campaign.title": "活动",
        "name": "姓名或昵称",
        "township": "乡镇（街道）",
        "message": "留言",
        "video_file_url": "视频文件",
        "video_url": "视频链接",
        "video_duration": "视频时长（秒）",
        "get_status_display": "审核状态",
        "created_at": "提交时间",
        "moderated_at": "审核时间",
    }
    export_filename = "campaign-submissions"
    inspect_view_fields = [
        "campaign",
        "name",
        "contact",
        "township",
        "message",
        "video",
        "video_url",
        "video_duration",
        "consent",
        "status",
        "moderation_note",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]

    def get_queryset(self, request):
        return CampaignSubmission.objects.select_related("campaign", "moderated_by")


MODERATION_ACTION = "campaigns.submission.moderate"


def log_moderation(submission, status: str, user=None) -> None:
    """Wagtail's audit log: who approved or rejected which submission."""
    log(
        instance=submission,
        action=MODERATION_ACTION,
        user=user,
        data={"status": status, "label": SubmissionStatus(status).label},
    )


class ModerateSubmissionsBulkAction(StatusBulkAction):
    """Set the status of the selected submissions in one UPDATE, stamping who and when."""

    models = [CampaignSubmission]
    status_choices = SubmissionStatus
    item_noun = "投稿"
    no_access_message = "你没有审核这些投稿的权限"
    status_notes = {
        SubmissionStatus.APPROVED: "通过后将立即在活动页面公开展示（联系方式不会公开）。"
    }
    select_related = ("campaign",)

    def item_detail(self, submission) -> str:
        return f"{submission.campaign.title}，{submission.get_status_display()}"

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        ids = [submission.pk for submission in objects]
        moderated = CampaignSubmission.objects.filter(pk__in=ids).moderate(cls.new_status, user)
        for submission in objects:
            log_moderation(submission, cls.new_status, user)
        return moderated, 0


class ApproveSubmissionsBulkAction(ModerateSubmissionsBulkAction):
    display_name = "通过"
    action_type = "approve"
    aria_label = "通过所选投稿并公开展示"
    action_priority = 10
    new_status = SubmissionStatus.APPROVED


class RejectSubmissionsBulkAction(ModerateSubmissionsBulkAction):
    display_name = "不通过"
    action_type = "reject"
    aria_label = "不通过所选投稿"
    action_priority = 20
    classes = {"serious"}
    new_status = SubmissionStatus.REJECTED
