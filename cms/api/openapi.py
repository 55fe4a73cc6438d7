"""The OpenAPI 3.1 description of the public API, at the stable /api/v2/openapi.json.

Built from the endpoints themselves (each page type's fields are read from its ``api_fields``),
so a field added to a model appears here without editing this file."""

from django.conf import settings

from wagtail.models import get_page_models

from rest_framework.response import Response
from rest_framework.views import APIView

from debunk.verdicts import Verdict

from .views import ConditionalMixin, PublicPagesAPIViewSet, ReaderFilters

ERROR = {"$ref": "#/components/responses/Error"}
TOO_MANY = {"$ref": "#/components/responses/TooMany"}


def _param(name, description, schema=None, where="query"):
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _listing_params():
    return [
        _param("limit", f"items per page (≤ {settings.WAGTAILAPI_LIMIT_MAX})", {"type": "integer"}),
        _param("offset", f"items to skip (≤ {settings.API_MAX_OFFSET})", {"type": "integer"}),
        _param("fields", "fields to add (name), remove (-name), all (*) or none (_)"),
        _param("order", "a field to order by, -field for descending, or random"),
    ]


def _responses(description):
    return {
        "200": {"description": description},
        "304": {"description": "not modified (If-None-Match / If-Modified-Since matched)"},
        "400": ERROR,
        "429": TOO_MANY,
    }


def page_types():
    types = {}
    for model in get_page_models():
        if not getattr(model, "api_fields", None):
            continue
        name = f"{model._meta.app_label}.{model.__name__}"
        types[name] = {
            "type": "object",
            "description": str(model._meta.verbose_name),
            "properties": {
                field: {} for field in PublicPagesAPIViewSet.get_available_fields(model)
            },
        }
    return types


def description(request) -> dict:
    page_filters = [
        _param("type", "page type, e.g. debunk.RebuttalPage, video.VideoEpisodePage"),
        _param("child_of", "id of the parent page", {"type": "integer"}),
        _param("descendant_of", "id of an ancestor page", {"type": "integer"}),
        _param("search", "Chinese full-text search (Simplified or Traditional)"),
        _param("category", "category slug (type=debunk.RebuttalPage)"),
        _param("verdict", "verdict (type=debunk.RebuttalPage)", {"enum": Verdict.values}),
        _param("region", "exact region (type=debunk.RebuttalPage)"),
        _param("date_from", "published on or after (YYYY-MM-DD)", {"format": "date"}),
        _param("date_to", "published on or before (YYYY-MM-DD)", {"format": "date"}),
    ]
    assert {p["name"] for p in page_filters} >= set(ReaderFilters.PARAMETERS)
    detail = [_param("id", "object id", {"type": "integer"}, where="path")]
    paths = {
        "/api/v2/pages/": {
            "get": {
                "summary": "published pages (rebuttals, video episodes, campaigns …)",
                "parameters": _listing_params() + page_filters,
                "responses": _responses("meta.total_count and items"),
            }
        },
        "/api/v2/pages/{id}/": {
            "get": {
                "summary": "one published page",
                "parameters": detail,
                "responses": _responses("the page with every field"),
            }
        },
        "/api/v2/images/": {
            "get": {
                "summary": "images",
                "parameters": _listing_params(),
                "responses": _responses("meta.total_count and items"),
            }
        },
        "/api/v2/images/{id}/": {
            "get": {"summary": "one image", "parameters": detail, "responses": _responses("image")}
        },
        "/api/v2/documents/": {
            "get": {
                "summary": "documents",
                "parameters": _listing_params(),
                "responses": _responses("meta.total_count and items"),
            }
        },
        "/api/v2/documents/{id}/": {
            "get": {
                "summary": "one document",
                "parameters": detail,
                "responses": _responses("document"),
            }
        },
        "/api/v2/claimreviews/": {
            "get": {
                "summary": "every published rebuttal as a schema.org ClaimReview, id order",
                "parameters": _listing_params()[:2],
                "responses": _responses("meta (total_count, next, removed) and items"),
            }
        },
        "/api/v2/claimreviews/removed/": {
            "get": {
                "summary": "ids (@id) of ClaimReviews that left the feed",
                "parameters": [_param("since", "removed at or after", {"format": "date-time"})],
                "responses": _responses("items with @id and removed_at"),
            }
        },
        "/api/v2/claimreviews/export.csv": {
            "get": {
                "summary": "all ClaimReviews as CSV (UTF-8 with BOM)",
                "responses": _responses("CSV"),
            }
        },
        "/api/v2/claimreviews/export.jsonl": {
            "get": {"summary": "all ClaimReviews as JSON lines", "responses": _responses("JSONL")}
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME} API",
            "version": "2",
            "description": "Read-only, published content only. See docs/api.md.",
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": paths,
        "components": {
            "schemas": page_types(),
            "responses": {
                "Error": {
                    "description": "bad input; message says why",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"message": {"type": "string"}},
                            }
                        }
                    },
                },
                "TooMany": {
                    "description": "over the per-client limit; see the Retry-After header",
                },
            },
        },
    }


class OpenAPIView(ConditionalMixin, APIView):
    def get(self, request):
        return Response(description(request))
