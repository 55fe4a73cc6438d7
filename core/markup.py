"""The one place that turns user Markdown or HTML into HTML a reader's browser may run.

Everything user-written that reaches a template as HTML goes through :func:`sanitise_html`
(rich text) or :func:`render_markdown` (Markdown blocks and fields). The allow-list is explicit:
anything not named below is stripped (its text kept), so scripts, event handlers, ``style``,
iframes, SVG and ``javascript:``/``data:`` URLs come out inert. Text the public types, where no
markup at all is wanted, and page fields bound for the search index go through :func:`plain_text`.

A leaf helper: it imports nothing of ours, and anyone may import it.
"""

import html
import re
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText, get_text_for_indexing

import bleach
import markdown
from bleach.linkifier import LinkifyFilter

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
MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
MARKDOWN_CONFIG = {"tables": {"use_align_attribute": True}}
H1 = re.compile(r"<(/?)h1(?=[\s>])", re.IGNORECASE)


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
    filters=[partial(LinkifyFilter, callbacks=[_set_link_rel], skip_tags={"pre", "code"})],
)


def sanitise_html(html: str) -> str:
    """Clean user HTML down to the allow-list. Safe to mark safe afterwards."""
    if not html:
        return ""
    return _cleaner.clean(H1.sub(r"<\1h2", str(html)))


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML."""
    if not text:
        return ""
    html = markdown.markdown(
        str(text), extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG
    )
    return sanitise_html(html)


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
    """True when cleaning would remove something: a tag, a comment, an encoded tag.

    "1 < 2", "<3" and "AT&T" are text, not markup.
    """
    return plain_text(value) != html.unescape(strip_control_characters(value or "")).strip()
