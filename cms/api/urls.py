"""/api/v2/: Wagtail's API router with our public endpoints, the ClaimReview feed and the
OpenAPI description."""

from django.urls import path

from wagtail.api.v2.router import WagtailAPIRouter

from . import feed, openapi
from .views import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet, PublicPagesAPIViewSet

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PublicPagesAPIViewSet)
router.register_endpoint("images", PublicImagesAPIViewSet)
router.register_endpoint("documents", PublicDocumentsAPIViewSet)

urlpatterns = [
    path("openapi.json", openapi.OpenAPIView.as_view(), name="api_openapi"),
    path("claimreviews/", feed.FeedView.as_view(), name="api_claimreviews"),
    path("claimreviews/removed/", feed.RemovedView.as_view(), name="api_claimreviews_removed"),
    path(
        "claimreviews/export.csv",
        feed.ExportView.as_view(format="csv"),
        name="api_claimreviews_csv",
    ),
    path(
        "claimreviews/export.jsonl",
        feed.ExportView.as_view(format="jsonl"),
        name="api_claimreviews_jsonl",
    ),
    path("", router.urls),
]
