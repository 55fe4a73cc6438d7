"""A published rebuttal answers the tips waiting for it."""

from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished


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


def connect():
    from .models import RebuttalPage

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
