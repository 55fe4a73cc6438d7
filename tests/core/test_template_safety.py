"""Stored content reaches a page escaped, or through core.markup's sanitiser: nothing else.

Fails on a template that turns escaping off (``|safe``, ``|safeseq``, ``{% autoescape off %}``),
that uses Wagtail's ``|richtext`` (which expands but does not sanitise: use ``|rich``), or that
puts a value into a URL attribute without ``|safe_url`` (a stored "javascript:" link), and on
Python of ours that marks a string safe. Each allowed place says why it is safe.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
OUR_PACKAGES = ["cms", "campaigns", "video", "debunk", "search", "core"]

UNESCAPED = re.compile(
    r"\|\s*(?P<filter>safe|safeseq|richtext)\b(?!_)"
    r"|{%\s*autoescape\s+off\s*%}"
    r"|{%\s*filter\s+[^%]*\bsafe\b[^%]*%}"
)
ALLOWED_UNESCAPED = {
    ("debunk/tips/reply_email.txt", "{% autoescape off %}"): (
        "a plain-text email body: no browser parses it as HTML"
    ),
    ("debunk/subscriptions/answer_email.txt", "{% autoescape off %}"): (
        "a plain-text email body: no browser parses it as HTML"
    ),
    ("debunk/subscriptions/confirm_email.txt", "{% autoescape off %}"): (
        "a plain-text email body: no browser parses it as HTML"
    ),
    ("debunk/subscriptions/digest_email.txt", "{% autoescape off %}"): (
        "a plain-text email body: no browser parses it as HTML"
    ),
}

# A template variable at the start of an attribute the browser follows as a URL.
URL_ATTRIBUTE = re.compile(
    r"\b(?P<attribute>href|src|action|formaction|poster|data|srcset)=\"\{\{\s*(?P<value>[^}]+?)\s*\}\}"
)
# URLs our own code builds (Django's reverse, Wagtail page URLs, file storage, our parsers),
# which never hold a stored address someone typed.
BUILT_URLS = {
    "match.url": "tip matches: the rebuttal's page URL, as the search documents hold it",
    "previous_url": "pagination: the current URL with a page number",
    "next_url": "pagination: the current URL with a page number",
    "first_page_url": "search: the current URL without a page number",
    "clear_url": "search: the search page's reversed URL",
    "search_url": "admin statistics: the admin search's reversed URL",
    "hit.url": "search: a page's Wagtail URL",
    "value.url": "search facets: the current URL with one filter changed",
    "canonical_url": "a page's full Wagtail URL",
    "submit_url": "workflow modal: a reversed admin URL",
    "entry.edit_url": "bulk status: a reversed admin URL",
    "tile.url": "admin tiles: reversed admin URLs",
    "inbox_url": "admin panel: a reversed admin URL",
    "report_url": "admin panel: a reversed admin URL",
    "notify_url": "admin panel: a reversed admin URL",
    "item.video.url": "an uploaded file's storage URL",
    "page.media.url": "an uploaded file's storage URL",
    "media.thumbnail.url": "a file ffprobe extracted, by storage URL",
    "episode.media.thumbnail.url": "a file ffprobe extracted, by storage URL",
    "page.poster_url": "an image rendition or a storage URL",
    "poster_url": "an image rendition or a storage URL",
    "source.src": "the video player's sources: storage URLs of uploaded files",
    "video.player_url": "built by video.embeds from a platform's video id",
    "video.page_url": "built by video.embeds from a platform's video id",
    "player_url": "moderation: the reversed URL of the permission-checked video view",
    "action_url": "Wagtail's header (copied template): a reversed admin URL",
}

# Python of ours that may mark a string safe, and why that string is safe.
ALLOWED_MARK_SAFE = {
    "core/templatetags/markup_tags.py": "the |rich and |markdown filters: core.markup sanitised it",
    "core/jsonld.py": "JSON with <, > and & escaped, inside a script element",
    "core/textdiff.py": "every piece of the diff escaped before it is joined",
    "search/highlight.py": "search snippets: every piece escaped before <mark> goes around it",
    "debunk/charts.py": "SVG charts: numbers, constants and escaped labels",
    "cms/templatetags/script_tags.py": "the 简繁 link, format_html between two fixed comments",
    "core/templatetags/share_tags.py": "QR code SVG: segno's own markup, title and label escaped",
}
MARK_SAFE = re.compile(r"\b(mark_safe|SafeString)\(")


def template_files():
    return sorted(path for path in TEMPLATES.rglob("*") if path.is_file())


def test_no_template_turns_escaping_off_or_skips_the_sanitiser():
    found = []
    for path in template_files():
        name = path.relative_to(TEMPLATES).as_posix()
        for match in UNESCAPED.finditer(path.read_text()):
            construct = match.group(0)
            if (name, construct) not in ALLOWED_UNESCAPED:
                found.append(f"{name}: {construct}")
    assert found == [], "use |rich (rich text) or |markdown (Markdown), not these"


def test_no_template_puts_a_stored_address_into_a_url_attribute_unchecked():
    found = []
    for path in template_files():
        name = path.relative_to(TEMPLATES).as_posix()
        for match in URL_ATTRIBUTE.finditer(path.read_text()):
            value = match.group("value").replace(" ", "")
            if not value.endswith("|safe_url") and value not in BUILT_URLS:
                found.append(f"{name}: {match.group('attribute')}={{{{ {value} }}}}")
    assert found == [], "pass stored addresses through |safe_url (or list a built URL here)"


def test_only_the_listed_python_marks_strings_safe():
    found = {
        path.relative_to(ROOT).as_posix()
        for package in OUR_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and MARK_SAFE.search(path.read_text())
    }
    assert found - set(ALLOWED_MARK_SAFE) == set()
    assert set(ALLOWED_MARK_SAFE) - found == set(), "a listed file no longer marks safe: unlist it"


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("{{ page.description|richtext }}", True),
        ("{{ value | safe }}", True),
        ("{{ values|safeseq|join:',' }}", True),
        ("{% autoescape off %}{{ x }}{% endautoescape %}", True),
        ("{% filter safe %}{{ x }}{% endfilter %}", True),
        ("{{ value.source_url|safe_url }}", False),
        ("{{ page.description|rich }}", False),
    ],
)
def test_the_check_catches_what_it_is_for(source, caught):
    assert bool(UNESCAPED.search(source)) is caught


def test_the_url_check_reads_template_values():
    match = URL_ATTRIBUTE.search('<a class="x" href="{{ item.video_url }}" rel="ugc">')
    assert match and match.group("value") == "item.video_url"
    assert URL_ATTRIBUTE.search('<img src="{{ x|safe_url }}">').group("value") == "x|safe_url"
