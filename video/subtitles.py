"""Subtitle files: validate WebVTT or SubRip uploads, store WebVTT, derive a transcript.

Parsing is webvtt-py's; the checks before it name the line an editor has to fix, since a
subtitle file off by one digit otherwise fails with a generic parser error.
"""

import io
import re

from django.core.exceptions import ValidationError

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

MAX_SUBTITLE_BYTES = 1024 * 1024
TIMESTAMP = r"(?:(\d{1,2}):)?(\d{2}):(\d{2})[.,](\d{3})"
TIMING_LINE = re.compile(rf"^\s*{TIMESTAMP}\s*-->\s*{TIMESTAMP}(?:\s+.*)?$")
# A pause this long between cues starts a new transcript paragraph.
PARAGRAPH_GAP_SECONDS = 2.0
TAG = re.compile(r"<[^>]+>")
CJK_PUNCTUATION = "，。！？；：、…—”’）》」』"


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ValidationError(
            "字幕文件不是 UTF-8 编码的文本（可能是 UTF-16），请另存为 UTF-8 后重新上传。",
            code="encoding",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            "字幕文件不是 UTF-8 编码（可能是 GBK 等编码），请用文本编辑器另存为 UTF-8 后重新上传。",
            code="encoding",
        ) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, secs, millis = groups
    if int(minutes) > 59 or int(secs) > 59:
        raise ValueError
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


def check_timings(text: str) -> int:
    """Every "-->" line parses, ends after it starts and starts no earlier than the last cue."""
    previous_start = -1.0
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if "-->" not in line:
            continue
        match = TIMING_LINE.match(line)
        try:
            if match is None:
                raise ValueError
            start, end = seconds(match.groups()[:4]), seconds(match.groups()[4:])
        except ValueError:
            raise ValidationError(
                f"字幕第 {number} 行的时间轴格式有误：“{line.strip()[:60]}”。"
                "正确格式如 00:00:01.000 --> 00:00:03.500。",
                code="timing",
            ) from None
        if end <= start:
            raise ValidationError(
                f"字幕第 {number} 行的结束时间不晚于开始时间：“{line.strip()[:60]}”。",
                code="timing",
            )
        if start < previous_start:
            raise ValidationError(
                f"字幕第 {number} 行的开始时间早于上一条字幕，请按时间顺序排列。",
                code="timing",
            )
        previous_start = start
        count += 1
    if count == 0:
        raise ValidationError("字幕文件中没有任何带时间轴的字幕。", code="empty")
    return count


def to_webvtt(data: bytes) -> str:
    """WebVTT text from an uploaded .vtt or .srt file, or a ValidationError saying what is wrong."""
    if len(data) > MAX_SUBTITLE_BYTES:
        raise ValidationError(
            "字幕文件过大（超过 1 MB），请检查是否上传了正确的文件。", code="size"
        )
    text = decode(data)
    is_vtt = text.lstrip().startswith("WEBVTT")
    check_timings(text)
    try:
        if is_vtt:
            captions = webvtt.from_string(text, strict=True)
        else:
            captions = webvtt.from_buffer(io.StringIO(text), format="srt")
    except (MalformedFileError, MalformedCaptionError, ValueError) as error:
        kind = "WebVTT" if is_vtt else "SRT"
        raise ValidationError(
            f"无法解析字幕文件：不是有效的 {kind} 格式，请上传 WebVTT（.vtt）或 SRT（.srt）字幕。",
            code="format",
        ) from error
    if not len(captions):
        raise ValidationError("字幕文件中没有任何带时间轴的字幕。", code="empty")
    return captions.content


def transcript_from_webvtt(vtt_text: str) -> str:
    """Plain text from the cues: consecutive repeats dropped, paragraphs at long pauses."""
    try:
        captions = webvtt.from_string(vtt_text)
    except (MalformedFileError, MalformedCaptionError, ValueError):
        return ""
    paragraphs: list[list[str]] = []
    last_end = None
    last_line = None
    for caption in captions:
        line = " ".join(TAG.sub("", caption.text).split())
        if not line or line == last_line:
            continue
        start = caption.start_time.in_milliseconds() / 1000
        starts_paragraph = last_end is None or start - last_end >= PARAGRAPH_GAP_SECONDS
        if starts_paragraph:
            paragraphs.append([])
        paragraphs[-1].append(line)
        last_end, last_line = caption.end_time.in_milliseconds() / 1000, line
    return "\n\n".join(join_lines(lines) for lines in paragraphs)


def join_lines(lines: list[str]) -> str:
    """Chinese cues run on without spaces (a "，" between unpunctuated ones); others get one."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif is_cjk(text[-1]) or is_cjk(line[0]):
            text += line if text[-1] in CJK_PUNCTUATION else "，" + line
        else:
            text += " " + line
    if text and is_cjk(text[-1]) and text[-1] not in CJK_PUNCTUATION:
        text += "。"
    return text


def is_cjk(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"
