"""The real ffprobe/ffmpeg on small generated files: what is read, what is refused."""

import io
import os
import subprocess

import pytest
from PIL import Image

from core.media_probe import AUDIO, VIDEO, MediaRejected, ProbeUnavailable, probe
from video.demo import make_test_pattern
from video.probe import check_playable, extract_poster


def encode(path, *inputs):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *inputs, str(path)], check=True)
    return path


def test_probe_reads_duration_resolution_and_codecs(clip):
    info = check_playable(str(clip))

    assert info.duration == pytest.approx(4.0, abs=0.1)
    assert (info.width, info.height) == (320, 180)
    assert info.resolution == "320×180"
    assert info.video_codec == "h264"
    assert info.audio_codec == "aac"
    assert "mp4" in info.container
    assert info.demuxer == "mov"


def test_webm_is_read_with_the_matroska_demuxer(clip_dir):
    webm = encode(
        clip_dir / "clip.webm", "-f", "lavfi", "-i", "testsrc=duration=1:size=64x36:rate=10"
    )
    info = check_playable(str(webm))
    assert (info.demuxer, info.video_codec, info.resolution) == ("matroska", "vp9", "64×36")


@pytest.mark.parametrize(
    ("name", "demuxer"),
    [
        ("tone.m4a", "mov"),
        ("tone.mp3", "mp3"),
        ("tone.aac", "aac"),
        ("tone.ogg", "ogg"),
        ("tone.wav", "wav"),
    ],
)
def test_each_audio_format_is_read_with_its_own_demuxer(clip_dir, name, demuxer):
    audio = encode(clip_dir / name, "-f", "lavfi", "-i", "sine=duration=1")
    info = check_playable(str(audio), kind="audio")
    assert info.demuxer == demuxer
    assert info.duration == pytest.approx(1.0, abs=0.1)


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
    with pytest.raises(MediaRejected, match="这不是可播放的视频文件。只接受 MP4、MOV 或 WebM"):
        check_playable(str(text_as_mp4))


def test_zero_length_file_is_not_playable(empty_mp4):
    with pytest.raises(MediaRejected, match="0 字节"):
        check_playable(str(empty_mp4))


def test_truncated_video_is_caught_by_decoding_its_end(truncated_clip):
    # The header is intact, so ffprobe alone would accept it.
    assert probe(str(truncated_clip)).duration == pytest.approx(4.0, abs=0.1)
    with pytest.raises(MediaRejected, match="不完整或已损坏"):
        check_playable(str(truncated_clip))


def test_audio_only_file_is_not_a_video(clip_dir):
    audio = encode(clip_dir / "tone.m4a", "-f", "lavfi", "-i", "sine=duration=1")
    with pytest.raises(MediaRejected, match="没有视频画面"):
        check_playable(str(audio))
    assert check_playable(str(audio), kind="audio").audio_codec == "aac"


def test_a_video_container_is_not_taken_as_audio(clip_dir):
    webm = encode(
        clip_dir / "sound.webm", "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "libopus"
    )
    with pytest.raises(MediaRejected, match="只接受 MP3、M4A、AAC、OGG 或 WAV 格式的音频"):
        probe(webm, AUDIO)


@pytest.mark.parametrize(
    "script",
    [
        b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n",  # an HLS playlist
        b"ffconcat version 1.0\nfile /etc/passwd\n",  # a concat script
        b"[Script Info]\nTitle: x\n",  # anything ffprobe would guess at
    ],
)
def test_a_playlist_disguised_as_a_video_is_never_opened(clip_dir, script):
    disguised = clip_dir / "disguised.mp4"
    disguised.write_bytes(script)
    with pytest.raises(MediaRejected, match="无法识别这个文件"):
        probe(disguised, VIDEO)


def test_an_iso_header_on_other_data_is_read_as_mp4_only(clip_dir):
    # The box type picks the demuxer; what follows is not handed to any other one.
    fake = clip_dir / "fake.mp4"
    fake.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"#EXTM3U\nfile:///etc/passwd\n" * 8)
    with pytest.raises(MediaRejected, match="无法识别这个文件：文件可能已损坏"):
        probe(fake, VIDEO)


@pytest.mark.parametrize(
    "path", ["http://example.org/clip.mp4", "file:///etc/passwd", "/dev/zero", "/tmp"]
)
def test_only_local_regular_files_are_probed(path):
    with pytest.raises(MediaRejected, match="只能检查服务器上的本地文件"):
        probe(path, VIDEO)


def test_a_named_pipe_is_not_read(tmp_path):
    pipe = tmp_path / "clip.mp4"
    os.mkfifo(pipe)
    with pytest.raises(MediaRejected, match="只能检查服务器上的本地文件"):
        probe(pipe, VIDEO)


def test_missing_ffprobe_gives_a_clear_message(clip, settings):
    settings.FFPROBE_PATH = "/nonexistent/ffprobe"
    with pytest.raises(ProbeUnavailable, match="未安装 ffprobe"):
        probe(str(clip))


def test_missing_ffmpeg_gives_a_clear_message(clip, settings):
    settings.FFMPEG_PATH = "/nonexistent/ffmpeg"
    with pytest.raises(ProbeUnavailable, match="未安装 ffmpeg"):
        check_playable(str(clip))
