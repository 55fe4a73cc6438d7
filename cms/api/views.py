"""The public read API's endpoints: Wagtail's API v2 viewsets, narrowed for anonymous readers.

What every endpoint adds to Wagtail's (``PublicEndpointMixin``):
- a per-client rate limit (core.ratelimit) answering 429 with Retry-After;
- ETag and Last-Modified from the site's change stamp (``content_version``), checked before
  any work, so a client that already holds the answer gets a 304 for two indexed queries;
- ``Cache-Control: public`` so the HTTP cache in front can keep answers between publishes;
- bounded pages: ``limit`` up to WAGTAILAPI_LIMIT_MAX, ``offset`` up to API_MAX_OFFSET (400
  past either, with a message).

The pages endpoint only ever starts from Wagtail's public pages queryset (live, outside view
restrictions, on this site): drafts, pages in review (their edits live in revisions, not in
the rows read here) and every non-page model (tips, submissions, subscriptions, users) are
out of reach of ``type=``, ``child_of``, ``fields=*`` and ``search``.
"""

import hashlib

from django.conf import settings
from django.db.models import Case, IntegerField, Max, Value, When, prefetch_related_objects
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from wagtail.api.v2.filters import (
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import ModelLogEntry, PageLogEntry

from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.ratelimit import by_address, hit
from debunk.models import Category, RebuttalPage
from debunk.verdicts import Verdict
from search import backends
from search import text as search_text
from search.backends.base import SearchRequest

# At most this many search hits are considered for ?search= (best first).
SEARCH_MAX_HITS = 200


def content_version():
    """When anything readers can see last changed: the newest entry of Wagtail's audit logs
    (publish, unpublish, move, delete, view restrictions, image and document edits). Two
    queries on the indexed timestamp, whatever the site holds."""
    stamps = [
        PageLogEntry.objects.aggregate(at=Max("timestamp"))["at"],
        ModelLogEntry.objects.aggregate(at=Max("timestamp"))["at"],
    ]
    stamps = [stamp for stamp in stamps if stamp]
    return max(stamps) if stamps else None


def rate_limited(request):
    """A 429 with Retry-After once the client went over API_REQUESTS_PER_IP in the window."""
    refusal = hit(
        request,
        "api",
        settings.API_REQUESTS_PER_IP,
        settings.API_WINDOW_SECONDS,
        key=by_address,
    )
    if refusal is None:
        return None
    response = Response(
        {
            "message": (
                f"too many requests: at most {refusal.limit} per {refusal.window} seconds "
                f"from one address; retry after {refusal.retry_after} seconds"
            )
        },
        status=429,
    )
    response["Retry-After"] = str(refusal.retry_after)
    return response


def bad_request(message: str) -> Response:
    return Response({"message": message}, status=400)


class ConditionalMixin:
    """ETag/Last-Modified from the change stamp, 304 before any work, cacheable answers."""

    cache_seconds = 60

    def validators(self, request):
        changed = content_version()
        # Today's date too: a campaign's status moves at midnight without any edit.
        seed = f"{changed.isoformat() if changed else '-'}|{timezone.localdate()}|"
        seed += request.get_full_path()
        etag = '"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'
        return etag, changed

    def dispatch(self, request, *args, **kwargs):
        self._validators = None
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refused = rate_limited(request)
        if refused is not None:
            raise _Answer(refused)
        etag, changed = self._validators = self.validators(request)
        last_modified = int(changed.timestamp()) if changed else None
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=None
        )
        if not_modified is not None:
            raise _Answer(Response(status=304))

    def handle_exception(self, exc):
        if isinstance(exc, _Answer):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
            if self._validators:
                etag, changed = self._validators
                response["ETag"] = etag
                if changed:
                    response["Last-Modified"] = http_date(changed.timestamp())
            patch_cache_control(response, public=True, max_age=self.cache_seconds)
        return response


class _Answer(Exception):  # noqa: N818 - a response to return early, not an error
    def __init__(self, response):
        self.response = response


class BoundedPagesMixin:
    """400 for offsets past API_MAX_OFFSET: deep pages cost the database a scan each."""

    def paginate_queryset(self, queryset):
        offset = self.request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > settings.API_MAX_OFFSET:
            raise BadRequestError(
                f"offset cannot be higher than {settings.API_MAX_OFFSET}; "
                "narrow the query with filters (type, category, verdict, date) instead"
            )
        return super().paginate_queryset(queryset)


class PublicEndpointMixin(ConditionalMixin, BoundedPagesMixin):
    renderer_classes = [JSONRenderer]


class ReaderFieldsFilter(FieldsFilter):
    """Wagtail's exact-match field filters, except those ``ReaderFilters`` reads itself."""

    def filter_queryset(self, request, queryset, view):
        return super().filter_queryset(_without(request, ReaderFilters.PARAMETERS), queryset, view)


def _without(request, names):
    class _Request:
        GET = request.GET.copy()

    for name in names:
        _Request.GET.pop(name, None)
    return _Request


class ReaderFilters:
    """category (slug), verdict (checked against the scale), date_from/date_to (rebuttals: the
    published date; other pages: first published). category and verdict need
    ``type=debunk.RebuttalPage``."""

    PARAMETERS = ("category", "verdict", "date_from", "date_to")

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        rebuttals = issubclass(queryset.model, RebuttalPage)
        for name in ("category", "verdict"):
            if name in params and not rebuttals:
                raise BadRequestError(f"filter '{name}' needs type=debunk.RebuttalPage")
        if "verdict" in params:
            if params["verdict"] not in Verdict.values:
                raise BadRequestError(
                    f"unknown verdict '{params['verdict']}'; one of: {', '.join(Verdict.values)}"
                )
            queryset = queryset.filter(verdict=params["verdict"])
        if "category" in params:
            category = Category.objects.filter(slug=params["category"]).first()
            if category is None:
                raise BadRequestError(f"unknown category '{params['category']}'")
            queryset = queryset.filter(category=category)
        date_field = "published_date" if rebuttals else "first_published_at__date"
        for name, lookup in (("date_from", "gte"), ("date_to", "lte")):
            if name in params:
                try:
                    day = _date(params[name])
                except ValueError as error:
                    raise BadRequestError(f"{name} must be a date like 2025-04-01") from error
                queryset = queryset.filter(**{f"{date_field}__{lookup}": day})
        return queryset


def _date(value):
    import datetime

    return datetime.date.fromisoformat(value)


class ChineseSearchFilter:
    """``?search=`` through our own Chinese search (search.backends: the database or the
    engine, whichever readers use), not Wagtail's admin search backend. Results keep the
    search's order unless ``order`` is given."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("search")
        if raw is None:
            return queryset
        raw = search_text.strip_control(raw).strip()
        if len(raw) > settings.SEARCH_MAX_QUERY_LENGTH:
            raise BadRequestError(
                f"search is too long ({len(raw)} characters, "
                f"at most {settings.SEARCH_MAX_QUERY_LENGTH})"
            )
        prepared = search_text.prepare_query(raw)
        if prepared.is_empty:
            raise BadRequestError("search has no words to look for")
        results = backends.search(SearchRequest(prepared, {}, 1, SEARCH_MAX_HITS))
        ids = [hit.page_id for hit in results.hits]
        queryset = queryset.filter(pk__in=ids)
        if "order" not in request.GET:
            rank = Case(
                *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)],
                default=Value(len(ids)),
                output_field=IntegerField(),
            )
            queryset = queryset.order_by(rank, "pk")
        return queryset


class PublicPagesAPIViewSet(PublicEndpointMixin, PagesAPIViewSet):
    filter_backends = [
        ReaderFieldsFilter,
        ReaderFilters,
        ChildOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        ChineseSearchFilter,  # last: it orders by relevance
    ]
    # Wagtail's ancestor_of, translation_of, locale and search_operator are left out: one
    # locale, and search has its own operators.
    known_query_parameters = (
        PagesAPIViewSet.known_query_parameters.difference(
            {"ancestor_of", "translation_of", "locale", "search_operator", "format"}
        )
    ).union(ReaderFilters.PARAMETERS)

    def get_queryset(self):
        queryset = super().get_queryset()
        model = queryset.model
        # Each page type names what its API fields read, so a listing costs the same number of
        # queries whatever its size.
        # The locale is a meta field of every page (fields=*).
        queryset = queryset.select_related("locale", *getattr(model, "api_select_related", ()))
        if related := getattr(model, "api_prefetch_related", None):
            queryset = queryset.prefetch_related(*related)
        if "order" not in self.request.GET and "search" not in self.request.GET:
            queryset = queryset.order_by("-first_published_at", "-pk")
        return queryset

    def get_object(self):
        page = super().get_object()
        # One query per relation the fields read, each read once (e.g. corrections serve both
        # ``corrections`` and ``last_corrected``).
        prefetch_related_objects([page], *getattr(type(page), "api_prefetch_related", ()))
        return page


class PublicImagesAPIViewSet(PublicEndpointMixin, ImagesAPIViewSet):
    known_query_parameters = ImagesAPIViewSet.known_query_parameters.difference(
        {"search", "search_operator", "format"}
    )
    filter_backends = [ReaderFieldsFilter, OrderingFilter]

    def get_queryset(self):
        # Images in a collection with a view restriction stay out of the listing.
        return super().get_queryset().filter(collection__view_restrictions__isnull=True)


class PublicDocumentsAPIViewSet(PublicEndpointMixin, DocumentsAPIViewSet):
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters.difference(
        {"search", "search_operator", "format"}
    )
    filter_backends = [ReaderFieldsFilter, OrderingFilter]

    def get_queryset(self):
        # Documents in a collection with a view restriction (login, password) stay private.
        return super().get_queryset().filter(collection__view_restrictions__isnull=True)
