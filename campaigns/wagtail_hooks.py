"""Admin hooks: the moderation listing of campaign submissions, with bulk approve/reject and
export, and the view that plays their videos."""

from django.urls import path

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import admin_views
from .models import CampaignSubmission
from .moderation import (
    MODERATION_ACTION,
    ApproveSubmissionsBulkAction,
    CampaignSubmissionViewSet,
    RejectSubmissionsBulkAction,
    SubmissionPermissionPolicy,
)

register_permission_policy(
    CampaignSubmission, SubmissionPermissionPolicy(CampaignSubmission), exact_class=True
)
register_snippet(CampaignSubmissionViewSet)
hooks.register("register_bulk_action", ApproveSubmissionsBulkAction)
hooks.register("register_bulk_action", RejectSubmissionsBulkAction)


@hooks.register("register_log_actions")
def register_moderation_action(actions):
    @actions.register_action(MODERATION_ACTION)
    class SubmissionModerated(LogFormatter):
        label = "投稿审核"

        def format_message(self, log_entry):
            return f"审核结果：{(log_entry.data or {}).get('label', '')}"


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "campaign-submissions/<id:pk>/video/",
            admin_views.submission_video,
            name="campaigns_submission_video",
        )
    ]
