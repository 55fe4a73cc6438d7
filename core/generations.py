"""Generation tokens: cached pieces keyed by a token held in the cache are all dropped at once,
in every process that shares the cache, by replacing the token (nothing has to find and delete
each piece). Two users: the site shell (cms/shell.py) and the rendered parts of reader pages
(``content_token``), whose token any published change replaces.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

CONTENT_KEY = "qingyuan:content:generation"


def token(key: str) -> str:
    """The current token under ``key`` (a fresh one when the cache has none)."""
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex[:12], None)
        value = cache.get(key) or "cold"
    return value


def replace(key: str) -> None:
    """Drop everything keyed by the token under ``key``: now, and again when the change
    commits. A reader's view between the two reads the rows as they were before the change, and
    what it caches under the interim token must not outlive the commit."""

    def new_token():
        cache.set(key, uuid.uuid4().hex[:12], None)

    new_token()
    transaction.on_commit(new_token)


def content_token() -> str:
    return token(CONTENT_KEY)


def invalidate_content(**kwargs) -> None:
    """A signal receiver: something readers see changed (a page published, unpublished, moved or
    deleted, a view restriction, an image, site settings), so every rendered part goes."""
    replace(CONTENT_KEY)


def fragment_seconds() -> int:
    """How long a rendered part may live at most; 0 turns the fragment cache off."""
    return settings.PAGE_FRAGMENT_CACHE_SECONDS


def page_fragment_key(page, request) -> str | None:
    """What a live page's rendered parts are cached under: the published version, the site it is
    served on, the day (pages say "recently" about dates) and the content token. None where they
    must be rendered afresh: a preview or a draft (not the live row), or the cache turned off."""
    if not fragment_seconds() or getattr(request, "is_preview", False):
        return None
    if not (page.pk and page.live and page.last_published_at):
        return None
    site = getattr(request, "_wagtail_site", None)
    parts = (
        page.pk,
        page.live_revision_id,
        page.last_published_at.timestamp(),
        site.pk if site else 0,
        timezone.localdate().isoformat(),
        content_token(),
    )
    return ":".join(map(str, parts))


def on_page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate_content()


def connect() -> None:
    """Replace the content token on every change readers see on more than one page."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_content, dispatch_uid="core-content-pages")
    post_delete.connect(on_page_deleted, dispatch_uid="core-content-page-deleted")
    for model in (PageViewRestriction, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(invalidate_content, sender=model, dispatch_uid="core-content")
