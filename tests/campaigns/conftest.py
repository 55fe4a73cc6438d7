import shutil
import subprocess

import pytest

from campaigns.factories import CampaignPageFactory, days_from_today


@pytest.fixture
def campaign_index(site_tree):
    return site_tree["campaigns"]


@pytest.fixture
def ongoing_campaign(campaign_index):
    return CampaignPageFactory(
        parent=campaign_index,
        title="我想对清源说句话",
        slug="say-something",
        start_date=days_from_today(-5),
        end_date=days_from_today(10),
        accepts_submissions=True,
        submission_prompt="写下你想对家乡说的话，或上传一段短视频",
    )


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def private_media_root(settings, tmp_path):
    """Where submitted videos are kept (never under MEDIA_ROOT)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


def make_video(path, seconds=1, codec="libx264"):
    """A real, tiny video made by Debian's ffmpeg (installed by `make test`)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.fail("ffmpeg not found: run `make test`, which installs Debian's ffmpeg package.")
    subprocess.run(
        [
            *(ffmpeg, "-v", "error", "-f", "lavfi"),
            *("-i", f"testsrc=duration={seconds}:size=64x64:rate=10"),
            *("-pix_fmt", "yuv420p", "-c:v", codec, "-y", str(path)),
        ],
        check=True,
    )
    return path


@pytest.fixture(scope="session")
def short_mp4(tmp_path_factory):
    return make_video(tmp_path_factory.mktemp("videos") / "short.mp4")


@pytest.fixture(scope="session")
def long_mp4(tmp_path_factory):
    return make_video(tmp_path_factory.mktemp("videos") / "long.mp4", seconds=5)


def member_of(group_name):
    """A staff user in one of the editorial groups (core.permissions)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(group_name, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user
