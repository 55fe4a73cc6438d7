"""The one place that turns user Markdown or HTML into HTML a reader's browser may run.

Everything user-written that reaches a template as HTML goes through :func:`render_rich_text`
(rich text: the ``|rich`` filter) or :func:`render_markdown` (Markdown: the ``|markdown``
filter), and both end in :func:`sanitise_html`. The allow-list is explicit: anything not named
below is stripped (its text kept), so scripts, event handlers, ``style``, iframes, SVG and
``javascript:``/``data:`` URLs come out inert. Rich text is also cleaned as it is stored
(:func:`sanitise_stored_rich_text`, called by core.stored_rich_text for every model).

Text the public types is text, not HTML: :func:`contains_markup` finds the tags a form refuses,
:func:`typed_text` keeps the rest as typed ("x<y", "&lt;"). Page fields bound for the search
index go through :func:`plain_text`.

A leaf helper: it imports nothing of ours, and anyone may import it.
"""

import html
import re
import threading
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText, expand_db_html, get_text_for_indexing

import bleach
import markdown
from bleach.linkifier import TLDS, LinkifyFilter
from markdown.extensions import Extension
from markdown.htmlparser import HTMLExtractor
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.preprocessors import HtmlBlockPreprocessor

ALLOWED_TAGS = frozenset(
    {
        # headings (h1 is the page title; Markdown "#" headings are demoted to h2)
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        # paragraphs and lists
        "p",
        "br",
        "hr",
        "ul",
        "ol",
        "li",
        # links and emphasis
        "a",
        "strong",
        "b",
        "em",
        "i",
        "del",
        "s",
        "sub",
        "sup",
        # code and quotes
        "code",
        "pre",
        "blockquote",
        # tables
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        # images (only from this site's media, see _allowed_attribute)
        "img",
    }
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
CODE_CLASS = re.compile(r"^language-[\w+-]{1,30}$")
TABLE_ALIGN = frozenset({"left", "center", "right"})
MARKDOWN_CONFIG = {"tables": {"use_align_attribute": True}}
H1 = re.compile(r"<(/?)h1(?=[\s>])", re.IGNORECASE)

# What counts as an HTML tag in text people write: CommonMark's raw HTML (spec 0.31, 6.6).
# Names are ASCII, so "a<b 和 b>c", "x<y" and "<3" are prose, while "<b>", "<a href=x>",
# "</p>", comments, declarations and CDATA are tags. Markdown renders only these as HTML,
# and the public forms refuse only these.
_SPACE = r"[ \t\r\n\f]"
_ATTRIBUTE = (
    rf"{_SPACE}+[A-Za-z_:][A-Za-z0-9_.:-]*"
    rf"(?:{_SPACE}*={_SPACE}*(?:[^ \t\r\n\f\"'=<>`]+|'[^']*'|\"[^\"]*\"))?"
)
HTML_TAG = re.compile(
    "<(?:"
    rf"[A-Za-z][A-Za-z0-9-]*(?:{_ATTRIBUTE})*{_SPACE}*/?>"  # open tag
    rf"|/[A-Za-z][A-Za-z0-9-]*{_SPACE}*>"  # closing tag
    # Comments, processing instructions, declarations and CDATA end before the next opener of
    # their kind: a long run of unclosed "<!--" is then read in linear time, not quadratic.
    r"|!-->|!--->|!--(?:(?!<!--|-->).)*-->"  # comment
    r"|\?(?:(?!<\?|\?>).)*\?>"  # processing instruction
    r"|![A-Za-z][^<>]*>"  # declaration
    r"|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\]>"  # CDATA section
    ")",
    re.DOTALL,
)

# Where a web address ends in Chinese text: at white space, at the CJK symbols and punctuation
# (。、「」《》【】 and the ideographic space), the full-width forms (，！？：；（）), the general
# punctuation (“”‘’…—, zero-width and direction marks) and the vertical and small forms.
# Chinese characters inside a path (/新闻/123) are part of the address.
URL_STOP = "\u2000-\u206f\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uffef"
URL_RE = re.compile(
    r"\({0,8}"  # opening parentheses (bleach drops them again when unbalanced); bounded, so a
    # run of "(" is read in linear time
    # Not inside a Latin word or another address; a Chinese character may touch it ("见https://").
    r"(?<![A-Za-z0-9_@.:/-])"
    r"(?:https?://(?:[A-Za-z0-9._~-]+(?::[A-Za-z0-9._~-]*)?@)?)?"
    r"(?:[A-Za-z0-9-]+\.)+(?:{tlds})(?::[0-9]+)?(?![.:]?[A-Za-z0-9_-])"
    rf"(?:[/?#][^\s{{}}|\\^`<>\"{URL_STOP}]*)?".replace("{tlds}", "|".join(TLDS)),
    re.IGNORECASE,
)


def is_media_url(url: str) -> bool:
    """True for an image address under this site's MEDIA_URL, and nothing else."""
    media_url = settings.MEDIA_URL
    if not url or ".." in url or "\\" in url:
        return False
    if media_url.startswith("/"):
        # A site-relative MEDIA_URL: "//host/media/..." would be another site.
        return url.startswith(media_url) and not url.startswith("//")
    media, candidate = urlsplit(media_url), urlsplit(url)
    return (
        candidate.scheme in {"http", "https"}
        and candidate.netloc == media.netloc
        and candidate.path.startswith(media.path)
    )


def safe_url(url: str) -> str:
    """An http(s) address to put in href as it is, or "" for anything else (javascript:, data:…)."""
    url = (url or "").strip()
    if urlsplit(url).scheme.lower() in {"http", "https"} and not any(c in url for c in "\r\n\t"):
        return url
    return ""


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if tag == "a":
        return name in {"href", "title"}
    if tag == "img":
        if name == "src":
            return is_media_url(value)
        return name in {"alt", "title", "width", "height"}
    if tag in {"th", "td"}:
        return name == "align" and value in TABLE_ALIGN
    if tag == "ol":
        return name == "start" and value.isdigit()
    if tag == "code":
        return name == "class" and bool(CODE_CLASS.match(value))
    return False


def _set_link_rel(attrs: dict, new: bool = False) -> dict | None:
    """Every off-site link gets rel="nofollow noopener"; site-relative links stay as they are."""
    href = attrs.get((None, "href"), "")
    if urlsplit(href).scheme in {"http", "https"} or href.startswith("//"):
        attrs[(None, "rel")] = LINK_REL
    else:
        attrs.pop((None, "rel"), None)
    return attrs


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(LinkifyFilter, callbacks=[_set_link_rel], skip_tags={"pre", "code"}, url_re=URL_RE)
    ],
)


def sanitise_html(html: str) -> str:
    """Clean user HTML down to the allow-list. Safe to mark safe afterwards."""
    if not html:
        return ""
    return _cleaner.clean(H1.sub(r"<\1h2", str(html)))


def render_rich_text(value) -> str:
    """Stored rich text (a RichText, or a RichTextField's string) as HTML for readers: Wagtail's
    links and images expanded, then sanitised. Safe to mark safe afterwards."""
    source = value.source if isinstance(value, RichText) else value
    if not source:
        return ""
    return sanitise_html(expand_db_html(str(source)))


class _ProseHtmlExtractor(HTMLExtractor):
    """Python-Markdown's finder of raw HTML blocks, told that a start tag CommonMark would not
    take for one ("<p 和 b>" at the start of a line) is text."""

    def handle_starttag(self, tag, attrs):
        if HTML_TAG.fullmatch(self.get_starttag_text() or ""):
            super().handle_starttag(tag, attrs)
        else:
            self.handle_data(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if HTML_TAG.fullmatch(self.get_starttag_text() or ""):
            super().handle_startendtag(tag, attrs)
        else:
            self.handle_data(self.get_starttag_text())


class _ProseHtmlBlockPreprocessor(HtmlBlockPreprocessor):
    def run(self, lines):
        parser = _ProseHtmlExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


# Python-Markdown looks for the closing "]" and ")" of a link from every "[" to the end of the
# paragraph, so a paragraph of many unclosed brackets ("[" or "<![CDATA[" pasted 5,000 times)
# takes minutes. A link's text and its address end within these many characters, or it is text.
LINK_TEXT_WINDOW = 300
LINK_ADDRESS_WINDOW = 1000
LINK_PROCESSORS = (
    "reference",
    "link",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
)


def _bound_link_scans(processor):
    get_text, get_link = processor.getText, processor.getLink
    processor.getText = lambda data, index: get_text(data[: index + LINK_TEXT_WINDOW], index)
    processor.getLink = lambda data, index: get_link(data[: index + LINK_ADDRESS_WINDOW], index)


class BoundedLinkScans(Extension):
    def extendMarkdown(self, md):
        for name in LINK_PROCESSORS:
            if name in md.inlinePatterns:
                _bound_link_scans(md.inlinePatterns[name])


class ProseAngleBrackets(Extension):
    """Raw HTML only where CommonMark sees a tag (HTML_TAG): Python-Markdown's own patterns
    take "a<b 和 b>c" for a <b> tag with attributes "和" and "b", and the text is lost."""

    def extendMarkdown(self, md):
        md.preprocessors.register(_ProseHtmlBlockPreprocessor(md), "html_block", 20)
        md.inlinePatterns.register(HtmlInlineProcessor(f"({HTML_TAG.pattern})", md), "html", 90)


_converters = threading.local()


def _markdown_converter() -> markdown.Markdown:
    """One converter per thread, reset between texts (Python-Markdown's documented reuse):
    building one compiles its processors' regular expressions again whenever the re module's
    cache has dropped them, about 2 ms each time, and a rebuttal page renders several texts."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(
            extensions=[
                "tables",
                "fenced_code",
                "sane_lists",
                ProseAngleBrackets(),
                BoundedLinkScans(),
            ],
            extension_configs=MARKDOWN_CONFIG,
        )
    return converter


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML."""
    if not text:
        return ""
    converter = _markdown_converter()
    try:
        html = converter.convert(str(text))
    finally:
        converter.reset()
    return sanitise_html(html)


# Rich text as stored: Wagtail's database format (links to pages and documents by id, images
# as <embed>, Draftail's block keys) on the same allow-list, without auto-links. Draftail's own
# output comes back unchanged, so cleaning on save rewrites only what is unsafe.
BLOCK_KEY = re.compile(r"^[A-Za-z0-9]{1,12}$")
LINK_TYPE = re.compile(r"^[a-z_]{1,30}$")


def _allowed_stored_attribute(tag: str, name: str, value: str) -> bool:
    if name == "data-block-key":
        return bool(BLOCK_KEY.match(value))
    if tag == "a" and name == "linktype":
        return bool(LINK_TYPE.match(value))
    if tag in {"a", "embed"} and name == "id":
        return value.isdigit()
    if tag == "embed":
        return (name == "embedtype" and value == "image") or name in {"format", "alt"}
    return _allowed_attribute(tag, name, value)


_stored_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS | {"embed"},
    attributes=_allowed_stored_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)
# Void elements written as Draftail writes them ("<br/>", "<embed .../>").
_stored_cleaner.serializer.use_trailing_solidus = True
_stored_cleaner.serializer.space_before_trailing_solidus = False


def sanitise_stored_rich_text(source: str) -> str:
    """Rich text in Wagtail's database format, cleaned down to the allow-list."""
    if not source:
        return source
    return _stored_cleaner.clean(H1.sub(r"<\1h2", str(source)))


# Plain text from whatever the public typed, and from page fields for the search index: no tags,
# no comments, no scripts.

# C0 controls other than tab and newline, DEL, the C1 controls, and the bidi embeddings,
# overrides and isolates used to disguise text ("\u202egpj.exe" shows as "exe.jpg").
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_PASSES = 5


def strip_control_characters(text: str) -> str:
    """`text` with line ends made "\\n" and every other control character removed."""
    return CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def plain_text(value) -> str:
    """`value` as plain (unescaped) text, with every HTML tag and comment removed.

    `value` may be text the public typed, an HTML string, rich text, a StreamField (its
    searchable content, a block a line) or a list of these; None is "".
    """
    if value is None:
        return ""
    if isinstance(value, StreamValue):
        return _lines(value.stream_block.get_searchable_content(value))
    if isinstance(value, RichText):
        # Wagtail's indexing text keeps a space between paragraphs ("<p>a</p><p>b</p>").
        return plain_text(get_text_for_indexing(value.source))
    if isinstance(value, (list, tuple)):
        return _lines(value)
    return _strip_markup(str(value))


def _lines(values) -> str:
    return "\n".join(filter(None, (plain_text(item) for item in values)))


def _strip_markup(value: str) -> str:
    """bleach escapes what it keeps (&, <, >); unescaping gives the text back, and templates
    escape it once on output. Cleaning repeats until nothing changes, so text built to turn into
    a tag after one pass ("<<script>script>") cannot."""
    text = strip_control_characters(value)
    if "<" not in text and "&" not in text:
        return text.strip()  # nothing bleach could remove or unescape
    for _ in range(MAX_PASSES):
        cleaned = html.unescape(
            bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
        )
        if cleaned == text:
            break
        text = cleaned
    return text.strip()


def contains_markup(value: str) -> bool:
    """True when `value` holds an HTML tag, comment or declaration (HTML_TAG), typed or encoded
    once ("&lt;script&gt;": a page that decodes it again would run it).

    "1 < 2", "x<y", "a<b 和 b>c", "<3", "AT&T" and a typed "&lt;" are text, not markup.
    """
    value = value or ""
    return bool(HTML_TAG.search(value) or HTML_TAG.search(html.unescape(value)))


def typed_text(value: str) -> str:
    """What someone typed, kept as typed: line ends made "\\n", control characters removed,
    surrounding space trimmed. Not HTML, so nothing is unescaped ("&lt;" stays "&lt;");
    templates escape it on output."""
    return strip_control_characters(value or "").strip()


def remove_tags(value: str) -> str:
    """Typed text without the tags HTML_TAG finds, for models that store what the public typed
    whatever path writes it. Removal repeats, so "<<b>b>" cannot leave a tag behind."""
    text = typed_text(value)
    for _ in range(MAX_PASSES):
        cleaned = HTML_TAG.sub("", text)
        if cleaned == text:
            break
        text = cleaned
    return text.strip()
