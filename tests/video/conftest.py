"""Fixtures for video tests: real clips encoded by ffmpeg, media items probed by the real task."""

import shutil
from pathlib import Path

from django.core.files import File

from wagtail.models import Collection

import pytest

from video.demo import make_test_pattern, webvtt
from video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory
from video.models import VideoMedia, VideoSubtitle

CUES = [
    (0.0, 1.5, "网传：喝板蓝根能预防新冠"),
    (1.5, 3.0, "真相：没有证据"),
    (3.5, 4.0, "请接种疫苗"),
]


def pytest_collection_modifyitems(config, items):
    if shutil.which("ffmpeg") is None:
        pytest.exit("ffmpeg not found: run `make test`, which installs Debian's ffmpeg.", 2)


@pytest.fixture(scope="session")
def clip_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("clips")


@pytest.fixture(scope="session")
def clip(clip_dir) -> Path:
    """A 4-second 320x180 H.264/AAC MP4 with a title card, encoded once per session."""
    return make_test_pattern(clip_dir / "clip.mp4", seconds=4, title="测试视频", size="320x180")


@pytest.fixture(scope="session")
def truncated_clip(clip, clip_dir) -> Path:
    path = clip_dir / "truncated.mp4"
    data = clip.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.fixture(scope="session")
def text_as_mp4(clip_dir) -> Path:
    path = clip_dir / "notes.mp4"
    path.write_text("这是一份文字稿，不是视频。\n" * 20, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def empty_mp4(clip_dir) -> Path:
    path = clip_dir / "empty.mp4"
    path.write_bytes(b"")
    return path


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_media(django_capture_on_commit_callbacks):
    """Store a file as a VideoMedia item and run the probe task the save enqueues."""

    def make(path: Path, title: str = "测试视频", **fields) -> VideoMedia:
        if Collection.get_first_root_node() is None:  # flushed by a transactional test
            Collection.add_root(name="Root")
        media = VideoMedia(title=title, type="video", **fields)
        with django_capture_on_commit_callbacks(execute=True), path.open("rb") as handle:
            media.file.save(path.name, File(handle), save=False)
            media.save()
        media.refresh_from_db()
        return media

    return make


@pytest.fixture
def series(site_tree):
    return VideoSeriesPageFactory(parent=site_tree["videos"], title="一分钟看真相", slug="truth")


@pytest.fixture
def uploaded_episode(series, clip, make_media):
    """An episode playing an uploaded, probed clip, with a Chinese subtitle track."""
    episode = VideoEpisodePageFactory(
        parent=series,
        title="板蓝根能预防新冠吗",
        slug="banlangen",
        episode_number=1,
        embed_url="",
        duration_seconds=None,
        media=make_media(clip),
        summary="网传每天喝板蓝根能预防新冠，专家说没有证据。",
    )
    VideoSubtitle.objects.create(page=episode, language="zh-Hans", vtt=webvtt(CUES))
    episode.save_revision().publish()
    return episode
