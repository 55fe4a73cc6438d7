"""Admin hooks: the moderation listing of campaign submissions, with bulk approve/reject and
export."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import CampaignSubmission
from .moderation import (
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
