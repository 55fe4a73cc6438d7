"""Page events that change what search should hold: publish, unpublish, move, delete, and a
view restriction added, changed or removed (on the page or an ancestor: the whole section)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import registry
from .models import SearchDocument


def enqueue_sync(page_ids) -> None:
    """Sync after the surrounding transaction commits, so the task sees the published page."""
    from .tasks import sync_pages_task

    page_ids = sorted({int(pk) for pk in page_ids})
    if page_ids:
        transaction.on_commit(lambda: sync_pages_task.enqueue(page_ids), robust=True)


def enqueue_subtree_sync(page_id: int) -> None:
    """Sync a page and everything below it after the transaction commits; the pages are
    looked up then, so a section deleted meanwhile costs nothing."""
    from .tasks import sync_subtree_task

    transaction.on_commit(lambda: sync_subtree_task.enqueue(page_id), robust=True)


def on_publish_or_unpublish(sender, instance, **kwargs):
    if (
        registry.registration_for(instance)
        or SearchDocument.objects.filter(pk=instance.pk).exists()
    ):
        enqueue_sync([instance.pk])


def on_move(sender, instance, **kwargs):
    # New URLs below, and maybe a new privacy: into a restricted section or out of one.
    enqueue_subtree_sync(instance.pk)


def on_view_restriction_change(sender, instance, **kwargs):
    enqueue_subtree_sync(instance.page_id)


def on_delete(sender, instance, **kwargs):
    # The stored document went with the page (cascade); the engine copy goes in the task.
    enqueue_sync([instance.pk])


def on_document_delete(sender, instance, **kwargs):
    # A document deleted with its page (cascade): its rumour's other copies have one fewer.
    if instance.fingerprint:
        from .tasks import sync_copies_task

        fingerprints = [instance.fingerprint]
        transaction.on_commit(lambda: sync_copies_task.enqueue(fingerprints), robust=True)


def connect():
    page_published.connect(on_publish_or_unpublish, dispatch_uid="search-publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="search-unpublish")
    post_page_move.connect(on_move, dispatch_uid="search-move")
    post_delete.connect(on_delete, sender=Page, dispatch_uid="search-delete")
    post_delete.connect(
        on_document_delete, sender=SearchDocument, dispatch_uid="search-document-delete"
    )
    for signal, name in [(post_save, "saved"), (post_delete, "deleted")]:
        signal.connect(
            on_view_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"search-view-restriction-{name}",
        )
