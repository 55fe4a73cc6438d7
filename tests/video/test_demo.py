"""The demo series: clips made by ffmpeg, probed, with subtitles, linked to the demo rebuttals;
loading twice adds nothing."""

import pytest

from debunk.factories import RebuttalPageFactory
from debunk.models import RebuttalPage
from video.demo import (
    EPISODE_REBUTTALS,
    EPISODES,
    SERIES_SLUG,
    link_demo_rebuttals,
    load_video_demo,
)
from video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory
from video.models import ProbeStatus, VideoEpisodePage, VideoMedia

pytestmark = pytest.mark.django_db


def test_demo_series_has_playable_subtitled_episodes_and_is_idempotent(
    site_tree, media_root, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        series = load_video_demo(site_tree["videos"])

    episodes = list(VideoEpisodePage.objects.child_of(series).live().order_by("episode_number"))
    assert [e.episode_number for e in episodes] == [1, 2, 3]
    for episode in episodes:
        media = episode.media
        assert media.probe_status == ProbeStatus.DONE
        assert media.duration == pytest.approx(6.0, abs=0.2)
        assert (media.width, media.height) == (640, 360)
        assert media.thumbnail and media.poster_generated
        assert episode.subtitles.count() == 1
        assert episode.fact_check_problems() == []
    html = client.get(episodes[0].url).content.decode()
    assert EPISODES[0].cues[0][2] in html  # the transcript made from the subtitle track

    files = sorted(p.name for p in media_root.rglob("*") if p.is_file())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load_video_demo(site_tree["videos"])
    assert VideoMedia.objects.count() == 3
    assert VideoEpisodePage.objects.count() == 3
    assert callbacks == []  # nothing re-encoded or re-probed
    assert sorted(p.name for p in media_root.rglob("*") if p.is_file()) == files


def test_demo_episodes_link_the_demo_rebuttals_they_explain_once(site_tree):
    series = VideoSeriesPageFactory(parent=site_tree["videos"], slug=SERIES_SLUG)
    link_demo_rebuttals(series)  # before the column's demo is loaded: nothing to link, no error
    for number in sorted({n for numbers in EPISODE_REBUTTALS.values() for n in numbers}):
        RebuttalPageFactory(parent=site_tree["rumours"], source_id=f"qingyuan-demo-{number:03d}")
    for number, slug in enumerate(EPISODE_REBUTTALS, start=1):
        episode = VideoEpisodePageFactory(parent=series, slug=slug, episode_number=number)
        episode.save_revision().publish()

    link_demo_rebuttals(series)
    link_demo_rebuttals(series)

    for slug, numbers in EPISODE_REBUTTALS.items():
        episode = VideoEpisodePage.objects.get(slug=slug)
        linked = [link.rebuttal_id for link in episode.rebuttal_links.all()]
        expected = [
            RebuttalPage.objects.get(source_id=f"qingyuan-demo-{n:03d}").pk for n in numbers
        ]
        assert linked == expected
        assert not episode.has_unpublished_changes  # published, not left as a draft
