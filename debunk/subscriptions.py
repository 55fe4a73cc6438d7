"""有结果了告诉我: subscribing, double opt-in, unsubscribing, and the mails, which are all sent
by background tasks (django-tasks; whichever backend TASKS configures), never in a request.

- ``subscribe``: stores the hash of the address only and queues the confirmation mail, whose
  link carries the address, signed;
- ``confirm``: stores the address; confirming twice, or after unsubscribing, changes nothing;
- ``unsubscribe``: deletes the row (the address with it);
- ``waiting_for(rebuttal)``: confirmed "answer" subscriptions whose question the rebuttal
  answers, by the tip form's own similarity (debunk.matching) — the editor who published it
  confirms before ``notify_waiting_readers`` mails them (the admin's 通知等待的读者);
- ``send_weekly_digests``: each category's new rebuttals of the week to its followers
  (``manage.py send_digests`` from cron queues it).
"""

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from django_tasks import task

from core.links import absolute_url

from .matching import SHOW_SIMILARITY, claim_similarity, word_set
from .models import Category, RebuttalPage, Subscription, SubscriptionKind

logger = logging.getLogger(__name__)

CONFIRM_SALT = "debunk.subscriptions.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600
# A rebuttal this close to a reader's question is offered to the editor to notify them.
NOTIFY_SIMILARITY = SHOW_SIMILARITY
DIGEST_DAYS = 7


def address_hash(email: str) -> str:
    """A keyed hash of the normalised address: finds the same reader again without keeping
    the address (a plain hash of an address is easy to reverse with a list of addresses)."""
    normalised = email.strip().casefold().encode()
    return hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256).hexdigest()


def confirm_token(subscription: Subscription, email: str) -> str:
    return signing.dumps({"s": subscription.pk, "e": email}, salt=CONFIRM_SALT, compress=True)


def subscribe(email: str, *, query: str = "", category: Category | None = None) -> Subscription:
    """A new subscription waiting for its confirmation (or the same reader's pending one for
    the same thing), and its confirmation mail queued once the transaction commits."""
    email = email.strip()
    kind = SubscriptionKind.DIGEST if category else SubscriptionKind.ANSWER
    existing = Subscription.objects.filter(
        kind=kind, email_hash=address_hash(email), query=query, category=category
    ).first()
    subscription = existing or Subscription.objects.create(
        kind=kind,
        query=query,
        query_words=" ".join(sorted(word_set(query))) if query else "",
        category=category,
        email_hash=address_hash(email),
        token=secrets.token_urlsafe(32),
    )
    if not subscription.confirmed:
        url = absolute_url(
            reverse("debunk:subscription_confirm", args=[confirm_token(subscription, email)])
        )
        transaction.on_commit(
            lambda: send_confirmation.enqueue(subscription.pk, email, url), robust=True
        )
    return subscription


class ConfirmResult:
    CONFIRMED = "confirmed"
    ALREADY = "already"
    GONE = "gone"
    EXPIRED = "expired"


def confirm(token: str) -> tuple[str, Subscription | None]:
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        return ConfirmResult.EXPIRED, None
    except signing.BadSignature:
        return ConfirmResult.GONE, None
    subscription = Subscription.objects.filter(pk=payload.get("s")).first()
    if subscription is None or subscription.email_hash != address_hash(payload.get("e", "")):
        # Unsubscribed since (the row is gone): confirming again does not bring it back.
        return ConfirmResult.GONE, None
    if subscription.confirmed:
        return ConfirmResult.ALREADY, subscription
    Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now(), email=payload["e"]
    )
    subscription.refresh_from_db()
    return ConfirmResult.CONFIRMED, subscription


def unsubscribe(token: str) -> bool:
    """Delete the subscription (and its address); False when there was none."""
    deleted, _ = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


def unsubscribe_url(subscription: Subscription) -> str:
    return absolute_url(reverse("debunk:unsubscribe", args=[subscription.token]))


def recently_published(days: int = DIGEST_DAYS, limit: int = 10):
    """Rebuttals published in the last ``days``, newest first: those an editor may still want
    to tell waiting readers about."""
    since = timezone.now() - timedelta(days=days)
    return (
        RebuttalPage.objects.live()
        .filter(last_published_at__gte=since)
        .order_by("-last_published_at")
        .defer("body")[:limit]
    )


def waiting_for(rebuttal: RebuttalPage) -> list[Subscription]:
    """Confirmed readers whose question ``rebuttal`` answers and who were not told yet.
    Only the stored words are read: no segmentation per subscription."""
    matched = []
    for subscription in Subscription.objects.filter(
        kind=SubscriptionKind.ANSWER, confirmed_at__isnull=False
    ).only("id", "query_words", "notified_pages"):
        if rebuttal.pk in subscription.notified_pages:
            continue
        words = frozenset(subscription.query_words.split())
        if claim_similarity(words, rebuttal) >= NOTIFY_SIMILARITY:
            matched.append(subscription)
    return matched


def _send(subscription_or_none, email: str, subject_template: str, body_template: str, context):
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = " ".join(render_to_string(subject_template, context).split())
    headers = {}
    if subscription_or_none is not None:
        url = unsubscribe_url(subscription_or_none)
        context["unsubscribe_url"] = url
        # One-click unsubscribe in the mail client (RFC 8058): it POSTs to this address.
        headers = {
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    body = render_to_string(body_template, context)
    EmailMessage(subject, body, None, [email], headers=headers).send()


@task()
def send_confirmation(subscription_id: int, email: str, confirm_url: str) -> bool:
    subscription = (
        Subscription.objects.filter(pk=subscription_id).select_related("category").first()
    )
    if subscription is None or subscription.confirmed:
        return False
    _send(
        None,
        email,
        "debunk/subscriptions/confirm_subject.txt",
        "debunk/subscriptions/confirm_email.txt",
        {"subscription": subscription, "confirm_url": confirm_url},
    )
    return True


@task()
def notify_waiting_readers(page_id: int, subscription_ids: list[int]) -> int:
    """Mail each still-subscribed reader of ``subscription_ids`` the live rebuttal's link, once."""
    rebuttal = RebuttalPage.objects.live().filter(pk=page_id).first()
    if rebuttal is None:
        return 0
    sent = 0
    for subscription in Subscription.objects.filter(
        pk__in=subscription_ids, kind=SubscriptionKind.ANSWER, confirmed_at__isnull=False
    ):
        if page_id in subscription.notified_pages:
            continue
        _send(
            subscription,
            subscription.email,
            "debunk/subscriptions/answer_subject.txt",
            "debunk/subscriptions/answer_email.txt",
            {"subscription": subscription, "rebuttal": rebuttal, "url": absolute_url(rebuttal.url)},
        )
        subscription.notified_pages = [*subscription.notified_pages, page_id]
        subscription.last_sent_at = timezone.now()
        subscription.save(update_fields=["notified_pages", "last_sent_at"])
        sent += 1
    logger.info("told %d readers about rebuttal %d", sent, page_id)
    return sent


@task()
def send_weekly_digests() -> int:
    """Each category's rebuttals published in the last week, to its confirmed followers who
    were not sent a digest in that time. One query per category with followers."""
    now = timezone.now()
    since = now - timedelta(days=DIGEST_DAYS)
    followers = Subscription.objects.filter(
        kind=SubscriptionKind.DIGEST, confirmed_at__isnull=False
    ).exclude(last_sent_at__gt=since + timedelta(hours=1))
    sent = 0
    for category in Category.objects.filter(subscriptions__in=followers).distinct():
        rebuttals = list(
            RebuttalPage.objects.live()
            .public()
            .filter(category=category, last_published_at__gte=since)
            .order_by("-published_date")
            .only("id", "title", "url_path", "verdict", "claim_summary")
        )
        if not rebuttals:
            continue
        items = [(page, absolute_url(page.url)) for page in rebuttals]
        for subscription in followers.filter(category=category):
            _send(
                subscription,
                subscription.email,
                "debunk/subscriptions/digest_subject.txt",
                "debunk/subscriptions/digest_email.txt",
                {"subscription": subscription, "category": category, "items": items},
            )
            Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
            sent += 1
    return sent
