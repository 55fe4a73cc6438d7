"""Import rumours from JSON lines into a column, idempotently by each record's source id.

Every line is checked against one schema (debunk.importing.schema) before anything is written;
a line that fails is a warning with its number and reason, never an exception, and the lines
around it are imported. New pages are written in bulk (one INSERT per table per batch, tree
paths computed here), so tens of thousands of records import in minutes; a batch the database
refuses is written again one record at a time, so only the record at fault is lost. Imported
pages have no revision until an editor saves one; a page that has one is never overwritten by
a later import.
"""

import copy
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from core.tree import last_child_step
from search.signals import enqueue_sync

from ..models import (
    Category,
    Correction,
    EvidenceSource,
    FactCheckerCredit,
    RebuttalIndexPage,
    RebuttalPage,
    RebuttalPageTag,
)
from .records import ImportRecord, InvalidRecord, digest
from .schema import MAX_LINE_BYTES, decode_line, line_too_long, parse_json, validate
from .sources import read_record

BATCH_SIZE = 500
BLANK = object()  # a line with nothing (or only spaces) on it: not a record


@dataclass
class ImportSummary:
    """Every line lands in exactly one count: created + updated + unchanged + kept_edited +
    invalid + empty == lines."""

    created: int = 0
    published: int = 0
    drafts: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edited: int = 0  # edited in the admin since the last import: left alone
    invalid: int = 0
    empty: int = 0  # blank lines
    lines: int = 0
    seconds: float = 0.0
    reasons: Counter = field(default_factory=Counter)

    @property
    def valid(self) -> int:
        return self.created + self.updated + self.unchanged + self.kept_edited

    @property
    def per_second(self) -> float:
        return self.lines / self.seconds if self.seconds else 0.0


@dataclass
class OversizedLine:
    """A line longer than the schema allows, left unread (only its size is kept)."""

    size: int


def numbered_lines(stream) -> Iterator[tuple[int, bytes | OversizedLine]]:
    """(line number, bytes) for each line of a binary stream, reading no line whole that is
    longer than MAX_LINE_BYTES."""
    number = 0
    while chunk := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(chunk) <= MAX_LINE_BYTES or chunk.endswith(b"\n"):
            yield number, chunk
            continue
        size = len(chunk)
        while (chunk := stream.readline(MAX_LINE_BYTES)) and not chunk.endswith(b"\n"):
            size += len(chunk)
        yield number, OversizedLine(size + len(chunk))


class RumourImporter:
    def __init__(
        self,
        column: RebuttalIndexPage,
        *,
        dry_run: bool = False,
        draft: bool = False,
        publish_incomplete: bool = False,
        batch_size: int = BATCH_SIZE,
        warn: Callable[[str], None] = print,
    ):
        self.column = column
        self.dry_run = dry_run
        self.draft = draft
        self.publish_incomplete = publish_incomplete
        self.batch_size = batch_size
        self.warn = warn
        self.summary = ImportSummary()
        self.categories = {category.slug: category for category in Category.objects.all()}
        self.lines_of_ids: dict[str, int] = {}
        self.held_warnings: list[str] = []  # said once the batch they come from is written
        self.used_slugs = set(
            Page.objects.child_of(column).values_list("slug", flat=True).iterator()
        )

    # Reading

    def run(self, lines: Iterable[tuple[int, object]], progress=None) -> ImportSummary:
        """Import (line number, bytes, text or an already-parsed dict) pairs."""
        started = time.perf_counter()
        batch: list[ImportRecord] = []
        for number, line in lines:
            self.summary.lines += 1
            record = self.read(number, line)
            if record is not None:
                batch.append(record)
            if len(batch) >= self.batch_size:
                self.write(batch)
                batch = []
            if progress is not None:
                progress.update(1)
        if batch:
            self.write(batch)
        if not self.dry_run:  # the column's filter counts, once for the whole run
            self.column.refresh_facets()
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def read(self, number: int, line) -> ImportRecord | None:
        """The line as a record ready to write, or None (counted as empty or invalid)."""
        warnings: list[str] = []
        try:
            raw = self.parse(number, line)
            if raw is BLANK:
                self.summary.empty += 1
                return None
            checked = validate(raw, warnings)
            record = read_record(checked, number, digest(raw))
            self.check_references(record)
        except InvalidRecord as error:
            self.reject(number, str(error))
            return None
        except Exception as error:  # noqa: BLE001 - a bug of ours must not sink the import
            self.reject(number, f"无法读取（程序错误 {type(error).__name__}，请报告）")
            return None
        for message in [*warnings, *record.warnings]:
            self.warn(f"第 {number} 行：{message}")
        return record

    @staticmethod
    def parse(number: int, line):
        """The line's JSON value, or BLANK."""
        if isinstance(line, dict):
            return line
        if isinstance(line, OversizedLine):
            raise line_too_long(line.size)
        if isinstance(line, bytes):
            line = decode_line(line, number)
        if not line.strip():
            return BLANK
        return parse_json(line)

    def check_references(self, record: ImportRecord) -> None:
        if record.category_slug and record.category_slug not in self.categories:
            raise InvalidRecord(f"category 未知的分类 {record.category_slug!r}")
        first_line = self.lines_of_ids.setdefault(record.source_id, record.line)
        if first_line != record.line:
            raise InvalidRecord(f"id 重复：编号 {record.source_id} 已在第 {first_line} 行")

    def reject(self, number: int, reason: str) -> None:
        self.summary.invalid += 1
        self.summary.reasons[reason_kind(reason)] += 1
        self.warn(f"第 {number} 行：{reason}，已跳过")

    # Writing

    def write(self, records: list[ImportRecord]) -> None:
        """Write a batch in one transaction; if the database refuses it, write its records one
        by one, each in its own, so only the record at fault is lost."""
        before = copy.deepcopy(self.summary), set(self.used_slugs)
        self.held_warnings = []
        try:
            self.write_batch(records)
        except Exception:  # noqa: BLE001 - the retry below names the record and the reason
            self.summary, self.used_slugs = before
            for record in records:
                self.write_one(record)
            return
        for message in self.held_warnings:
            self.warn(message)

    def write_one(self, record: ImportRecord) -> None:
        before = copy.deepcopy(self.summary), set(self.used_slugs)
        self.held_warnings = []
        try:
            self.write_batch([record])
        except Exception as error:  # noqa: BLE001 - reported for its line, the import goes on
            self.summary, self.used_slugs = before
            self.reject(record.line, f"写入数据库失败：{type(error).__name__}：{str(error)[:200]}")
            return
        for message in self.held_warnings:
            self.warn(message)

    def write_batch(self, records: list[ImportRecord]) -> None:
        with transaction.atomic():
            existing = {
                page.source_id: page
                for page in RebuttalPage.objects.filter(
                    source_id__in=[record.source_id for record in records]
                ).only("id", "source_id", "source_hash", "latest_revision_id")
            }
            new = [record for record in records if record.source_id not in existing]
            self.create(new)
            for record in records:
                page = existing.get(record.source_id)
                if page is not None:
                    self.update(page, record)
            if self.dry_run:
                transaction.set_rollback(True)

    def publishes(self, record: ImportRecord) -> bool:
        return not self.draft and (record.is_complete or self.publish_incomplete)

    def unique_slug(self, wanted: str) -> str:
        base = wanted or "rebuttal"
        slug, n = base, 1
        while slug in self.used_slugs:
            n += 1
            slug = f"{base}-{n}"
        self.used_slugs.add(slug)
        return slug

    def page_fields(self, record: ImportRecord) -> dict:
        category = self.categories.get(record.category_slug)
        fields = {
            "title": record.title,
            "draft_title": record.title,
            "claim_text": record.claim_text,
            "claim_summary": record.claim_summary,
            "seen_on": record.seen_on,
            "appearance_urls": "\n".join(record.appearance_urls),
            "first_seen": record.first_seen,
            "claimant": record.claimant,
            "verdict": record.verdict,
            "kind": record.kind,
            "short_answer": record.short_answer,
            "body": record.body,
            "category_id": category.pk if category else None,
            "region": record.region,
            "attribution": record.attribution,
            "source_id": record.source_id,
            "source_hash": record.digest,
        }
        # A record without a date has none here either (never "today"): the column sorts it by
        # the day its claim was first seen, else last (RebuttalPage.column_date).
        fields["published_date"] = record.published_date
        return fields

    def create(self, records: list[ImportRecord]) -> None:
        if not records:
            return
        column = Page.objects.get(pk=self.column.pk)  # fresh path and numchild
        depth = column.depth + 1
        last_step = last_child_step(column)
        content_type = ContentType.objects.get_for_model(RebuttalPage)
        now = timezone.now()
        pages = []
        for step, record in enumerate(records, start=last_step + 1):
            live = self.publishes(record)
            slug = self.unique_slug(record.slug)
            pages.append(
                RebuttalPage(
                    slug=slug,
                    path=Page._get_path(column.path, depth, step),
                    depth=depth,
                    numchild=0,
                    url_path=f"{column.url_path}{slug}/",
                    locale_id=column.locale_id,
                    content_type=content_type,
                    live=live,
                    has_unpublished_changes=not live,
                    first_published_at=now if live else None,
                    last_published_at=now if live else None,
                    **self.page_fields(record),
                )
            )
            self.summary.created += 1
            if live:
                self.summary.published += 1
            else:
                self.summary.drafts += 1
        insert_pages(pages)
        Page.objects.filter(pk=column.pk).update(numchild=F("numchild") + len(pages))
        self.create_children(pages, records)
        if not self.dry_run:  # a search engine is not rolled back with the dry run
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(RebuttalPage, pages)
        # The reader search page's stored documents and indexes (after commit, like publishing).
        enqueue_sync([page.pk for page in pages if page.live])

    def create_children(self, pages: list[RebuttalPage], records: list[ImportRecord]) -> None:
        sources, corrections, credits, tagged = [], [], [], []
        tags = self.tags_by_name({name for record in records for name in record.tags})
        for page, record in zip(pages, records, strict=True):
            sources += self.source_rows(page.pk, record)
            corrections += self.correction_rows(page.pk, record)
            credits += self.credit_rows(page.pk, record)
            tagged += [
                RebuttalPageTag(content_object_id=page.pk, tag=tags[name]) for name in record.tags
            ]
        EvidenceSource.objects.bulk_create(sources)
        Correction.objects.bulk_create(corrections)
        FactCheckerCredit.objects.bulk_create(credits)
        RebuttalPageTag.objects.bulk_create(tagged)

    @staticmethod
    def source_rows(page_id, record):
        return [
            EvidenceSource(
                page_id=page_id,
                sort_order=order,
                title=source.title,
                url=source.url,
                authority=source.authority,
                date=source.date,
                kind=source.kind,
            )
            for order, source in enumerate(record.sources)
        ]

    @staticmethod
    def correction_rows(page_id, record):
        return [
            Correction(page_id=page_id, sort_order=order, date=item.date, note=item.note)
            for order, item in enumerate(record.corrections)
        ]

    @staticmethod
    def credit_rows(page_id, record):
        return [
            FactCheckerCredit(page_id=page_id, sort_order=order, name=name, role=role)
            for order, (name, role) in enumerate(record.credits)
        ]

    @staticmethod
    def tags_by_name(names: set[str]) -> dict[str, Tag]:
        tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        for name in names - tags.keys():
            tags[name] = Tag.objects.create(name=name)  # Tag.save() makes a unique slug
        return tags

    def update(self, page: RebuttalPage, record: ImportRecord) -> None:
        if page.source_hash == record.digest:
            self.summary.unchanged += 1
            return
        if page.latest_revision_id is not None:
            self.summary.kept_edited += 1
            self.held_warnings.append(
                f"第 {record.line} 行：{record.source_id} 已在后台编辑过，保留编辑的版本"
            )
            return
        page = RebuttalPage.objects.get(pk=page.pk)
        for name, value in self.page_fields(record).items():
            setattr(page, name, value)
        page.sources = self.source_rows(page.pk, record)
        page.corrections = self.correction_rows(page.pk, record)
        page.credits = self.credit_rows(page.pk, record)
        page.tags.set(record.tags)
        page.save()  # commits the child relations and reindexes the page
        enqueue_sync([page.pk])  # and the reader search page's document
        self.summary.updated += 1


def reason_kind(reason: str) -> str:
    """The reason without its details (values, positions, list indices), so that alike
    reasons are counted together in the summary."""
    first = re.split(r"[（：；]| '", reason)[0]
    return re.sub(r"\[\d+\]", "", first).strip()


def insert_pages(pages: list[RebuttalPage]) -> None:
    """Insert new pages in bulk: Django's bulk_create refuses multi-table models, so the
    wagtailcore_page rows go first (bulk_create returns their ids), then one multi-row
    INSERT for the rebuttal rows, each field prepared by its own model field."""
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    bases = [
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
        for page in pages
    ]
    Page.objects.bulk_create(bases)
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.pk
        page._state.adding = False

    # Generated columns (column_date) are computed by the database.
    fields = [field for field in RebuttalPage._meta.local_concrete_fields if not field.generated]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(RebuttalPage._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [field.get_db_prep_save(field.pre_save(page, True), connection) for field in fields]
        for page in pages
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
