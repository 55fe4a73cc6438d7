"""What a change to a page purges from the HTTP cache in front (Varnish, or a CDN).

Wagtail's frontend_cache purges the page itself on publish and unpublish. A reader also sees
the page through every listing above it, so this adds, for publish, unpublish, move and delete:
each ancestor below the root (the column or the series, the section index, the home page) with
its own cached paths (feeds, category routes: ``get_cached_paths``) and the sitemap. Varnish
(deploy/varnish.vcl) treats a purged path as that path with any query string (filters,
pagination), and a path ending in ``*`` as a prefix. The purge runs after the commit, as a
django-tasks job (Wagtail's ``purge_urls_from_cache_task``), ahead of the other jobs of the same
publish (PURGE_PRIORITY).
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete

from wagtail.contrib.frontend_cache import tasks as frontend_cache_tasks
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

# A publish also queues a reference-index job per page it links to and the search index pushes,
# a dozen jobs the worker runs one by one (~60 ms each) while readers still get the old page
# from the cache. The purge is what readers wait for: the worker takes higher priorities first.
PURGE_PRIORITY = 50


def listings_batch(page, batch=None) -> PurgeBatch:
    """The page's ancestors (below the tree's root) and its site's sitemap."""
    batch = batch or PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gt=1).specific())
    site = page.get_site()
    if site is not None:
        batch.add_url(f"{site.root_url}/sitemap.xml")
    return batch


def purging() -> bool:
    """Work out URLs only when a cache is configured (FRONTEND_CACHE_URL, a CDN)."""
    return bool(settings.WAGTAILFRONTENDCACHE)


def purge_after_commit(batch: PurgeBatch) -> None:
    if batch.urls:
        transaction.on_commit(batch.purge)


def on_publish_or_unpublish(sender, instance, **kwargs):
    if not purging():
        return
    purge_after_commit(listings_batch(instance))


def on_move(sender, instance, url_path_before="", parent_page_before=None, **kwargs):
    if not purging():
        return
    batch = PurgeBatch()
    batch.add_page(instance)
    listings_batch(instance, batch)
    if parent_page_before is not None:
        batch.add_page(parent_page_before.specific)
        listings_batch(parent_page_before, batch)
    site = instance.get_site()
    if site is not None and url_path_before.startswith(site.root_page.url_path):
        # The old address and everything under it (the subtree moved with the page).
        old_path = url_path_before[len(site.root_page.url_path) - 1 :]
        batch.add_url(f"{site.root_url}{old_path}*")
    purge_after_commit(batch)


def on_delete(sender, instance, **kwargs):
    if not isinstance(instance, Page) or not instance.live or not purging():
        return
    # URLs are worked out now, while the page and its ancestors still exist.
    batch = PurgeBatch()
    batch.add_page(instance)
    purge_after_commit(listings_batch(instance, batch))


def purge_first() -> None:
    """Wagtail enqueues every purge (its own for the page, ours for the listings) through the
    task in its tasks module, looked up when it purges: the same task, at PURGE_PRIORITY."""
    task = frontend_cache_tasks.purge_urls_from_cache_task
    frontend_cache_tasks.purge_urls_from_cache_task = task.using(priority=PURGE_PRIORITY)


def connect():
    purge_first()
    page_published.connect(on_publish_or_unpublish, dispatch_uid="frontend-cache-publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="frontend-cache-unpublish")
    post_page_move.connect(on_move, dispatch_uid="frontend-cache-move")
    pre_delete.connect(on_delete, dispatch_uid="frontend-cache-delete")
