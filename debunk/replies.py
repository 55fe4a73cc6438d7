"""Telling the sender: when a tip is answered or found to be a duplicate, whoever left an
e-mail address (or the informant, through their account) gets the rebuttal's link, once."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from django_tasks import task

from core.links import absolute_url

from .models import Tip
from .models.tips import ANSWERING_STATUSES

logger = logging.getLogger(__name__)


def reply_for(tip: Tip) -> tuple[str, str]:
    """Subject and body of the reply to ``tip``."""
    context = {
        "tip": tip,
        "rebuttal": tip.rebuttal,
        "url": absolute_url(tip.rebuttal.url or ""),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = render_to_string("debunk/tips/reply_subject.txt", context).strip()
    body = render_to_string("debunk/tips/reply_email.txt", context)
    return " ".join(subject.split()), body


def send_replies(tip_ids) -> int:
    """Send the replies still owed for these tips; returns how many went out. A tip whose
    rebuttal is not live yet waits: publishing the rebuttal sends it (debunk.signals)."""
    tips = Tip.objects.filter(
        pk__in=list(tip_ids),
        status__in=ANSWERING_STATUSES,
        replied_at__isnull=True,
        rebuttal__live=True,
    ).select_related("rebuttal", "submitter")
    sent = 0
    for tip in tips:
        address = tip.reply_address
        if not address:
            continue
        subject, body = reply_for(tip)
        send_mail(subject, body, None, [address])
        Tip.objects.filter(pk=tip.pk).update(replied_at=timezone.now())
        sent += 1
    return sent


@task()
def send_replies_task(tip_ids: list[int]) -> int:
    try:
        return send_replies(tip_ids)
    except Exception:
        logger.exception("replies to tips %s failed", tip_ids)
        raise
