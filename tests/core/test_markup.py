"""core.markup turns user Markdown and HTML into HTML: known XSS payloads must come out inert."""

import html
import re
from html.parser import HTMLParser

from django.core.exceptions import ValidationError

import pytest

from core.blocks import MARKDOWN_BLOCK_MAX_LENGTH, MarkdownBlock
from core.markup import (
    ALLOWED_TAGS,
    LINK_TEXT_WINDOW,
    plain_text,
    render_markdown,
    safe_url,
    sanitise_html,
)

SAFE_SCHEMES = ("http:", "https:", "mailto:")
# Browsers ignore control characters and whitespace inside a URL scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")


class ParsedHtml(HTMLParser):
    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def url_scheme(url):
    """The scheme a browser would see (the parser has already decoded character references)."""
    cleaned = _IGNORED_IN_SCHEME.sub("", url or "").lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return f"{match.group(1)}:" if match else ""


def assert_inert(output):
    """Structural check: only allowed elements, no event handlers or styles, safe URLs only."""
    assert "<script" not in output.lower()
    for tag, attrs in ParsedHtml(output).elements:
        assert tag in ALLOWED_TAGS, f"<{tag}> survived: {output}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{name} survived: {output}"
            assert name not in {"style", "srcdoc", "srcset", "formaction", "background", "target"}
            if name == "href":
                scheme = url_scheme(value)
                assert scheme in SAFE_SCHEMES or scheme == "", f"href {value!r}: {output}"
            if name == "src":
                assert tag == "img" and value.startswith("/media/") and ".." not in value, output


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    '"><script>alert(document.cookie)</script>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=x onerror=alert(1)>",
    '<img src="/media/ok.png" onerror="alert(1)">',
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    '<img src="javascript:alert(1)">',
    '<img src="/media/x.png" srcset="javascript:alert(1) 1x">',
    '<img src="//evil.example/pixel.png">',
    '<img src="https://evil.example/track.png">',
    '<img src="/media/../admin/x.png">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<iframe src="https://evil.example/"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;script:alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112'
    '&#0000116&#0000058alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="https://ok.example/" onclick="alert(1)" target="_blank">ok</a>',
    '<a href="/rumours/" style="color:red">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
    "<style>body{display:none}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type="submit"></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    '<table background="javascript:alert(1)"><tr>'
    '<td style="width:expression(alert(1))">x</td></tr></table>',
    "<code onmouseover=alert(1)>x</code>",
    '<code class="language-x onmouseover=alert(1)">x</code>',
    "<h1 onclick=alert(1)>title</h1>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<xss onafterscriptexecute=alert(1)>x</xss>",
    "<textarea><script>alert(1)</script></textarea>",
    # Markdown-only vectors
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](  javascript:alert(1)  )",
    "[click](data:text/html,<script>alert(1)</script>)",
    '[click](https://ok.example/ "title" onclick="alert(1)")',
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](https://evil.example/pixel.png)",
    "[a][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "| a |\n| - |\n| <img src=x onerror=alert(1)> |",
    "> <iframe src=//evil.example></iframe>",
    "* <a href='javascript:alert(1)'>x</a>",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_renders_xss_payloads_inert(payload):
    assert_inert(render_markdown(payload))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_html_sanitiser_renders_xss_payloads_inert(payload):
    assert_inert(sanitise_html(payload))


def test_there_are_dozens_of_payloads():
    assert len(XSS_PAYLOADS) >= 60


def test_code_keeps_script_as_visible_text():
    output = render_markdown("```\n<script>alert(1)</script>\n```")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
    assert output.startswith("<pre><code>")


def test_markdown_keeps_the_allowed_formatting():
    output = render_markdown(
        "# 标题\n\n## 小标题\n\n**重点** 和 *强调*，`代码`。\n\n"
        "- 一\n- 二\n\n1. 甲\n2. 乙\n\n> 引用\n\n"
        "| 项目 | 结果 |\n| :- | -: |\n| 水质 | 合格 |\n\n---\n"
    )
    for fragment in [
        "<h2>标题</h2>",  # h1 is the page title: Markdown "#" becomes h2
        "<h2>小标题</h2>",
        "<strong>重点</strong>",
        "<em>强调</em>",
        "<code>代码</code>",
        "<ul>",
        "<ol>",
        "<blockquote>",
        '<th align="left">项目</th>',
        '<td align="right">合格</td>',
        "<hr>",
    ]:
        assert fragment in output, fragment


def test_external_links_get_nofollow_noopener_and_internal_links_do_not():
    output = render_markdown("[县政府](https://gov.example/) 和 [栏目](/rumours/)")
    assert '<a href="https://gov.example/" rel="nofollow noopener">县政府</a>' in output
    assert '<a href="/rumours/">栏目</a>' in output


def test_bare_urls_become_nofollow_links():
    output = sanitise_html("<p>见 https://www.gov.cn/notice 通报</p>")
    assert '<a href="https://www.gov.cn/notice" rel="nofollow noopener">' in output


def test_images_are_kept_only_from_this_sites_media(settings):
    output = render_markdown("![截图](/media/images/shot.png) ![外链](https://cdn.example/x.png)")
    assert '<img alt="截图" src="/media/images/shot.png">' in output
    assert "cdn.example" not in output


def test_images_from_an_absolute_media_url_are_kept(settings):
    settings.MEDIA_URL = "https://media.piyao.example/m/"
    output = sanitise_html(
        '<img src="https://media.piyao.example/m/a.png"><img src="https://other.example/m/a.png">'
    )
    assert output.count("<img") == 2
    assert output.count("src=") == 1
    assert 'src="https://media.piyao.example/m/a.png"' in output


def test_empty_input_gives_empty_output():
    assert render_markdown("") == ""
    assert sanitise_html(None) == ""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://gov.example/a", "https://gov.example/a"),
        (" http://gov.example/ ", "http://gov.example/"),
        ("javascript:alert(1)", ""),
        ("JAVASCRIPT:alert(1)", ""),
        ("data:text/html,x", ""),
        ("/relative/", ""),
        ("https://gov.example/\njavascript:", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_safe_url_lets_only_http_through(url, expected):
    assert safe_url(url) == expected


@pytest.mark.django_db
def test_rich_text_paragraphs_are_sanitised_when_rendered(client, home_page):
    """Rich text can arrive without the editor's own filtering (imports, the API, the shell)."""
    from cms.models import StandardPage

    page = StandardPage(
        title="说明",
        slug="notes",
        body=[
            {
                "type": "paragraph",
                "value": '<p>正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a>'
                '<img src=x onerror="alert(1)"></p>',
            }
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()

    html_out = client.get("/notes/").content.decode()
    body = html_out.split('<div class="rich-text">')[1].split("</div>")[0]
    assert_inert(body)
    assert "正文" in body and "链接" in body


def test_plain_text_of_page_fields_for_the_search_index():
    """One plain_text serves typed text and page fields: rich text keeps a space between
    paragraphs, entities come back as characters, a StreamField gives a block a line."""
    from wagtail.rich_text import RichText

    from core.blocks import BaseStreamBlock

    assert plain_text(None) == ""
    assert plain_text(RichText("<p>盐</p><p>碘&amp;健康</p>")) == "盐 碘&健康"
    body = BaseStreamBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>网传<b>消息</b>不实</p>"},
            {"type": "quote", "value": {"text": "请以官方发布为准", "attribution": ""}},
        ]
    )
    assert plain_text(body) == "网传消息不实\n请以官方发布为准"
    assert plain_text(["<i>一</i>", None, "二"]) == "一\n二"


def test_a_link_whose_text_closes_within_the_window_is_a_link():
    text = "网传" * 100  # 200 characters of link text, within LINK_TEXT_WINDOW
    output = render_markdown(f"[{text}](https://www.gov.cn/notice)")
    assert f'<a href="https://www.gov.cn/notice" rel="nofollow noopener">{text}</a>' in output


def test_brackets_that_close_past_the_window_stay_text():
    # The bound that keeps a paragraph of unclosed "[" linear: a "]" past it is not looked for.
    text = "字" * (LINK_TEXT_WINDOW + 10)
    output = render_markdown(f"[{text}](https://www.gov.cn/notice)")
    assert "<a " in output  # the address itself is still auto-linked
    assert f">{text}</a>" not in output
    assert f"[{text}]" in output


@pytest.mark.parametrize("run", ["[", "<![CDATA[", "[a](", "![a](b", "(", "<a "])
def test_long_runs_of_unclosed_markup_render_as_their_text(run):
    source = run * 1000
    output = render_markdown(source)
    assert "<script" not in output
    assert html.unescape(output).count(run) >= 999


def test_parentheses_before_an_address_do_not_stop_it_linking():
    output = sanitise_html("<p>" + "(" * 500 + "https://www.gov.cn/notice)</p>")
    assert '<a href="https://www.gov.cn/notice"' in output


def test_a_markdown_block_is_at_most_ten_thousand_characters():
    block = MarkdownBlock()
    assert block.clean("字" * MARKDOWN_BLOCK_MAX_LENGTH) == "字" * MARKDOWN_BLOCK_MAX_LENGTH
    with pytest.raises(ValidationError) as raised:
        block.clean("字" * (MARKDOWN_BLOCK_MAX_LENGTH + 1))
    assert "10000" in str(raised.value)
