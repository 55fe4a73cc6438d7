"""Episodes in the 辟谣审核 workflow: the fact-check checklist and what a re-check is keyed on."""

from wagtail.models import WorkflowPage

import pytest

from cms.models.workflow import checklist_problems, fact_check_fingerprint
from video.demo import webvtt
from video.factories import VideoEpisodePageFactory
from video.models import ProbeStatus, VideoSubtitle

pytestmark = pytest.mark.django_db


def test_the_video_section_is_under_the_review_workflow(site_tree):
    assert WorkflowPage.objects.get(page=site_tree["videos"]).workflow.name == "辟谣审核"


def test_a_complete_episode_passes_the_checklist(uploaded_episode):
    revision = uploaded_episode.get_latest_revision_as_object()
    assert checklist_problems(revision) == []


def test_checklist_names_what_is_missing(series):
    episode = VideoEpisodePageFactory(parent=series, embed_url="", summary=" ")
    assert checklist_problems(episode) == [
        "没有视频（请上传视频或填写外部视频链接）",
        "没有内容摘要",
        "没有字幕或文字稿（听不到声音的读者无从了解内容）",
    ]


def test_a_video_still_being_probed_cannot_pass(series, uploaded_episode):
    uploaded_episode.media.probe_status = ProbeStatus.PENDING
    uploaded_episode.media.save(update_fields=["probe_status"])
    episode = type(uploaded_episode).objects.get(pk=uploaded_episode.pk)
    assert checklist_problems(episode) == ["上传的视频尚未通过检查（等待分析）"]


def test_changing_subtitles_or_the_video_changes_the_fingerprint(series):
    episode = VideoEpisodePageFactory(parent=series, transcript="文字稿")
    before = fact_check_fingerprint(episode)
    assert before == fact_check_fingerprint(type(episode).objects.get(pk=episode.pk))

    episode.subtitles = [VideoSubtitle(vtt=webvtt([(0, 1, "新的字幕")]))]
    with_subtitles = fact_check_fingerprint(episode)
    assert with_subtitles != before

    episode.embed_url = "https://www.bilibili.com/video/BV1xx411c7mD"
    assert fact_check_fingerprint(episode) not in {before, with_subtitles}
