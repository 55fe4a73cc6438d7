"""An episode plays in headless Chromium: poster first, keyboard play, time advances, cues show."""

import re

import pytest

from tests.video.conftest import (  # noqa: F401
    CUES,
    clip,
    clip_dir,
    make_media,
    media_root,
    series,
    uploaded_episode,  # noqa: F401
)
from video.factories import VideoEpisodePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_episode_plays_with_subtitles(live_server, uploaded_episode, phone_page, tmp_path):  # noqa: F811
    requests = []
    phone_page.on("request", lambda request: requests.append(request.url))
    phone_page.goto(live_server.url + uploaded_episode.url)

    video = phone_page.locator("video")
    assert video.get_attribute("poster").endswith(".jpg")
    assert phone_page.evaluate("document.querySelector('video').paused")
    assert not any(url.endswith(".mp4") for url in requests), "no video bytes before play"

    video.focus()
    phone_page.keyboard.press("Space")  # the native controls answer the keyboard

    phone_page.wait_for_function(
        "() => document.querySelector('video').currentTime > 0.8", timeout=10_000
    )
    cue = phone_page.wait_for_function(
        """() => {
            const track = document.querySelector('video').textTracks[0];
            const cues = track && track.activeCues;
            return cues && cues.length ? cues[0].text : null;
        }""",
        timeout=10_000,
    ).json_value()
    assert cue in {text for _, _, text in CUES}
    assert phone_page.evaluate("document.querySelector('video').textTracks[0].mode") == "showing"
    phone_page.screenshot(path=str(tmp_path / "episode-playing.png"))
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone_page.console_log.errors == []


def test_platform_player_loads_only_after_the_reader_presses_play(live_server, series, phone_page):  # noqa: F811
    VideoEpisodePageFactory(
        parent=series, slug="bili", embed_url="https://www.bilibili.com/video/BV1GJ411x7h7"
    )
    platform_requests = []
    # The network is closed: answer the player's URL locally and record that it was asked for.
    phone_page.route(
        re.compile(r"^https://player\.bilibili\.com/"),
        lambda route: (
            platform_requests.append(route.request.url),
            route.fulfill(status=200, content_type="text/html", body="<title>player</title>"),
        ),
    )
    phone_page.goto(live_server.url + "/videos/truth/bili/")

    assert phone_page.locator("iframe").count() == 0
    assert platform_requests == []

    play = phone_page.get_by_role("button", name="播放视频")
    play.focus()
    phone_page.keyboard.press("Enter")

    iframe = phone_page.locator("iframe.embed-facade__frame")
    iframe.wait_for()
    assert iframe.get_attribute("src").startswith(
        "https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7"
    )
    assert iframe.get_attribute("referrerpolicy") == "strict-origin"
    phone_page.wait_for_function("() => window.frames.length === 1")
    assert len(platform_requests) == 1
    assert phone_page.console_log.errors == []
