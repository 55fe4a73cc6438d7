"""What a person reads on an admin page, and the English words in it.

The text is what the browser shows: element text (not <script>/<style> code, not comments)
and the attributes that are read out or shown (title, aria-label, aria-description,
placeholder, alt, a button's value). HTML carried inside JSON (modal responses, and the markup
Wagtail's scripts insert later) is read the same way.

An English word is three or more ASCII letters in a row. Codes and names are left out by their
shape, never by a list of words: URLs and paths, e-mail addresses, file and host names,
numbers with their units, ALL-CAPS abbreviations (CSV, URL), identifiers (snake_case,
camelCase, dotted), names with an inner capital (JavaScript), a name followed by its version
number (Wagtail 8.0), text inside <code>/<kbd>/<samp>/<pre>, and text an element marks as not
to be translated (translate="no") or as written in another language (a lang other than zh).
People's user names are data, not interface: the caller passes them as `names`.
"""

import json
import re
from html.parser import HTMLParser

CODE_ELEMENTS = {"script", "style"}
LITERAL_ELEMENTS = {"code", "kbd", "samp", "pre"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
READ_ATTRIBUTES = {"title", "aria-label", "aria-description", "placeholder", "alt"}
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}

# ASCII word boundaries: a Chinese character next to "CSV" does not make it one word.
CODE_SHAPES = re.compile(
    r"""
      [a-z][a-z0-9+.-]*://\S*                 # URLs
    | (?<!\w)/[\w\-./%?=&#~\[\]]+             # absolute paths
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+            # e-mail addresses
    | [\w-]*\.[A-Za-z0-9]{2,5}\b              # file names, host names (clip.mp4, example.org)
    | \b\d[\d.,:]*[A-Za-z]{1,3}\b              # numbers with units (12px, 1920x1080, 3s)
    | \b[A-Z][A-Z0-9]+s?\b                    # abbreviations and codes (CSV, URLs, H264)
    | \b\w*_\w*\b                             # snake_case identifiers
    | \b[A-Za-z]*[a-z][A-Z]\w*\b               # camelCase and inner-capital names (JavaScript)
    | \b[A-Z][a-z]+\ \d+(?:\.\d+)+\b            # a name with its version (Django 5.2)
    | \b\w+(?:\.\w+)+\b                        # dotted names (debunk.RebuttalPage, v8.0.1)
    """,
    re.VERBOSE | re.ASCII,
)
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(text: str, names=()) -> list[str]:
    """The English words in `text`; `names` are proper names from the data (user names)."""
    for name in names:
        text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", " ", text)
    return ENGLISH_WORD.findall(CODE_SHAPES.sub(" ", text))


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.nested_html: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, whether its text is left out)
        self._text: list[str] = []
        self._in_json = False

    def _left_out(self) -> bool:
        return any(left_out for _, left_out in self._open)

    def _end_piece(self):
        text = " ".join("".join(self._text).split())
        if text:
            self.pieces.append(text)
        self._text = []

    def handle_starttag(self, tag, attrs):
        self._end_piece()
        attrs = dict(attrs)
        if not self._left_out():
            self._read_attributes(tag, attrs)
        if tag in VOID_ELEMENTS:
            return
        self._in_json = tag == "script" and (attrs.get("type") or "").endswith("json")
        left_out = (
            tag in CODE_ELEMENTS
            or tag in LITERAL_ELEMENTS
            or attrs.get("translate") == "no"
            or not (attrs.get("lang") or "zh").lower().startswith("zh")
        )
        self._open.append((tag, left_out))

    def handle_startendtag(self, tag, attrs):
        self._end_piece()
        if not self._left_out():
            self._read_attributes(tag, dict(attrs))

    def handle_endtag(self, tag):
        self._end_piece()
        self._in_json = False
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        if self._in_json:
            self.nested_html.extend(_html_in_json(data))
        elif not self._left_out():
            self._text.append(data)

    def _read_attributes(self, tag, attrs):
        for name in sorted(READ_ATTRIBUTES):
            if attrs.get(name):
                self.pieces.append(" ".join(attrs[name].split()))
        is_button = tag == "input" and (attrs.get("type") or "").lower() in BUTTON_INPUT_TYPES
        if is_button and attrs.get("value"):
            self.pieces.append(attrs["value"])

    def close(self):
        super().close()
        self._end_piece()


def _html_in_json(data: str) -> list[str]:
    try:
        value = json.loads(data)
    except ValueError:
        return []
    return list(_html_strings(value))


def _html_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _html_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _html_strings(item)
    elif isinstance(value, str) and re.search(r"<[a-z][^>]*>", value):
        yield value


def visible_text(html: str) -> list[str]:
    """The pieces of text a person reads on the page, markup inside JSON included."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    pieces = list(parser.pieces)
    for nested in parser.nested_html:
        pieces.extend(visible_text(nested))
    return pieces


def english_in(html: str, names=()) -> list[str]:
    """Each piece of visible text that still has an English word in it."""
    return [piece for piece in visible_text(html) if english_words(piece, names)]


def html_of(response) -> str:
    """The markup of an admin response: a page, or a modal's JSON ({"html": …})."""
    if response["Content-Type"].startswith("application/json"):
        return "\n".join(_html_strings(response.json()))
    return response.content.decode()
