"""A published rebuttal answers the tips waiting for it; the column's filter counts follow
every rebuttal published, unpublished, moved or deleted, and every view restriction changed."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move


def on_rebuttal_published(sender, instance, **kwargs):
    from . import triage
    from .models import Tip
    from .models.tips import ANSWERING_STATUSES

    triage.answer_tips_of(instance)
    # Tips marked as duplicates of this page while it was still a draft get their reply now.
    owed = Tip.objects.filter(
        rebuttal=instance, status__in=ANSWERING_STATUSES, replied_at__isnull=True
    ).values_list("pk", flat=True)
    triage.queue_replies(owed)


def on_rebuttal_published_feed(sender, instance, **kwargs):
    """Back in the ClaimReview feed: no longer listed as removed."""
    from .models import RemovedClaimReview

    RemovedClaimReview.objects.filter(page_id=instance.pk).delete()


def on_rebuttal_removed(sender, instance, **kwargs):
    """Unpublished or deleted: the feed's removed list names it (a never-published draft
    deleted is not news to anyone)."""
    from .models import RemovedClaimReview

    if kwargs.get("signal") is post_delete and not instance.first_published_at:
        return
    RemovedClaimReview.record(instance.pk)


def refresh_column_facets(paths) -> None:
    """Recount the stored filter choices of the columns at these tree paths."""
    from .models import RebuttalIndexPage

    for column in RebuttalIndexPage.objects.filter(path__in=set(paths)):
        column.refresh_facets()


def on_rebuttal_changed(sender, instance, **kwargs):
    paths = [instance.path[: -instance.steplen]]
    for parent in (kwargs.get("parent_page_before"), kwargs.get("parent_page_after")):
        if parent is not None:
            paths.append(parent.path)
    refresh_column_facets(paths)


def on_restriction_changed(sender, instance, **kwargs):
    # A restriction hides a whole subtree from readers: recount every column (rare, cheap).
    from .models import RebuttalIndexPage

    refresh_column_facets(RebuttalIndexPage.objects.values_list("path", flat=True))


def connect():
    from core.generations import invalidate_content

    from .models import Category, RebuttalPage

    # A category's name is on every page filed under it (core/generations.py).
    for signal in (post_save, post_delete):
        signal.connect(invalidate_content, sender=Category, dispatch_uid="content-category")

    page_published.connect(
        on_rebuttal_published_feed, sender=RebuttalPage, dispatch_uid="debunk-feed-back"
    )
    page_unpublished.connect(
        on_rebuttal_removed, sender=RebuttalPage, dispatch_uid="debunk-feed-unpublished"
    )
    post_delete.connect(
        on_rebuttal_removed, sender=RebuttalPage, dispatch_uid="debunk-feed-deleted"
    )

    page_published.connect(
        on_rebuttal_published, sender=RebuttalPage, dispatch_uid="debunk-answer-tips"
    )
    for signal in (page_published, page_unpublished, post_page_move, post_delete):
        signal.connect(on_rebuttal_changed, sender=RebuttalPage, dispatch_uid="debunk-facets")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed, sender=PageViewRestriction, dispatch_uid="debunk-facets"
        )
