"""The site's URLs plus one failing view, for the proxy's never-store-an-error test."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


def overloaded(request):
    # A view that (wrongly) calls its error public: neither Django nor Varnish may keep it.
    return HttpResponse("稍后再试", status=503, headers={"Cache-Control": "public, max-age=600"})


urlpatterns = [path("overloaded/", overloaded), *site_urlpatterns]
