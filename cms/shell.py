"""The site shell (header with the main menu, footer, site settings) is the same on every page:
rendered once and kept in the cache, and dropped whenever something it shows changes.

Every cached piece is keyed by a *generation* token held in the cache; a change (site settings
saved, a site edited, a section under a site root published, unpublished, moved or deleted)
replaces the token, so the next request renders afresh. With ``REDIS_URL`` the token is shared
by every process; with the local-memory default each process holds its own, and another
process's copy lasts at most ``SHELL_CACHE_SECONDS``.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.generations import invalidate_content, replace, token

GENERATION_KEY = "qingyuan:shell:generation"
# The site lookup's own token: site settings (whose first read creates their row) leave it be.
SITES_GENERATION_KEY = "qingyuan:shell:sites-generation"


def seconds() -> int:
    return settings.SHELL_CACHE_SECONDS


def generation(key=GENERATION_KEY) -> str:
    """The current token (a fresh one when the cache has none)."""
    return token(key)


def invalidate(**kwargs) -> None:
    """Drop every cached piece of the shell (by replacing the generation token)."""
    replace(GENERATION_KEY)


def invalidate_sites(**kwargs) -> None:
    """Drop the cached site lookups (a Site or a site's home page changed), and the shell."""
    replace(SITES_GENERATION_KEY)
    invalidate()


def site_key(request) -> str:
    """What the shell of this request is cached under: its site and the generation."""
    site = Site.find_for_request(request) if request is not None else None
    return f"{site.pk if site else 0}-{generation()}"


def cached_site_setting(model, site):
    """``model.for_site(site)`` from the cache (one query per generation, not per request)."""

    def key():
        return f"qingyuan:shell:{model._meta.label_lower}:{site.pk}:{generation()}"

    instance = cache.get(key())
    if instance is None:
        instance = model.for_site(site)  # may create the row, which starts a new generation
        cache.set(key(), instance, seconds())
    return instance


def find_site(request):
    """Wagtail's ``Site.find_for_request`` from the cache: one cache read per request instead of
    a query, and the site's home page already specific (Wagtail's router asks for it next).
    Keyed by a token that a saved or deleted Site or a change to a site's home page replaces."""
    hostname = split_domain_port(request._get_raw_host())[0]
    token = generation(SITES_GENERATION_KEY)
    key = f"qingyuan:shell:site:{hostname}:{request.get_port()}:{token}"
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is None:
            return None
        site.root_page = site.root_page.specific
        cache.set(key, site, seconds())
    return site


class SiteLookupMiddleware:
    """Sets the request's site (where Wagtail keeps it, ``request._wagtail_site``) from
    ``find_site``. After CommonMiddleware: only allowed hosts reach the cache's keys."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = find_site(request)
        return self.get_response(request)


# Site roots sit at depth 2 (Wagtail's tree root is depth 1); the menu lists their children.
SHELL_DEPTH = 3


def on_page_changed(sender, instance, **kwargs):
    """Only a change to a site's root page or to one of its children touches the shell."""
    if not isinstance(instance, Page) or instance.depth > SHELL_DEPTH:
        return
    roots = set(Site.objects.values_list("root_page__path", flat=True))
    if instance.path in roots:
        invalidate_sites()
    elif instance.path[: -instance.steplen] in roots:
        invalidate()


def on_root_saved(sender, instance, **kwargs):
    """A home page saved without publishing (a script, a test) must not leave the cached site's
    copy of it stale."""
    is_root = isinstance(instance, Page) and instance.depth < SHELL_DEPTH
    if is_root and Site.objects.filter(root_page_id=instance.pk).exists():
        invalidate_sites()


def on_restriction_changed(sender, instance, **kwargs):
    """A view restriction on a menu section (or the home page) hides it from the menu."""
    page = Page.objects.filter(pk=instance.page_id).only("path", "depth").first()
    if page is not None:
        on_page_changed(sender, page)


def connect():
    from .models import SiteSettings

    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed, sender=PageViewRestriction, dispatch_uid="shell-restrictions"
        )
    for signal in (post_save, post_delete):
        signal.connect(invalidate, sender=SiteSettings, dispatch_uid="shell-SiteSettings")
        # Pages show the organisation's name too (their share cards and structured data).
        signal.connect(invalidate_content, sender=SiteSettings, dispatch_uid="content-settings")
        signal.connect(invalidate_sites, sender=Site, dispatch_uid="shell-Site")
    for signal in (page_published, page_unpublished, post_page_move, post_delete):
        signal.connect(on_page_changed, dispatch_uid="shell-pages")
    post_save.connect(on_root_saved, dispatch_uid="shell-root-saved")
