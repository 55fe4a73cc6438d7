"""The Content-Security-Policy, through django-csp: one strict policy for every page, and the
exceptions Wagtail's admin needs (admin_replacements), applied to its paths by CSPMiddleware.

Readers' pages run only our own static scripts, and no nonce: the HTTP cache hands one copy of a
page to every reader for minutes, so a nonce in it would be public, no protection. (JSON-LD
blocks are data, not scripts, and need none.) Nothing comes from another origin except a video
platform's player, framed after the reader presses play (video/embeds.py).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts

from video.embeds import player_origins


def origin(url: str) -> str | None:
    """The scheme://host[:port] of an absolute URL; None for a path such as "/media/"."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def reader_directives(*, static_url: str, media_url: str, report_uri: str | None) -> dict:
    """The policy for every page but the admin's. STATIC_URL and MEDIA_URL may point at our own
    storage on another host (a CDN, object storage); their origins are ours, not a third party's."""
    statics = [o for o in [origin(static_url)] if o]
    media = list(dict.fromkeys(o for o in [origin(static_url), origin(media_url)] if o))
    directives = {
        "default-src": [SELF],
        # Our scripts are static files: no nonce (a cached page shares it), no 'unsafe-inline',
        # no other origin. JSON-LD <script type="application/ld+json"> is data, not run.
        "script-src": [SELF, *statics],
        # Stylesheets are static files. Only the 500 page (never cached) has an inline <style>:
        # django-csp writes a nonce into the header only when a response used one, so no page
        # a cache may keep carries a nonce.
        "style-src": [SELF, *statics, NONCE],
        "img-src": [SELF, *media],
        "media-src": [SELF, *media],
        "font-src": [SELF, *statics],
        "connect-src": [SELF],
        # Only the video platforms we accept, and only once the reader presses play.
        "frame-src": player_origins(),
        "object-src": [NONE],
        "base-uri": [SELF],
        # Wagtail's live preview frames our pages from the admin: same origin only.
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
    if report_uri:
        directives["report-uri"] = [report_uri]
    return directives


def admin_replacements(directives: dict) -> dict:
    """What Wagtail's admin needs beyond the readers' policy, as measured in Chromium
    (tests/browser/test_csp.py); everything else, styles included, stays as strict. Django's
    admin (/django-admin/) needs none of this and keeps the readers' policy."""
    return {
        # Wagtail 8 writes inline <script> elements without a nonce: next to each date and time
        # field (initDateChooser(...)), InlinePanel's set-up, the search promotions form, and the
        # chooser and workflow dialogs whose HTML arrives with scripts in it. (A nonce beside it
        # would make browsers ignore 'unsafe-inline'; script-src has none.) Still no other
        # origin, and object-src, base-uri and form-action stay as strict as the readers'.
        "script-src": [*directives["script-src"], UNSAFE_INLINE],
        # Uploading images shows each one at once from a blob: URL, before the server answers.
        "img-src": [*directives["img-src"], "blob:"],
        # The live preview panel frames the page being edited from our own origin.
        "frame-src": [SELF, *directives["frame-src"]],
    }


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware; under Wagtail's admin URL, the policy with the admin's
    replacements (settings.CONTENT_SECURITY_POLICY_ADMIN_REPLACE)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(reverse("wagtailadmin_home")):
            # A view's own @csp_replace still wins over the admin's.
            admin = settings.CONTENT_SECURITY_POLICY_ADMIN_REPLACE
            parts.replace = {**admin, **(parts.replace or {})}
        return parts
