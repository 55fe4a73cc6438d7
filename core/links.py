"""Links that leave the site (mails, exports, notifications) start from one configured base URL:
WAGTAILADMIN_BASE_URL, which `make run` sets to the address it serves."""

from urllib.parse import urljoin

from django.conf import settings


def absolute_url(url: str) -> str:
    """``url`` (a path such as a page's ``url``) as an address that works outside the site;
    an address that is already absolute is kept."""
    if url.startswith(("http://", "https://")):
        return url
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", url.lstrip("/"))
