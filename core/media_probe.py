"""Check an uploaded video with Debian's `ffprobe` (package ffmpeg) before anything keeps it.

A leaf helper: the video series may share it once both are on main.
"""

import json
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# ffprobe's format names for the containers browsers play (mp4/mov family and WebM).
PLAYABLE_FORMATS = {"mov", "mp4", "webm"}
PLAYABLE_CODECS = {"h264", "hevc", "vp8", "vp9", "av1", "mpeg4"}
PROBE_TIMEOUT_SECONDS = 20


class VideoRejected(Exception):
    """The file is not a video we accept; the message is for the person who sent it."""


class ProbeUnavailable(Exception):
    """ffprobe is missing or failed to run: not the sender's fault."""


@dataclass(frozen=True)
class VideoInfo:
    format_name: str
    codec: str
    duration: float
    width: int
    height: int


def ffprobe_binary() -> str:
    return getattr(settings, "FFPROBE_PATH", "") or shutil.which("ffprobe") or "ffprobe"


def container_of(path: Path) -> str:
    """The demuxer to read the file with, chosen from its first bytes.

    ffprobe is never left to guess: a guessed playlist or concat script could make it open
    other local files or URLs. MP4/MOV carry an ISO box type at byte 4, WebM an EBML header.
    """
    with open(path, "rb") as file:
        head = file.read(12)
    if head[4:8] in {b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip"}:
        return "mov"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "matroska"
    raise VideoRejected("只接受 MP4、MOV 或 WebM 格式的视频。")


def probe(path: Path) -> dict:
    try:
        result = subprocess.run(
            [
                ffprobe_binary(),
                *("-v", "error", "-protocol_whitelist", "file", "-f", container_of(path)),
                *("-print_format", "json", "-show_format", "-show_streams"),
                str(path),
            ],
            capture_output=True,
            timeout=PROBE_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError as error:
        raise ProbeUnavailable("ffprobe is not installed (Debian package ffmpeg)") from error
    except subprocess.TimeoutExpired as error:
        raise VideoRejected("视频文件无法在规定时间内读取，请换一个文件。") from error
    if result.returncode != 0:
        raise VideoRejected("无法识别这个文件，请上传 MP4、MOV 或 WebM 格式的视频。")
    try:
        return json.loads(result.stdout)
    except ValueError as error:
        raise VideoRejected("无法识别这个文件，请上传 MP4、MOV 或 WebM 格式的视频。") from error


def check_video(path: Path, max_seconds: int) -> VideoInfo:
    """What ffprobe says about the file, or VideoRejected with a reason in Chinese."""
    data = probe(path)
    format_name = data.get("format", {}).get("format_name", "")
    if not PLAYABLE_FORMATS & set(format_name.split(",")):
        raise VideoRejected("只接受 MP4、MOV 或 WebM 格式的视频。")
    video = next((s for s in data.get("streams", []) if s.get("codec_type") == "video"), None)
    if video is None or video.get("codec_name") not in PLAYABLE_CODECS:
        raise VideoRejected("文件中没有可播放的视频画面，请上传手机拍摄的 MP4 或 MOV 视频。")
    try:
        duration = float(data["format"].get("duration") or video.get("duration"))
    except (TypeError, ValueError) as error:
        raise VideoRejected("无法读取视频时长，请换一个文件。") from error
    if duration > max_seconds:
        raise VideoRejected(f"视频太长了：最长 {max_seconds} 秒，这个视频有 {round(duration)} 秒。")
    return VideoInfo(
        format_name=format_name,
        codec=video["codec_name"],
        duration=duration,
        width=int(video.get("width") or 0),
        height=int(video.get("height") or 0),
    )
