"""Chinese text preparation, shared by every backend at index time and at query time.

One pipeline, so that whatever reaches a backend is comparable:

1. ``normalise``: OpenCC Traditional -> Simplified, Unicode NFKC (full-width letters, digits and
   spaces become half-width), lower case, control characters dropped, runs of space collapsed.
2. ``jieba`` segmentation with the dictionary this app ships (``data/userdict.txt``: debunk
   vocabulary such as 辟谣, 网信办, 塑料大米). Indexing uses the search mode
   (``cut_for_search``), which adds the dictionary words found inside longer words, so the
   query "人民" matches a document that says "中华人民共和国".
3. Punctuation and stop words (``data/stopwords.txt``) are dropped.

The result is plain text of space-separated terms: every backend (SQLite FTS5, PostgreSQL,
Elasticsearch/OpenSearch with a whitespace analyzer) tokenises it the same way.

jieba and OpenCC load their dictionaries once per process: at start for a web server
(``warm_up``, called by cms/wsgi.py), else on first use.
"""

import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
USER_DICT = DATA_DIR / "userdict.txt"
STOPWORDS = DATA_DIR / "stopwords.txt"

# Queries with more terms than this are treated as a pasted message ("is this true?"):
# ranked by similarity on their key terms rather than requiring every word.
MESSAGE_MIN_TERMS = 5
MESSAGE_KEY_TERMS = 20
MESSAGE_MIN_CHARS = 12

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_SPACE = re.compile(r"\s+")
# A term is worth indexing when it holds at least one letter, digit or ideograph; anything but
# those and a few joiners (C++, A&B, 3.5, covid-19) is cut out, so no backend ever sees
# query syntax (quotes, brackets, operators) in a term.
_WORDY = re.compile(r"\w", re.UNICODE)
_NOT_TERM = re.compile(r"[^\w+#&.%-]", re.UNICODE)

_lock = threading.Lock()


@cache
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


@cache
def _traditional_converter():
    from opencc import OpenCC

    return OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Simplified -> Traditional with the OpenCC that search normalises with (the reader's
    繁體 toggle, cms/script.py)."""
    return _traditional_converter().convert(text) if text else ""


def has_traditional(text: str) -> bool:
    """The text holds Traditional characters (it changes on the way to Simplified)."""
    return bool(text) and _converter().convert(text) != text


@cache
def _tokenizer():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


@cache
def stopwords() -> frozenset[str]:
    lines = STOPWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba's inverse document frequencies, for picking the key terms of a long message."""
    import jieba.analyse

    path = Path(jieba.analyse.__file__).parent / "idf.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition(" ")
        if value:
            table[word] = float(value)
    median = sorted(table.values())[len(table) // 2]
    return table, median


def warm_up() -> None:
    """Load OpenCC, jieba (with our dictionary), the stop words and the IDF table now: called
    at process start (cms/wsgi.py), so no reader's search pays ~1.7 s of CPU for them."""
    _converter()
    _tokenizer()
    stopwords()
    _idf()


def strip_control(text: str) -> str:
    """Drop control and invisible formatting characters (newlines and tabs become spaces)."""
    return _CONTROL.sub("", text.replace("\n", " ").replace("\t", " ").replace("\r", " "))


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """One script, one width, one case: the form every backend indexes and searches.

    Cached: OpenCC is the slow part of preparing a page, and one page's texts are asked for
    several times (terms, grams, fingerprint, by the admin index and the reader document)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", strip_control(str(text)))
    text = _converter().convert(text)
    return _SPACE.sub(" ", text.lower()).strip()


class _FoldTable(dict):
    """char code -> folded char, filled on first sight; used with ``str.translate``."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) != 1 or unicodedata.category(folded).startswith("P"):
            # Keep Chinese punctuation (，。) as written; only letters and digits are folded.
            folded = char
        converted = _converter().convert(folded)
        folded = converted if len(converted) == 1 else folded
        lowered = folded.lower()
        folded = lowered if len(lowered) == 1 else folded
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold_chars(text: str) -> str:
    """Character-by-character Simplified, half-width, lower-case form of ``text``.

    Unlike :func:`normalise` it keeps the length (and so every offset) of the original text,
    which lets a highlight found in the folded form be drawn on the original.
    """
    return text.translate(_FOLD)


def has_word(text: str) -> bool:
    """Whether ``text`` holds any letter, digit or ideograph at all."""
    return bool(_WORDY.search(text))


def segments(text: str) -> list[str]:
    """jieba's precise segmentation of ``text`` as it is, punctuation and all."""
    return list(_tokenizer().cut(text)) if text else []


def _terms(tokens) -> list[str]:
    terms = []
    for token in tokens:
        term = _NOT_TERM.sub("", token).strip(".-")
        if term and _WORDY.search(term) and term not in stopwords():
            terms.append(term)
    return terms


def words(text: str) -> list[str]:
    """The words of ``text`` in reading order (jieba's precise mode), without stop words."""
    text = normalise(text)
    if not text:
        return []
    return _terms(_tokenizer().cut(text))


@lru_cache(maxsize=4096)
def index_terms(text: str) -> str:
    """Space-separated terms to index: every word plus the dictionary words inside it.

    Cached: one page's texts are asked for by the admin index (modelsearch prepares every
    field three times) and the reader document; jieba runs once per text."""
    text = normalise(text)
    if not text:
        return ""
    return " ".join(_terms(_tokenizer().cut_for_search(text)))


# -- character n-grams --------------------------------------------------------------------
#
# Words alone miss what readers remember: a fragment cut from the middle of a sentence splits
# words ("较轻" is indexed, "较" + "轻" is typed). Overlapping character bigrams (the CJK answer
# of Elasticsearch's cjk_bigram, PostgreSQL's pg_bigm) match any fragment of two characters or
# more. They are made here, once, as space-separated tokens in reading order, so every backend
# (SQLite FTS5, PostgreSQL tsvector, the engine's whitespace analyzer) holds the same tokens,
# and a phrase of consecutive bigrams is an exact substring match on all of them.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_RUNS = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)
# Marks the start of a title in the suggestion grams: "qybegin g1 g2" is a title prefix.
TITLE_START = "qybegin"
MAX_QUERY_GRAMS = 32  # per piece of a query: a longer piece is matched on its first grams
MAX_QUERY_PIECES = 8


def _run_grams(run: str) -> list[str]:
    if not _HAN.match(run):
        return [run]  # letters and digits: the word itself
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def grams(text: str, normalised: bool = False) -> list[str]:
    """Character bigrams of ``text`` in reading order (a lone ideograph stays a unigram;
    Latin words and numbers stay whole)."""
    if not normalised:
        text = normalise(text)
    found = []
    for run in _RUNS.findall(text):
        found.extend(_run_grams(run))
    return found


def gram_text(*texts: str) -> str:
    """Space-separated grams of each text, to index."""
    return " ".join(" ".join(grams(item)) for item in texts if item)


def title_gram_text(title: str) -> str:
    """The title's grams after a start marker, for suggestions ("starts with" = a phrase
    that begins with the marker)."""
    found = grams(title)
    return f"{TITLE_START} {' '.join(found)}" if found else ""


def query_pieces(normalised: str) -> list[list[str]]:
    """The grams of each piece of a query (split at spaces and punctuation): each piece must
    appear as typed, i.e. as a phrase of consecutive grams."""
    pieces = []
    for chunk in re.split(r"[^\w]+|_", normalised):
        found = grams(chunk, normalised=True)
        if found and found not in pieces:
            pieces.append(found[:MAX_QUERY_GRAMS])
    return pieces[:MAX_QUERY_PIECES]


_FINGERPRINT_DROP = re.compile(r"[\W_]+", re.UNICODE)


def fingerprint(claim: str, fallback: str) -> str:
    """The same rumour's copies share this: the claim normalised, punctuation and spaces out,
    hashed. Without a claim, ``fallback`` (unique per page) keeps the page on its own."""
    import hashlib

    core = _FINGERPRINT_DROP.sub("", normalise(claim))
    if len(core) < 8:  # too short to call two pages the same rumour
        return fallback
    return hashlib.sha1(core.encode()).hexdigest()[:20]


def subwords(word: str) -> list[str]:
    """Dictionary words of two or three characters found inside ``word`` (as jieba's search
    mode adds them), longest first; empty for short words."""
    if len(word) < 3:
        return []
    freq = _tokenizer().FREQ
    found = []
    for size in (3, 2):
        for start in range(len(word) - size + 1):
            piece = word[start : start + size]
            if piece != word and freq.get(piece) and piece not in found:
                found.append(piece)
    return found


def key_terms(text: str, limit: int = MESSAGE_KEY_TERMS) -> list[str]:
    """The most telling words of a long text by TF-IDF (for "find similar")."""
    counts = Counter(word for word in words(text) if len(word) > 1 or word.isascii())
    if not counts:
        return []
    idf, median = _idf()
    total = sum(counts.values())
    scored = {word: count / total * idf.get(word, median) for word, count in counts.items()}
    return [word for word, _ in sorted(scored.items(), key=lambda item: (-item[1], item[0]))][
        :limit
    ]


@dataclass
class PreparedQuery:
    """A reader's query after preparation, ready for any backend."""

    raw: str
    normalised: str
    words: list[str] = field(default_factory=list)
    # For a pasted message: the key terms, matched with OR and ranked by similarity.
    key_terms: list[str] = field(default_factory=list)
    # Bigrams of each piece as typed: a piece matches as a phrase (an exact substring), so a
    # fragment that splits words, or is made of stop words only, still finds its text.
    pieces: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.pieces

    @property
    def phrase_words(self) -> list[str]:
        """The words in order, for "close together" ranking (two or more)."""
        return self.words if len(self.words) > 1 else []

    @property
    def is_message(self) -> bool:
        return bool(self.key_terms)

    @property
    def highlight_terms(self) -> list[str]:
        """Every string worth marking in a result, longest first."""
        terms = set(self.key_terms or self.words)
        for word in list(terms):
            terms.update(subwords(word))
        if not self.key_terms:
            # The pieces as typed: a fragment ("判罚较") is marked whole.
            terms.update(p for p in re.split(r"[\W_]+", self.normalised) if len(p) > 1)
        return sorted(terms, key=lambda term: (-len(term), term))


def prepare_query(raw: str) -> PreparedQuery:
    normalised = normalise(raw)
    query_words = words(normalised)
    # Keep each word once, in order: a repeated word adds nothing to an AND query.
    unique = list(dict.fromkeys(query_words))
    prepared = PreparedQuery(
        raw=raw, normalised=normalised, words=unique, pieces=query_pieces(normalised)
    )
    # A fragment of a few characters can fall into five one-character words: a message is
    # also long enough to be one.
    if len(unique) >= MESSAGE_MIN_TERMS and len(normalised) >= MESSAGE_MIN_CHARS:
        prepared.key_terms = key_terms(normalised)
    return prepared


def query_terms(raw: str) -> str:
    """A query string for Wagtail's own search (admin): its words, space-separated."""
    return " ".join(prepare_query(raw).words)
