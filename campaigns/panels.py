"""The moderators' player for a submitted video, in the edit and inspect views of a submission.

The video is in private storage: the player asks the admin view, which checks the moderator's
permission and answers range requests (campaigns.admin_views.submission_video).
"""

from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component

TEMPLATE = "campaigns/admin/submission_video.html"


def player_context(submission) -> dict:
    return {
        "player_url": submission.moderation_video_url(),
        "duration": submission.video_duration,
    }


class SubmissionVideoPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = TEMPLATE

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), **player_context(self.instance)}


class SubmissionVideo(Component):
    template_name = TEMPLATE

    def __init__(self, submission):
        self.submission = submission

    def get_context_data(self, parent_context=None):
        return player_context(self.submission)
