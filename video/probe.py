"""The media library's checks on top of core.media_probe: whether a file plays to the end, and
a poster frame. ffmpeg opens the file with the same hardened input options as the probe.

Every function takes a local path and raises core.media_probe's ``ProbeError`` (a message an
editor can act on); nothing here touches the database, so the upload form and the background
task share it.
"""

from core.media_probe import (
    AUDIO,
    VIDEO,
    MediaInfo,
    MediaRejected,
    executable,
    input_args,
    local_file,
    probe,
    run,
)

# Decoding a whole file's end or cutting a frame takes longer than reading its headers.
DECODE_TIMEOUT_SECONDS = 120
# How much of the end of a file is decoded to prove it is complete (truncated uploads decode
# fine at the start and fail only where the data stops).
TAIL_SECONDS = 2.0
# wagtailmedia's media types and the formats each accepts.
ACCEPTED = {"video": VIDEO, "audio": AUDIO}


def check_playable(path, kind: str = "video") -> MediaInfo:
    """Probe the file, then decode its last seconds: truncated files fail only there."""
    info = probe(path, ACCEPTED[kind])
    start = max(0.0, info.duration - TAIL_SECONDS)
    result = run(
        [
            executable("ffmpeg"),
            *("-nostdin", "-v", "error", "-ss", f"{start:.3f}"),
            *input_args(local_file(path), info.demuxer),
            *("-f", "null", "-"),
        ],
        DECODE_TIMEOUT_SECONDS,
    )
    if result.returncode != 0 or result.stderr.strip():
        raise MediaRejected("视频文件不完整或已损坏（结尾部分无法解码），请检查后重新上传。")
    return info


def extract_poster(path, info: MediaInfo) -> bytes:
    """A JPEG frame from early in the video (past a fade-in, inside short clips)."""
    at = min(1.0, info.duration / 2)
    result = run(
        [
            executable("ffmpeg"),
            *("-nostdin", "-v", "error", "-ss", f"{at:.3f}"),
            *input_args(local_file(path), info.demuxer),
            *("-frames:v", "1", "-vf", "scale='min(1280,iw)':-2"),
            *("-f", "image2", "-c:v", "mjpeg", "-q:v", "3", "pipe:1"),
        ],
        DECODE_TIMEOUT_SECONDS,
    )
    if result.returncode != 0 or not result.stdout:
        raise MediaRejected("无法从视频中截取封面画面。")
    return result.stdout
