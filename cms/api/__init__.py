"""The public read API (/api/v2/): Wagtail's API v2 for pages, images and documents, the
ClaimReview feed and its exports, and an OpenAPI description (docs/api.md)."""
