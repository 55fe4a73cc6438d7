"""Subtitle uploads: WebVTT kept, SRT converted, broken files refused with the line to fix."""

from django.core.exceptions import ValidationError

import pytest

from video.subtitles import to_webvtt, transcript_from_webvtt

VTT = """WEBVTT

00:00:00.500 --> 00:00:02.000
网传：喝板蓝根能预防新冠

00:00:02.000 --> 00:00:03.500
真相：没有证据
"""

SRT = """1
00:00:00,500 --> 00:00:02,000
网传：隔夜菜会致癌

2
00:00:02,000 --> 00:00:03,500
<i>专家</i>：冷藏得当是安全的
"""


def error_of(data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        to_webvtt(data)
    return caught.value.messages[0]


def test_webvtt_is_validated_and_kept():
    vtt = to_webvtt(VTT.encode())
    assert vtt.startswith("WEBVTT")
    assert "00:00:00.500 --> 00:00:02.000\n网传：喝板蓝根能预防新冠" in vtt


def test_srt_is_converted_to_webvtt():
    vtt = to_webvtt(SRT.encode())
    assert vtt.startswith("WEBVTT")
    assert "00:00:00.500 --> 00:00:02.000" in vtt  # comma decimals become dots
    assert "网传：隔夜菜会致癌" in vtt


def test_byte_order_mark_and_windows_line_endings_are_accepted():
    vtt = to_webvtt(b"\xef\xbb\xbf" + SRT.replace("\n", "\r\n").encode())
    assert "00:00:02.000 --> 00:00:03.500" in vtt


def test_end_before_start_names_the_line():
    broken = VTT.replace("00:00:02.000 --> 00:00:03.500", "00:00:03.500 --> 00:00:02.000")
    assert error_of(broken.encode()) == (
        "字幕第 6 行的结束时间不晚于开始时间：“00:00:03.500 --> 00:00:02.000”。"
    )


def test_malformed_timestamp_names_the_line():
    broken = SRT.replace("00:00:02,000 --> 00:00:03,500", "00:00:02,000 --> 00:00:3,5")
    assert error_of(broken.encode()).startswith("字幕第 6 行的时间轴格式有误")


def test_seconds_past_59_are_refused():
    broken = VTT.replace("00:00:02.000 --> 00:00:03.500", "00:00:02.000 --> 00:00:75.000")
    assert "时间轴格式有误" in error_of(broken.encode())


def test_cues_out_of_order_are_refused():
    swapped = VTT.replace("00:00:00.500 --> 00:00:02.000", "00:00:05.000 --> 00:00:06.000")
    assert "早于上一条字幕" in error_of(swapped.encode())


def test_gbk_file_gets_an_encoding_message():
    assert "不是 UTF-8 编码" in error_of(SRT.encode("gbk"))


def test_utf16_file_gets_an_encoding_message():
    assert "UTF-16" in error_of(SRT.encode("utf-16"))


def test_file_without_cues_is_refused():
    assert error_of(b"WEBVTT\n\n") == "字幕文件中没有任何带时间轴的字幕。"
    assert error_of("随便一段文字".encode()) == "字幕文件中没有任何带时间轴的字幕。"


def test_cue_block_without_header_is_refused_as_not_webvtt_or_srt():
    text = "00:00:00.500 --> 00:00:02.000\n没有 WEBVTT 头，也没有 SRT 序号\n"
    assert "不是有效的 SRT 格式" in error_of(text.encode())


def test_huge_file_is_refused():
    assert "超过 1 MB" in error_of(b"WEBVTT\n\n" + b"x" * (1024 * 1024 + 1))


def test_transcript_joins_chinese_cues_and_breaks_paragraphs_at_pauses():
    vtt = to_webvtt(
        (
            "WEBVTT\n\n"
            "00:00:00.000 --> 00:00:01.000\n网传喝板蓝根能预防新冠\n\n"
            "00:00:01.000 --> 00:00:02.000\n网传喝板蓝根能预防新冠\n\n"  # repeated cue
            "00:00:02.000 --> 00:00:03.000\n<b>真相</b>：没有证据。\n\n"
            "00:00:08.000 --> 00:00:09.000\n请接种疫苗\n"
        ).encode()
    )
    assert transcript_from_webvtt(vtt) == "网传喝板蓝根能预防新冠，真相：没有证据。\n\n请接种疫苗。"


def test_transcript_keeps_spaces_between_latin_cues():
    vtt = to_webvtt(
        b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello\n\n00:00:01.000 --> 00:00:02.000\nworld\n"
    )
    assert transcript_from_webvtt(vtt) == "Hello world"
