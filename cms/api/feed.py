"""The ClaimReview data feed (/api/v2/claimreviews/) and its exports, for fact-check
aggregators and researchers. The objects come from the rebuttal pages' own JSON-LD builder
(debunk.claim_feed → debunk.structured_data.claim_review)."""

import csv
import datetime
import io
import json

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.dateparse import parse_datetime

from wagtail.models import Site

from rest_framework.response import Response
from rest_framework.views import APIView

from core.protection import spreadsheet_cell
from debunk import claim_feed
from debunk.structured_data import permalink_path

from .views import ConditionalMixin, _Answer, bad_request

FEED_PAGE_SIZE = 50


def _bounded_int(request, name, default, maximum):
    raw = request.GET.get(name, str(default))
    if not raw.isdigit():
        raise _Answer(bad_request(f"{name} must be a positive integer"))
    value = int(raw)
    if value > maximum:
        raise _Answer(bad_request(f"{name} cannot be higher than {maximum}"))
    return value


def _since(request):
    raw = request.GET.get("since")
    if raw is None:
        return None
    since = parse_datetime(raw) if "T" in raw else None
    if since is None:
        try:
            since = datetime.datetime.combine(datetime.date.fromisoformat(raw), datetime.time())
        except ValueError:
            raise _Answer(
                bad_request("since must be a date or date-time like 2025-04-01T08:00:00+08:00")
            ) from None
    if since.tzinfo is None:
        since = since.replace(tzinfo=datetime.UTC)
    return since


class FeedView(ConditionalMixin, APIView):
    """GET /api/v2/claimreviews/?limit=&offset=: published rebuttals as ClaimReview objects,
    oldest id first; ``meta.next`` is the next page's URL (null on the last)."""

    known = {"limit", "offset"}

    def check_parameters(self, request):
        unknown = set(request.GET) - self.known
        if unknown:
            raise _Answer(bad_request(f"unknown query parameter: {', '.join(sorted(unknown))}"))

    def get(self, request):
        self.check_parameters(request)
        limit = _bounded_int(request, "limit", FEED_PAGE_SIZE, settings.WAGTAILAPI_LIMIT_MAX)
        offset = _bounded_int(request, "offset", 0, settings.API_MAX_OFFSET)
        rebuttals = claim_feed.published_rebuttals()
        total = rebuttals.count()
        items = claim_feed.feed_items(request, rebuttals[offset : offset + limit])
        next_url = None
        if offset + limit < total:
            query = request.GET.copy()
            query["offset"] = str(offset + limit)
            query["limit"] = str(limit)
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response(
            {
                "meta": {
                    "total_count": total,
                    "next": next_url,
                    "removed": request.build_absolute_uri("removed/"),
                },
                "items": items,
            }
        )


class RemovedView(FeedView):
    """GET /api/v2/claimreviews/removed/?since=: the ids (``@id``) that left the feed."""

    known = {"since"}

    def get(self, request):
        self.check_parameters(request)
        since = _since(request)
        removed = claim_feed.removed_since(since)
        # The site's own root, as the items' @id (not the host this request came in on).
        site = Site.find_for_request(request)
        root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
        return Response(
            {
                "meta": {"total_count": len(removed := list(removed))},
                "items": [
                    {
                        "@id": root + permalink_path(item.page_id),
                        "removed_at": item.removed_at.isoformat(),
                    }
                    for item in removed
                ],
            }
        )


class ExportView(FeedView):
    """GET /api/v2/claimreviews/export.csv and export.jsonl: every published rebuttal, one
    row each, streamed (constant memory, whatever the size)."""

    known = set()
    cache_seconds = 600
    format = "csv"

    def get(self, request):
        self.check_parameters(request)
        rows = claim_feed.export_rows(request)
        if self.format == "jsonl":
            body = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
            content_type = "application/x-ndjson; charset=utf-8"
        else:
            body = _csv_lines(rows)
            content_type = "text/csv; charset=utf-8"
        response = StreamingHttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="claimreviews.{self.format}"'
        return response


def _csv_lines(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=claim_feed.EXPORT_COLUMNS)
    buffer.write("\ufeff")  # Excel opens UTF-8 Chinese correctly only with a BOM
    writer.writeheader()
    for row in rows:
        writer.writerow({name: spreadsheet_cell(value) for name, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()
