"""Submitted campaign videos are private until approved: who may play them, and over which URL."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from campaigns.factories import CampaignPageFactory, CampaignSubmissionFactory
from campaigns.models import CampaignSubmission, SubmissionStatus
from core.permissions import EDITORS, REVIEWERS
from tests.campaigns.conftest import member_of

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_campaigns_campaignsubmission:list")


def bulk(client, action, submission):
    base = reverse("wagtail_bulk_action", args=("campaigns", "campaignsubmission", action))
    return client.post(f"{base}?id={submission.pk}&next={LIST_URL}")


def public_url(submission):
    return f"{submission.campaign.url}videos/{submission.pk}/"


def admin_url(submission):
    return reverse("campaigns_submission_video", args=[submission.pk])


def media_url(submission):
    return settings.MEDIA_URL + submission.video.name


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def video_bytes(short_mp4):
    return short_mp4.read_bytes()


@pytest.fixture
def with_video(ongoing_campaign, private_media_root, video_bytes):
    def make(status=SubmissionStatus.PENDING, campaign=None):
        return CampaignSubmissionFactory(
            campaign=campaign or ongoing_campaign,
            status=status,
            video=SimpleUploadedFile("clip.mp4", video_bytes, content_type="video/mp4"),
        )

    return make


@pytest.fixture
def moderator(client):
    client.force_login(member_of(REVIEWERS))
    return client


def test_a_sent_video_is_kept_out_of_public_media(
    client, ongoing_campaign, media_root, private_media_root, video_bytes
):
    upload = SimpleUploadedFile("clip.mp4", video_bytes, content_type="video/mp4")
    response = client.post(
        ongoing_campaign.url + "submit/",
        {
            "name": "小林",
            "contact": "13800001234",
            "township": "城关镇",
            "message": "转发之前先求证",
            "consent": "on",
            "video": upload,
        },
    )
    assert response.status_code == 302
    submission = CampaignSubmission.objects.get()

    assert (private_media_root / submission.video.name).read_bytes() == video_bytes
    assert not (media_root / submission.video.name).exists()
    assert client.get(media_url(submission)).status_code == 404
    assert client.get(public_url(submission)).status_code == 404


@pytest.mark.parametrize("status", [SubmissionStatus.PENDING, SubmissionStatus.REJECTED])
def test_anonymous_readers_cannot_fetch_an_unapproved_video(client, with_video, status):
    submission = with_video(status)

    assert client.get(media_url(submission)).status_code == 404
    assert client.get(public_url(submission)).status_code == 404
    from_admin = client.get(admin_url(submission))
    assert from_admin.status_code == 302 and "/admin/login/" in from_admin["Location"]


def test_staff_who_do_not_moderate_are_refused(client, with_video):
    submission = with_video()
    client.force_login(member_of(EDITORS))
    refused = client.get(admin_url(submission))  # Wagtail's answer: back to the dashboard
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("status", [SubmissionStatus.PENDING, SubmissionStatus.REJECTED])
def test_moderators_play_any_video_with_range_requests(moderator, with_video, video_bytes, status):
    submission = with_video(status)

    whole = moderator.get(admin_url(submission))
    assert whole.status_code == 200
    assert body(whole) == video_bytes
    assert whole["Content-Type"] == "video/mp4"
    assert whole["Accept-Ranges"] == "bytes"
    assert {"private", "no-store"} <= set(whole["Cache-Control"].split(", "))

    part = moderator.get(admin_url(submission), HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-99/{len(video_bytes)}"
    assert part["Content-Length"] == "100"
    assert body(part) == video_bytes[:100]


def test_the_moderation_views_play_the_video_through_the_admin(admin_client, with_video):
    submission = with_video()
    player = f'src="{admin_url(submission)}"'
    inspect = reverse("wagtailsnippets_campaigns_campaignsubmission:inspect", args=[submission.pk])
    edit = reverse("wagtailsnippets_campaigns_campaignsubmission:edit", args=[submission.pk])

    assert player in admin_client.get(inspect).content.decode()
    assert player in admin_client.get(edit).content.decode()
    assert f'href="{admin_url(submission)}"' in admin_client.get(LIST_URL).content.decode()
    export = body(admin_client.get(LIST_URL, {"export": "csv"})).decode("utf-8-sig")
    assert f"http://testserver{admin_url(submission)}" in export
    assert settings.MEDIA_URL not in export


def test_an_approved_video_plays_for_readers(client, moderator, with_video, video_bytes):
    submission = with_video()
    assert bulk(moderator, "approve", submission).status_code == 302
    reader = type(client)()

    wall = reader.get(submission.campaign.url).content.decode()
    assert f'src="{public_url(submission)}"' in wall
    whole = reader.get(public_url(submission))
    assert whole.status_code == 200
    assert body(whole) == video_bytes
    assert whole["Cache-Control"] == "no-cache"
    part = reader.get(public_url(submission), HTTP_RANGE="bytes=-10")
    assert part.status_code == 206
    assert body(part) == video_bytes[-10:]
    assert reader.get(media_url(submission)).status_code == 404  # never under MEDIA_URL


def test_a_video_rejected_after_approval_is_gone(client, moderator, with_video):
    submission = with_video(SubmissionStatus.APPROVED)
    reader = type(client)()
    assert reader.get(public_url(submission)).status_code == 200

    bulk(moderator, "reject", submission)

    assert reader.get(public_url(submission)).status_code == 404
    assert "<video" not in reader.get(submission.campaign.url).content.decode()
    assert moderator.get(admin_url(submission)).status_code == 200  # still there to review


def test_a_deleted_submission_takes_its_video_along(
    admin_client, client, with_video, private_media_root, django_capture_on_commit_callbacks
):
    submission = with_video(SubmissionStatus.APPROVED)
    stored = private_media_root / submission.video.name
    assert stored.exists()
    delete = reverse("wagtailsnippets_campaigns_campaignsubmission:delete", args=[submission.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(delete).status_code == 302

    assert not stored.exists()
    assert client.get(public_url(submission)).status_code == 404
    assert admin_client.get(admin_url(submission)).status_code == 404


def test_a_video_is_served_only_under_its_own_campaign(client, campaign_index, with_video):
    other = CampaignPageFactory(parent=campaign_index, title="另一个活动", slug="other")
    submission = with_video(SubmissionStatus.APPROVED)
    assert client.get(f"{other.url}videos/{submission.pk}/").status_code == 404
    assert client.get(f"{submission.campaign.url}videos/99999999999999999999/").status_code == 404


def test_an_unchanged_video_is_revalidated_without_its_bytes(client, with_video):
    submission = with_video(SubmissionStatus.APPROVED)
    first = client.get(public_url(submission))

    again = client.get(public_url(submission), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304
    stale = client.get(
        public_url(submission),
        HTTP_RANGE="bytes=0-9",
        HTTP_IF_RANGE="Wed, 21 Oct 2015 07:28:00 GMT",
    )
    assert stale.status_code == 200  # the copy the client holds is another version: all of it


def test_a_range_past_the_end_is_416(moderator, with_video, video_bytes):
    submission = with_video()
    response = moderator.get(admin_url(submission), HTTP_RANGE=f"bytes={len(video_bytes)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(video_bytes)}"


def test_a_missing_file_is_404_not_500(moderator, with_video, private_media_root):
    submission = with_video()
    (private_media_root / submission.video.name).unlink()
    assert moderator.get(admin_url(submission)).status_code == 404


def test_the_migration_moves_videos_out_of_public_media(
    ongoing_campaign, media_root, private_media_root, video_bytes
):
    name = "campaign-submissions/2024/06/0123456789abcdef.mp4"
    (media_root / "campaign-submissions/2024/06").mkdir(parents=True)
    (media_root / name).write_bytes(video_bytes)
    CampaignSubmission.objects.bulk_create(
        [CampaignSubmissionFactory.build(campaign=ongoing_campaign, video=name)]
    )
    migration = importlib.import_module("campaigns.migrations.0003_private_submission_videos")

    migration.to_private(apps, None)

    assert not (media_root / name).exists()
    assert (private_media_root / name).read_bytes() == video_bytes
    migration.to_private(apps, None)  # again: nothing left to move, nothing lost
    assert (private_media_root / name).read_bytes() == video_bytes
