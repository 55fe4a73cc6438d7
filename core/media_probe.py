"""The one way we look inside an uploaded video or audio file: Debian's `ffprobe` (package ffmpeg).

The file comes from outside, so every run is hardened the same way:

- only a regular file on this machine is read (no URL, device, pipe or directory);
- the container is chosen from the file's first bytes and forced with ``-f``: ffprobe never
  guesses, so a playlist or concat script renamed to .mp4 cannot make it open other files;
- only the ``file`` protocol is allowed, and the input is named ``file:…``;
- every run has a timeout.

Used by campaign submissions (campaigns) and the media library (video), which also runs ffmpeg
with the same input options (``input_args``) for its decode check and poster frame.
"""

import json
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# ffprobe reads only the headers and answers in tens of milliseconds.
PROBE_TIMEOUT_SECONDS = 20


class ProbeError(Exception):
    """Something stopped the check; the message (Chinese) can be shown as it is."""


class MediaRejected(ProbeError):
    """The file is not one we accept; the message says why, for the person who sent it."""


class ProbeUnavailable(ProbeError):
    """ffprobe or ffmpeg is missing or cannot run: not the sender's fault."""


@dataclass(frozen=True)
class Accepted:
    """What a caller takes: the ffmpeg demuxers, the stream the file must carry, and how the
    formats are named to the person who sent the file."""

    demuxers: frozenset[str]
    stream: str  # "video" or "audio"
    noun: str
    formats: str


# mp4, m4v and mov are read by the "mov" demuxer, WebM by "matroska".
VIDEO = Accepted(frozenset({"mov", "matroska"}), "video", "视频", "MP4、MOV 或 WebM 格式的视频")
AUDIO = Accepted(
    frozenset({"mov", "mp3", "aac", "ogg", "wav"}),
    "audio",
    "音频",
    "MP3、M4A、AAC、OGG 或 WAV 格式的音频",
)
# Codecs every current browser plays, for uploads shown to the public as they are.
BROWSER_VIDEO_CODECS = {"h264", "hevc", "vp8", "vp9", "av1", "mpeg4"}


@dataclass(frozen=True)
class MediaInfo:
    demuxer: str  # forced on every later run of ffmpeg on this file
    container: str  # ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    duration: float
    width: int | None
    height: int | None
    video_codec: str
    audio_codec: str

    @property
    def resolution(self) -> str:
        return f"{self.width}×{self.height}" if self.width and self.height else ""


def executable(name: str) -> str:
    """ffprobe or ffmpeg: FFPROBE_PATH / FFMPEG_PATH (a name looked up on PATH, or a path)."""
    configured = getattr(settings, f"{name.upper()}_PATH", "") or name
    found = shutil.which(configured)
    if found is None:
        raise ProbeUnavailable(
            f"服务器未安装 {name}，无法检查视频文件（请安装 Debian 的 ffmpeg 软件包）。"
        )
    return found


def local_file(path) -> Path:
    """``path`` as a regular file on this machine, or MediaRejected."""
    candidate = Path(os.fspath(path))
    if not candidate.is_file():
        raise MediaRejected("找不到要检查的文件（只能检查服务器上的本地文件）。")
    return candidate.resolve()


def demuxer_of(path: Path, accepted: Accepted) -> str:
    """The demuxer to read the file with, from its first bytes; MediaRejected for anything
    that is not one of ``accepted``."""
    with open(path, "rb") as file:
        head = file.read(12)
    demuxer = sniff(head)
    if demuxer not in accepted.demuxers:
        raise MediaRejected(
            f"无法识别这个文件：这不是可播放的{accepted.noun}文件。只接受 {accepted.formats}。"
        )
    return demuxer


def sniff(head: bytes) -> str | None:
    if head[4:8] in {b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip"}:
        return "mov"  # an ISO base media box: MP4, MOV, M4A, M4V
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "matroska"  # EBML: WebM, MKV
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:3] == b"ID3":
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return "aac"  # an ADTS frame header (MPEG audio layer bits 00)
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return "mp3"  # an MPEG audio frame header
    return None


def input_args(path: Path, demuxer: str) -> list[str]:
    """ffprobe/ffmpeg options that open ``path`` as a local file with ``demuxer`` only."""
    return ["-protocol_whitelist", "file", "-f", demuxer, "-i", f"file:{path}"]


def run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            args, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as error:
        raise MediaRejected("文件检查超时，文件可能已损坏，请换一个文件。") from error
    except OSError as error:
        raise ProbeUnavailable(f"无法运行 {args[0]}：{error}") from error


def probe(path, accepted: Accepted = VIDEO, timeout: float = PROBE_TIMEOUT_SECONDS) -> MediaInfo:
    """What the file holds (duration, resolution, codecs); MediaRejected when it is empty, not
    one of ``accepted``, unreadable, or has no stream of the accepted kind or no duration."""
    path = local_file(path)
    if path.stat().st_size == 0:
        raise MediaRejected("文件是空的（0 字节），请重新上传。")
    demuxer = demuxer_of(path, accepted)
    result = run(
        [
            executable("ffprobe"),
            *("-v", "error", "-print_format", "json"),
            *(
                "-show_entries",
                "format=duration,format_name:stream=codec_type,codec_name,width,height",
            ),
            *input_args(path, demuxer),
        ],
        timeout,
    )
    unreadable = f"无法识别这个文件：文件可能已损坏。只接受 {accepted.formats}。"
    if result.returncode != 0:
        raise MediaRejected(unreadable)
    try:
        data = json.loads(result.stdout or b"{}")
    except ValueError as error:
        raise MediaRejected(unreadable) from error
    streams = data.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if accepted.stream == "video" and video is None:
        raise MediaRejected("文件中没有视频画面，请上传视频文件。")
    if accepted.stream == "audio" and audio is None:
        raise MediaRejected("文件中没有音频，请上传音频文件。")
    try:
        duration = float(data.get("format", {}).get("duration") or 0)
    except ValueError:
        duration = 0.0
    if duration <= 0:
        raise MediaRejected(f"无法读取{accepted.noun}时长，文件可能不完整或已损坏。")
    return MediaInfo(
        demuxer=demuxer,
        container=data.get("format", {}).get("format_name", "")[:50],
        duration=duration,
        width=(video or {}).get("width"),
        height=(video or {}).get("height"),
        video_codec=(video or {}).get("codec_name", ""),
        audio_codec=(audio or {}).get("codec_name", ""),
    )


def check_video(path, max_seconds: int) -> MediaInfo:
    """A video browsers play as it is, no longer than ``max_seconds``; else MediaRejected."""
    info = probe(path, VIDEO)
    if info.video_codec not in BROWSER_VIDEO_CODECS:
        raise MediaRejected("文件中没有可播放的视频画面，请上传手机拍摄的 MP4 或 MOV 视频。")
    if info.duration > max_seconds:
        raise MediaRejected(
            f"视频太长了：最长 {max_seconds} 秒，这个视频有 {round(info.duration)} 秒。"
        )
    return info


@contextmanager
def local_path(file):
    """A path on disk for an upload or a stored FieldFile: its own, or a temporary copy."""
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
