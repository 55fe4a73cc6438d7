"""The real ffprobe/ffmpeg on small generated files: what is read, what is refused."""

import io
import subprocess

import pytest
from PIL import Image

from video.demo import make_test_pattern
from video.probe import NotPlayable, check_playable, extract_poster, probe


def test_probe_reads_duration_resolution_and_codecs(clip):
    info = check_playable(str(clip))

    assert info.duration == pytest.approx(4.0, abs=0.1)
    assert (info.width, info.height) == (320, 180)
    assert info.resolution == "320×180"
    assert info.video_codec == "h264"
    assert info.audio_codec == "aac"
    assert "mp4" in info.container


def test_poster_is_a_jpeg_frame_of_the_video(clip):
    poster = extract_poster(str(clip), probe(str(clip)))

    image = Image.open(io.BytesIO(poster))
    assert image.format == "JPEG"
    assert image.size == (320, 180)


def test_large_videos_get_a_poster_no_wider_than_1280(clip_dir):
    wide = make_test_pattern(clip_dir / "wide.mp4", seconds=1, size="1920x1080")
    image = Image.open(io.BytesIO(extract_poster(str(wide), probe(str(wide)))))
    assert image.size == (1280, 720)


def test_renamed_text_file_is_not_playable(text_as_mp4):
    with pytest.raises(NotPlayable, match="不是可播放的视频或音频文件"):
        check_playable(str(text_as_mp4))


def test_zero_length_file_is_not_playable(empty_mp4):
    with pytest.raises(NotPlayable, match="0 字节"):
        check_playable(str(empty_mp4))


def test_truncated_video_is_caught_by_decoding_its_end(truncated_clip):
    # The header is intact, so ffprobe alone would accept it.
    assert probe(str(truncated_clip)).duration == pytest.approx(4.0, abs=0.1)
    with pytest.raises(NotPlayable, match="不完整或已损坏"):
        check_playable(str(truncated_clip))


def test_audio_only_file_is_not_a_video(clip_dir):

    audio = clip_dir / "tone.m4a"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1", str(audio)],
        check=True,
    )
    with pytest.raises(NotPlayable, match="没有视频画面"):
        check_playable(str(audio))
    assert check_playable(str(audio), kind="audio").audio_codec == "aac"


def test_missing_ffprobe_gives_a_clear_message(clip, settings):
    settings.VIDEO_FFPROBE = "/nonexistent/ffprobe"
    with pytest.raises(NotPlayable, match="未安装 ffprobe"):
        probe(str(clip))
