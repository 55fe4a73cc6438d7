"""The admin view moderators play a submitted video through (it is in private storage)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from core.file_responses import file_response

from .models import CampaignSubmission

MODERATION_PERMISSION = "campaigns.change_campaignsubmission"


def submission_video(request, pk: int):
    """Any submission's video, pending, approved or rejected, for those who moderate them."""
    if not request.user.has_perm(MODERATION_PERMISSION):
        raise PermissionDenied
    submission = get_object_or_404(CampaignSubmission.objects.only("id", "video"), pk=pk)
    return file_response(request, submission.video, cache_control="private, no-store")
