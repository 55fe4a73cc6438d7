"""A published rebuttal answers the tips waiting for it."""

from wagtail.signals import page_published


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


def connect():
    from .models import RebuttalPage

    page_published.connect(
        on_rebuttal_published, sender=RebuttalPage, dispatch_uid="debunk-answer-tips"
    )
