"""Markdown, auto-links and the public forms' markup check read ordinary Chinese text as text:
"<" and ">" in prose stay characters, and a web address ends where Chinese punctuation starts."""

import pytest

from core.markup import contains_markup, remove_tags, render_markdown, sanitise_html, typed_text


def link(url, text=None):
    return f'<a href="{url}" rel="nofollow noopener">{text or url}</a>'


# -- "<" and ">" in prose ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "paragraph"),
    [
        ("a<b 和 b>c", "a&lt;b 和 b&gt;c"),
        ("x<y", "x&lt;y"),
        ("如果x<y，那么y>x", "如果x&lt;y，那么y&gt;x"),
        ("<b 和 b>c", "&lt;b 和 b&gt;c"),  # at the start of a line, too
        ("<p 值小于 0.05>", "&lt;p 值小于 0.05&gt;"),  # a block-level name, too
        ("1 < 2 且 3 > 2", "1 &lt; 2 且 3 &gt; 2"),
        ("爱你 <3", "爱你 &lt;3"),
        ("<5岁儿童>", "&lt;5岁儿童&gt;"),
        ("《通知》<附件>", "《通知》&lt;附件&gt;"),
        ("<svg/onload=alert(1)>", "&lt;svg/onload=alert(1)&gt;"),
    ],
)
def test_angle_brackets_in_prose_stay_text(markdown, paragraph):
    assert render_markdown(markdown) == f"<p>{paragraph}</p>"


def test_real_tags_in_markdown_are_still_html_on_the_allow_list():
    output = render_markdown("水<sup>2</sup> 与 <b>重点</b>，<script>alert(1)</script>")
    assert "<sup>2</sup>" in output and "<b>重点</b>" in output
    assert "<script" not in output and "&lt;script" not in output


def test_angle_brackets_in_code_are_shown_once_escaped():
    output = render_markdown("`a<b 和 b>c`\n\n```\nif (x<y && y>z) {}\n```")
    assert "<code>a&lt;b 和 b&gt;c</code>" in output
    assert "if (x&lt;y &amp;&amp; y&gt;z) {}" in output


# -- auto-links -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "见 https://example.org/a#frag。请转发",
            f"见 {link('https://example.org/a#frag')}。请转发",
        ),
        (
            "见https://example.org/新闻/123，已辟谣",
            f"见{link('https://example.org/新闻/123')}，已辟谣",
        ),
        (
            "通报（https://www.gov.cn/notice?id=5）属实",
            f"通报（{link('https://www.gov.cn/notice?id=5')}）属实",
        ),
        (
            "原文：http://example.org/a、http://example.org/b；",
            f"原文：{link('http://example.org/a')}、{link('http://example.org/b')}；",
        ),
        (
            "“https://example.org/x”！",
            f"“{link('https://example.org/x')}”！",
        ),
        (
            "《https://example.org/书》》",
            f"《{link('https://example.org/书')}》》",
        ),
        ("请看 https://example.org/a？真的吗", f"请看 {link('https://example.org/a')}？真的吗"),
        ("访问www.gov.cn了解", f"访问{link('http://www.gov.cn', 'www.gov.cn')}了解"),
        (
            "详见 https://example.org/p…",
            f"详见 {link('https://example.org/p')}…",
        ),
        ("see www.gov.cn/notice.", f"see {link('http://www.gov.cn/notice', 'www.gov.cn/notice')}."),
        ("(见 https://x.org/a)", f"(见 {link('https://x.org/a')})"),
    ],
)
def test_web_addresses_end_at_chinese_punctuation_and_keep_their_scheme(text, expected):
    assert render_markdown(text) == f"<p>{expected}</p>"
    assert sanitise_html(f"<p>{text}</p>") == f"<p>{expected}</p>"


@pytest.mark.parametrize(
    "text",
    ["版本 1.5 倍", "文件 a.txt", "1.2.3 版", "邮件 a@b.com", "ftp://example.org/x 不是网页"],
)
def test_text_that_is_no_web_address_is_not_linked(text):
    assert "<a" not in render_markdown(text)


def test_a_markdown_link_is_not_linked_twice():
    assert render_markdown("[县政府](https://gov.example/通知)。") == (
        f"<p>{link('https://gov.example/通知', '县政府')}。</p>"
    )


# -- text the public types ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["x<y", "a<b 和 b>c", "如果x<y，那么y>x", "&lt;", "x &lt; y", "AT&T", "AT&amp;T", "<3", "<>"],
)
def test_comparisons_and_entities_are_not_markup_and_stay_as_typed(text):
    assert not contains_markup(text)
    assert typed_text(text) == text
    assert remove_tags(text) == text


@pytest.mark.parametrize(
    ("text", "without_tags"),
    [
        ("<b>城关镇</b>", "城关镇"),
        ('<a href="x">点我</a>', "点我"),
        ("<script>alert(1)</script>", "alert(1)"),
        ("<<b>b>粗</b>", "粗"),
        ("<!-- 注释 -->正文", "正文"),
        ("<br/>换行", "换行"),
        ("<!DOCTYPE html>文", "文"),
        ("<![CDATA[x]]>文", "文"),
        ("<?php echo 1 ?>文", "文"),
    ],
)
def test_tags_comments_and_declarations_are_markup(text, without_tags):
    assert contains_markup(text)
    assert remove_tags(text) == without_tags


def test_a_tag_encoded_once_is_markup_too():
    assert contains_markup("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert contains_markup("&#60;b&#62;粗")


def test_typed_text_drops_control_characters_and_keeps_lines():
    assert typed_text("  第一行\r\n零宽\u202e反转\x00  ") == "第一行\n零宽反转"
