from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from debunk.views import permalink as rebuttal_permalink
from debunk.views import share_image

from .api import urls as api_urls
from .views import ThrottledLoginView, manifest, robots_txt, root_icon

# Our 500 page keeps its styles inline (nothing else to fail) and so needs the CSP nonce (its
# own: a 5xx is never cached).
handler500 = "cms.views.server_error"

urlpatterns = [
    # Wagtail's login with limits on failures; first, so it answers under Wagtail's URL name.
    path("admin/login/", ThrottledLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("manifest.webmanifest", manifest, name="manifest"),
    path("favicon.ico", root_icon("favicon.ico", "image/x-icon")),
    path("apple-touch-icon.png", root_icon("apple-touch-icon.png", "image/png")),
    path("search/", include("search.urls")),
    path("tips/", include("debunk.urls")),
    # The public read API, its ClaimReview feed and OpenAPI description (docs/api.md).
    path("api/v2/", include(api_urls)),
    # A rebuttal's permanent address: the ClaimReview @id, whatever its slug becomes.
    path("r/<int:pk>/", rebuttal_permalink, name="rebuttal_permalink"),
    path("share/<int:page_id>-<slug:key>.png", share_image, name="share_image"),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    def serve_media(request, path):
        # MEDIA_ROOT read per request, so tests that point it elsewhere are served too.
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media)]

urlpatterns += [path("", include(wagtail_urls))]
