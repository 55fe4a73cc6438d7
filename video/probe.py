"""What a video file holds, whether it plays to the end, and a poster frame: Debian's ffmpeg.

Every function takes a local path and raises `NotPlayable` with a message an editor can act
on; nothing here touches the database, so the upload form and the background task share it.
"""

import json
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings

# ffprobe answers in tens of milliseconds; a hung process must not hold a worker for ever.
TOOL_TIMEOUT_SECONDS = 120
# How much of the end of a file is decoded to prove it is complete (truncated uploads decode
# fine at the start and fail only where the data stops).
TAIL_SECONDS = 2.0


class NotPlayable(Exception):
    """The file is not a video (or audio) file a browser could play; the message says why."""


@dataclass(frozen=True)
class MediaInfo:
    duration: float
    width: int | None
    height: int | None
    video_codec: str
    audio_codec: str
    container: str

    @property
    def resolution(self) -> str:
        return f"{self.width}×{self.height}" if self.width and self.height else ""


def tool(name: str) -> str:
    """The path of ffprobe or ffmpeg, or a clear error when Debian's package is missing."""
    command = getattr(settings, f"VIDEO_{name.upper()}", name)
    found = shutil.which(command)
    if found is None:
        raise NotPlayable(
            f"服务器未安装 {name}，无法检查视频文件（请安装 Debian 的 ffmpeg 软件包）。"
        )
    return found


def run(args: list[str]) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            args, capture_output=True, timeout=TOOL_TIMEOUT_SECONDS, check=False, stdin=None
        )
    except subprocess.TimeoutExpired as error:
        raise NotPlayable("视频文件检查超时，文件可能已损坏。") from error


def probe(path: str, kind: str = "video") -> MediaInfo:
    """Read duration, resolution and codecs; reject files without a playable stream."""
    if os.path.getsize(path) == 0:
        raise NotPlayable("文件是空的（0 字节），请重新上传。")
    result = run(
        [
            tool("ffprobe"),
            *("-v", "error", "-print_format", "json"),
            *(
                "-show_entries",
                "format=duration,format_name:stream=codec_type,codec_name,width,height",
            ),
            path,
        ]
    )
    if result.returncode != 0:
        raise NotPlayable("无法识别的文件：这不是可播放的视频或音频文件，或文件已损坏。")
    data = json.loads(result.stdout or b"{}")
    streams = data.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if kind == "video" and video is None:
        raise NotPlayable("文件中没有视频画面，请上传视频文件。")
    if kind == "audio" and audio is None:
        raise NotPlayable("文件中没有音频，请上传音频文件。")
    try:
        duration = float(data.get("format", {}).get("duration", 0))
    except ValueError:
        duration = 0.0
    if duration <= 0:
        raise NotPlayable("无法读取视频时长，文件可能不完整或已损坏。")
    return MediaInfo(
        duration=duration,
        width=video.get("width") if video else None,
        height=video.get("height") if video else None,
        video_codec=(video or {}).get("codec_name", ""),
        audio_codec=(audio or {}).get("codec_name", ""),
        container=data.get("format", {}).get("format_name", "")[:50],
    )


def check_playable(path: str, kind: str = "video") -> MediaInfo:
    """Probe the file, then decode its last seconds: truncated files fail only there."""
    info = probe(path, kind)
    start = max(0.0, info.duration - TAIL_SECONDS)
    result = run(
        [
            tool("ffmpeg"),
            *("-nostdin", "-v", "error", "-ss", f"{start:.3f}", "-i", path),
            *("-f", "null", "-"),
        ]
    )
    if result.returncode != 0 or result.stderr.strip():
        raise NotPlayable("视频文件不完整或已损坏（结尾部分无法解码），请检查后重新上传。")
    return info


def extract_poster(path: str, info: MediaInfo) -> bytes:
    """A JPEG frame from early in the video (past a fade-in, inside short clips)."""
    at = min(1.0, info.duration / 2)
    result = run(
        [
            tool("ffmpeg"),
            *("-nostdin", "-v", "error", "-ss", f"{at:.3f}", "-i", path),
            *("-frames:v", "1", "-vf", "scale='min(1280,iw)':-2"),
            *("-f", "image2", "-c:v", "mjpeg", "-q:v", "3", "pipe:1"),
        ]
    )
    if result.returncode != 0 or not result.stdout:
        raise NotPlayable("无法从视频中截取封面画面。")
    return result.stdout


@contextmanager
def local_path(file):
    """A path on disk for an uploaded file or a stored FieldFile (copied if it has none)."""
    for attribute in ("temporary_file_path", "path"):
        try:
            path = getattr(file, attribute)
            path = path() if callable(path) else path
        except (AttributeError, NotImplementedError, ValueError):
            continue
        if path and os.path.exists(path):
            yield path
            return
    suffix = os.path.splitext(getattr(file, "name", "") or "")[1]
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        file.seek(0)
        for chunk in file.chunks():
            copy.write(chunk)
        copy.flush()
        file.seek(0)
        yield copy.name
