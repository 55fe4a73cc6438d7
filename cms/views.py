"""Views outside the page tree: the CSRF failure page, the admin login with its limits, and
the files at the site's root (robots.txt, the manifest, icons)."""

import logging
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from wagtail.admin.views.account import LoginView
from wagtail.models import Site

from core.ratelimit import by_address, by_username, client_ip, hit, too_many_requests, used_up

# Failed and refused admin logins, for whoever watches the logs (or fail2ban).
security_log = logging.getLogger("cms.security")

USERNAME_LOGGED_LENGTH = 150


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (cookies blocked, a page left open for days)."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


class ThrottledLoginView(LoginView):
    """Wagtail's admin login, refusing password guessing: after ADMIN_LOGIN_FAILURES_PER_IP
    failures from one address, or ADMIN_LOGIN_FAILURES_PER_USERNAME on one account name from
    anywhere, within ADMIN_LOGIN_WINDOW_SECONDS, every attempt (the right password too) gets a
    429 until the window ends. Only failures count. Served at /admin/login/ under Wagtail's URL
    name (cms/urls.py)."""

    def limits(self, username: str):
        window = settings.ADMIN_LOGIN_WINDOW_SECONDS
        return [
            ("admin-login-address", settings.ADMIN_LOGIN_FAILURES_PER_IP, window, by_address),
            (
                "admin-login-username",
                settings.ADMIN_LOGIN_FAILURES_PER_USERNAME,
                window,
                by_username(username),
            ),
        ]

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        for group, limit, window, key in self.limits(username):
            refusal = used_up(request, group, limit, window, key=key)
            if refusal is not None:
                self.log("refused (too many failures)", username)
                return self.refuse(username, refusal)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        username = self.request.POST.get("username", "")
        for group, limit, window, key in self.limits(username):
            hit(self.request, group, limit, window, key=key)
        self.log("failed", username)
        return super().form_invalid(form)

    def refuse(self, username: str, refusal):
        notice = f"登录失败次数太多，请约 {refusal.retry_after_minutes} 分钟后再试。"
        messages.error(self.request, notice)  # the login page shows messages above the form
        # An unbound form: the password sent is never checked.
        form = self.get_form_class()(self.request, initial={"username": username})
        context = self.get_context_data(form=form)
        return too_many_requests(
            self.request, self.get_template_names(), context, refusal, notice=notice
        )

    def log(self, outcome: str, username: str):
        security_log.warning(
            "Admin login %s: username %r from %s",
            outcome,
            username[:USERNAME_LOGGED_LENGTH],
            client_ip(self.request),
        )


def server_error(request):
    """Django's default 500 view, plus the Content-Security-Policy nonce for the page's inline
    styles. Still no context processors or base template: they may be what failed."""
    nonce = getattr(request, "csp_nonce", "")
    html = loader.get_template("500.html").render({"csp_nonce": nonce})
    return HttpResponseServerError(html)


# What browsers and crawlers ask for at the site's root, served by Django so they answer on any
# deployment (the HTTP cache in front keeps them).
ICONS = Path(__file__).resolve().parent / "static" / "cms" / "img"
ROOT_FILE_MAX_AGE = 86400


def _cached(response):
    response["Cache-Control"] = f"public, max-age={ROOT_FILE_MAX_AGE}"
    return response


@require_GET
def robots_txt(request):
    """Crawlers may read every public page, not the admin, the reader forms or search results;
    the sitemap is named at the site's configured address (SITE_URL)."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tips/",
        "Disallow: /search/",
        "Disallow: /share/",
        f"Sitemap: {root}{reverse('sitemap')}",
        "",
    ]
    return _cached(HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8"))


@require_GET
def manifest(request):
    """The web app manifest: a reader can add the site to the home screen."""
    icons = [
        {"src": static("cms/img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("cms/img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("cms/img/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "name": settings.WAGTAIL_SITE_NAME,
        "short_name": settings.WAGTAIL_SITE_NAME[:6],
        "lang": "zh-Hans",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f5f6f8",
        "theme_color": "#b4121b",
        "icons": icons,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return _cached(response)


def root_icon(file_name: str, content_type: str):
    """/favicon.ico and /apple-touch-icon.png, which browsers ask for without a link."""

    @require_GET
    def view(request):
        return _cached(FileResponse((ICONS / file_name).open("rb"), content_type=content_type))

    return view
