"""The demo series: clips made by ffmpeg, probed, with subtitles; loading twice adds nothing."""

import pytest

from video.demo import EPISODES, load_video_demo
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
