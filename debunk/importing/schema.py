"""The one schema every imported line passes before anything is written.

A line is bytes from the file. It must be at most MAX_LINE_BYTES, valid UTF-8 and strict JSON
(no NaN, no repeated keys) holding one object, nested at most MAX_DEPTH deep, whose strings are
all valid Unicode. The object's fields are then checked by :class:`RawRecord` (pydantic, strict
types): text is text, lists are lists, every string within its limit, dates real dates, URLs
http(s). Text loses its control characters (core.markup), with a warning for the record.

Whatever is wrong comes back as InvalidRecord with a message in Chinese naming the field,
for the operator; nothing here raises anything else.
"""

import codecs
import datetime as dt
import json
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from core.markup import CONTROL_CHARACTERS, strip_control_characters

from ..models import CreditRole, Platform
from ..verdicts import ItemKind
from .records import (
    MAX_CLAIM,
    MAX_REBUTTAL,
    MAX_SHORT_ANSWER,
    MAX_SHORT_TEXT,
    MAX_SOURCE_TITLE,
    MAX_SUMMARY,
    MAX_TITLE,
    InvalidRecord,
    check_url,
    parse_date,
)
from .sources import OWN_SOURCE, PROFILES

MAX_LINE_BYTES = 1024 * 1024
MAX_DEPTH = 8  # a record is 4 deep at most (record > sources > one source > its title)
SOURCES = [OWN_SOURCE, *PROFILES]


# -- from bytes to a JSON value --------------------------------------------------------------


def line_too_long(size: int) -> InvalidRecord:
    return InvalidRecord(f"该行过长（{size:,} 字节，上限 {MAX_LINE_BYTES:,} 字节）")


def decode_line(line: bytes, number: int) -> str:
    """The line as text; a UTF-8 byte-order mark opening the file is dropped."""
    if len(line) > MAX_LINE_BYTES:
        raise line_too_long(len(line))
    if number == 1:
        line = line.removeprefix(codecs.BOM_UTF8)
    try:
        return line.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as error:
        raise InvalidRecord(f"不是有效的 UTF-8 编码（第 {error.start + 1} 个字节起）") from None


def _refuse_constant(name: str):
    raise InvalidRecord(f"JSON 格式错误：不允许 {name}")


def _object_without_repeated_keys(pairs: list[tuple[str, Any]]) -> dict:
    found = dict(pairs)
    if len(found) != len(pairs):
        repeated = next(key for key in found if sum(1 for k, _ in pairs if k == key) > 1)
        raise InvalidRecord(f"JSON 格式错误：字段 {repeated!r} 出现了不止一次")
    return found


def parse_json(text: str):
    try:
        return json.loads(
            text,
            parse_constant=_refuse_constant,
            object_pairs_hook=_object_without_repeated_keys,
        )
    except InvalidRecord:
        raise
    except json.JSONDecodeError as error:
        raise InvalidRecord(f"JSON 格式错误：{error.msg}（第 {error.colno} 列）") from None
    except RecursionError:
        raise InvalidRecord(f"JSON 嵌套过深（上限 {MAX_DEPTH} 层）") from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        raise InvalidRecord("JSON 中的数字过长") from None


# -- the record's shape and fields -----------------------------------------------------------


def _fail(reason: str, kind: str = "invalid"):
    # The reason goes in as context: a template made of the value itself would read its braces.
    return PydanticCustomError(kind, "{reason}", {"reason": reason})


def _check_shape(value, depth: int = 1):
    """Nesting depth and Unicode of the whole value, the fields nobody reads included (they
    are stored in the record's fingerprint)."""
    if depth > MAX_DEPTH:
        raise _fail(f"JSON 嵌套过深（上限 {MAX_DEPTH} 层）")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _fail("含有无效的 Unicode 字符（孤立的代理项，如 \\ud800）") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_shape(key, depth)
            _check_shape(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_shape(item, depth + 1)


def _absent_as_empty(value):
    return "" if value is None else value


def _absent_as_no_items(value):
    return [] if value is None else value


def _cleaned(value: str, info: ValidationInfo, *, limit: int, required: bool, one_line: bool):
    removed = len(CONTROL_CHARACTERS.findall(value.replace("\r", "")))
    if removed and info.context is not None:
        info.context["warnings"].append(f"{info.field_name} 中的 {removed} 个控制字符已删除")
    value = strip_control_characters(value)
    value = " ".join(value.split()) if one_line else value.strip()
    if required and not value:
        raise _fail("", "blank")
    if len(value) > limit:
        raise _fail(f"过长（{len(value)} 字，上限 {limit} 字）")
    return value


def text(limit: int, *, required: bool = False, one_line: bool = False):
    """A string field: null or absent is empty; control characters go; longer is refused."""

    def check(value: str, info: ValidationInfo) -> str:
        return _cleaned(value, info, limit=limit, required=required, one_line=one_line)

    return Annotated[str, BeforeValidator(_absent_as_empty), AfterValidator(check)]


def line(limit: int, *, required: bool = False):
    """A one-line string field (titles, names, ids): line breaks and runs of space become one."""
    return text(limit, required=required, one_line=True)


def one_of(choices, what: str, *, required: bool = False):
    def check(value: str) -> str:
        if value and value not in choices:
            raise _fail(f"未知的{what} {value[:50]!r}")
        return value

    return Annotated[line(50, required=required), AfterValidator(check)]


def _date(value) -> dt.date | None:
    try:
        return parse_date(value)
    except InvalidRecord as error:
        raise _fail(str(error)) from None


def _url(value: str) -> str:
    try:
        return check_url(value)
    except InvalidRecord as error:
        raise _fail(str(error)) from None


def _required_date(value) -> dt.date:
    if (found := _date(value)) is None:
        raise _fail("", "blank")
    return found


def _credit_from_name(value):
    if isinstance(value, str):
        return {"name": value}
    if not isinstance(value, dict):
        raise _fail('应为姓名，或 {"name": …, "role": …}')
    return value


Date = Annotated[dt.date | None, BeforeValidator(_date)]
RequiredDate = Annotated[dt.date, BeforeValidator(_required_date)]
Url = Annotated[str, AfterValidator(_url)]


def items(kind, most: int):
    return Annotated[list[kind], BeforeValidator(_absent_as_no_items), Field(max_length=most)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class SourceItem(Strict):
    title: line(MAX_SOURCE_TITLE, required=True)
    url: Annotated[text(500, one_line=True), AfterValidator(lambda v: _url(v) if v else "")] = ""
    authority: line(MAX_SHORT_TEXT) = ""
    date: Date = None
    kind: line(50) = ""  # an unknown kind is "other", as editors cannot fix it in the record


class CorrectionItem(Strict):
    date: RequiredDate
    note: text(1000, required=True)


class CreditItem(Strict):
    name: line(50, required=True)
    role: one_of(CreditRole.values, "署名分工") = ""


class RawRecord(Strict):
    """Every field any source may give, typed; the sources' readers (sources.py) map them."""

    id: line(150, required=True)
    source: one_of(SOURCES, "数据来源", required=True)
    claim: text(MAX_CLAIM, required=True)
    verdict: line(50, required=True)
    # Cofacts, CED and LTCR
    rebuttal: text(MAX_REBUTTAL) = ""
    body: text(MAX_REBUTTAL) = ""
    reference: text(MAX_REBUTTAL) = ""
    published: Date = None
    # our own format
    title: line(MAX_TITLE) = ""
    slug: line(80) = ""
    claim_summary: line(MAX_SUMMARY) = ""
    short_answer: text(MAX_SHORT_ANSWER) = ""
    body_markdown: text(MAX_REBUTTAL) = ""
    kind: one_of(ItemKind.values, "稿件类型") = ""
    category: line(50) = ""
    region: line(MAX_SHORT_TEXT) = ""
    claimant: line(MAX_SHORT_TEXT) = ""
    attribution: text(1000) = ""
    first_seen: Date = None
    seen_on: items(one_of(Platform.values, "流传平台", required=True), 20) = []
    appearance_urls: items(Annotated[line(500, required=True), AfterValidator(_url)], 50) = []
    tags: items(line(MAX_SHORT_TEXT, required=True), 30) = []
    credits: items(Annotated[CreditItem, BeforeValidator(_credit_from_name)], 20) = []
    sources: items(SourceItem, 50) = []
    corrections: items(CorrectionItem, 50) = []

    @model_validator(mode="before")
    @classmethod
    def one_object_of_sound_shape(cls, value):
        if not isinstance(value, dict):
            raise _fail("每行应为一个 JSON 对象")
        _check_shape(value)
        return value


# -- errors in words -------------------------------------------------------------------------

MESSAGES = {
    "missing": "缺少 {where}",
    "blank": "缺少 {where}",
    "string_type": "{where} 应为文本",
    "list_type": "{where} 应为列表",
    "model_type": "{where} 应为 JSON 对象",
    "too_long": "{where} 项数过多（上限 {max_length} 项）",
}
ERRORS_SHOWN = 3


def where(location: tuple) -> str:
    """("sources", 0, "url") as "sources[0].url"."""
    words = ""
    for part in location:
        words += f"[{part}]" if isinstance(part, int) else f".{part}"
    return words.lstrip(".")


def describe(error: dict) -> str:
    place = where(error["loc"])
    if error["type"] == "invalid":
        return f"{place} {error['ctx']['reason']}".strip()
    template = MESSAGES.get(error["type"], "{where} 格式不对（{type}）")
    most = (error.get("ctx") or {}).get("max_length")
    return template.format(where=place, type=error["type"], max_length=most).strip()


def validate(raw, warnings: list[str]) -> RawRecord:
    """`raw` checked against the schema, or InvalidRecord with (up to three of) its faults."""
    try:
        return RawRecord.model_validate(raw, context={"warnings": warnings})
    except ValidationError as error:
        faults = [describe(item) for item in error.errors(include_url=False)]
        more = f"；另有 {len(faults) - ERRORS_SHOWN} 处错误" if len(faults) > ERRORS_SHOWN else ""
        raise InvalidRecord("；".join(faults[:ERRORS_SHOWN]) + more) from None
