"""What happens to a tip: it arrives and is matched, changes status, becomes a rebuttal draft,
is found to be a duplicate; and what that does to the rebuttals it matches (旧谣新炒).

Every status change goes through :func:`change_status`, so the answer date, the handler and the
reply to the sender (debunk.replies) follow whichever screen made the change.
"""

from django.db import transaction
from django.db.models import DateField, F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from wagtail.log_actions import log

from search.drafts import create_draft, draft_target

from .matching import Match, find_matches
from .models import RebuttalPage, Tip, TipMatch, TipPriority, TipStatus
from .models.tips import ANSWERING_STATUSES, OPEN_STATUSES

MATCHES_KEPT = 5
CLAIM_SUMMARY_LENGTH = 75

BUMP_ACTION = "debunk.bump"
TIP_STATUS_ACTION = "debunk.tip.status"


class TipError(Exception):
    """A change that cannot be made (the message says why, in Chinese)."""


# -- arrival ----------------------------------------------------------------------------------


def initial_priority(tip: Tip, matches: list[Match]) -> int:
    """Informants report what spreads locally now: higher. A close match is probably answered
    already: lower. The editor changes it freely."""
    if tip.from_informant:
        return TipPriority.HIGH
    if matches and matches[0].is_close:
        return TipPriority.LOW
    return TipPriority.NORMAL


@transaction.atomic
def receive(tip: Tip, matches: list[Match] | None = None) -> Tip:
    """Store a new tip with the rebuttals it matches; a close match counts as the rumour
    spreading again."""
    if matches is None:
        matches = find_matches(tip.text, limit=MATCHES_KEPT)
    tip.priority = initial_priority(tip, matches)
    tip.save()
    TipMatch.objects.bulk_create(
        TipMatch(tip=tip, rebuttal=match.rebuttal, similarity=match.similarity, rank=rank)
        for rank, match in enumerate(matches[:MATCHES_KEPT])
    )
    if matches and matches[0].is_close:
        count_resurfacing(tip, matches[0].rebuttal)
    return tip


@transaction.atomic
def record_found_by_search(text: str, seen_on: str, matches: list[Match], chosen_id: int) -> Tip:
    """The reader saw the closest rebuttals before sending and said "就是这条": an answered
    tip, without contact details, that counts the rumour as spreading again."""
    chosen = next(match for match in matches if match.rebuttal.pk == chosen_id)
    now = timezone.now()
    tip = Tip(
        text=text,
        seen_on=seen_on,
        answered_by_search=True,
        status=TipStatus.ANSWERED,
        rebuttal=chosen.rebuttal,
        answered_at=now,
        created_at=now,
    )
    receive(tip, matches)
    count_resurfacing(tip, chosen.rebuttal)
    return tip


def count_resurfacing(tip: Tip, rebuttal: RebuttalPage) -> bool:
    """Count ``tip`` once as the rumour of ``rebuttal`` circulating again (a counter and the
    last date, stored on the page row)."""
    if tip.counted_as_resurfacing:
        return False
    day = Value(timezone.localdate(tip.created_at), output_field=DateField())
    RebuttalPage.objects.filter(pk=rebuttal.pk).update(
        resurfaced_count=F("resurfaced_count") + 1,
        resurfaced_on=Greatest(Coalesce("resurfaced_on", day), day),
    )
    Tip.objects.filter(pk=tip.pk).update(counted_as_resurfacing=True)
    tip.counted_as_resurfacing = True
    return True


# -- status -------------------------------------------------------------------------------------


def log_status_change(tip: Tip, user=None) -> None:
    """Wagtail's audit log: who moved which tip to which status (and to which rebuttal)."""
    log(
        instance=tip,
        action=TIP_STATUS_ACTION,
        user=user if user is not None and user.is_authenticated else None,
        data={
            "status": tip.status,
            "label": TipStatus(tip.status).label,
            "rebuttal": tip.rebuttal.title if tip.rebuttal_id else "",
        },
    )


def change_status(tips, status: str, user=None, rebuttal: RebuttalPage | None = None) -> int:
    """Move ``tips`` to ``status``; answered and duplicate need the answering rebuttal (given
    here or already linked). Replies go out after the transaction commits."""
    tips = list(tips)
    if status in ANSWERING_STATUSES:
        missing = [tip for tip in tips if rebuttal is None and tip.rebuttal_id is None]
        if missing:
            raise TipError(f"“{TipStatus(status).label}”需要先指定对应的辟谣文章。")
    now = timezone.now()
    changed = []
    with transaction.atomic():
        for tip in tips:
            if rebuttal is not None:
                tip.rebuttal = rebuttal
            if tip.status == status and rebuttal is None:
                continue
            tip.status = status
            if user is not None and user.is_authenticated:
                # Otherwise (publishing the rebuttal answers its tips) keep who answered.
                tip.handled_by = user
            if status in ANSWERING_STATUSES and tip.answered_at is None:
                tip.answered_at = now
            if status in OPEN_STATUSES:
                tip.answered_at = None
            tip.save(
                update_fields=["status", "rebuttal", "handled_by", "answered_at", "updated_at"]
            )
            log_status_change(tip, user)
            changed.append(tip)
        if status == TipStatus.DUPLICATE:
            for tip in changed:
                count_resurfacing(tip, tip.rebuttal)
        if status in ANSWERING_STATUSES:
            queue_replies([tip.pk for tip in changed])
    return len(changed)


def mark_duplicate(tip: Tip, rebuttal: RebuttalPage, user=None) -> None:
    """The tip asks about a rumour already answered by ``rebuttal``."""
    change_status([tip], TipStatus.DUPLICATE, user, rebuttal=rebuttal)


def queue_replies(tip_ids) -> None:
    from .replies import send_replies_task

    tip_ids = list(tip_ids)
    if tip_ids:
        transaction.on_commit(lambda: send_replies_task.enqueue(tip_ids), robust=True)


def answer_tips_of(rebuttal: RebuttalPage) -> int:
    """A rebuttal started from tips was published: those tips are answered now."""
    waiting = Tip.objects.filter(rebuttal=rebuttal, status__in=OPEN_STATUSES)
    return change_status(waiting.select_related("rebuttal"), TipStatus.ANSWERED)


# -- drafting -----------------------------------------------------------------------------------


def start_rebuttal(tip: Tip, user) -> RebuttalPage:
    """A draft rebuttal with the tip's message as the claim, linked to the tip (now 核查中:
    it is answered when the rebuttal is published). Raises PermissionDenied or
    search.drafts.DraftNotCreated."""
    if tip.rebuttal_id is not None:
        raise TipError("这条线索已经关联了辟谣文章。")
    registration = draft_target(RebuttalPage)
    fields = {
        "claim_summary": " ".join(tip.text.split())[:CLAIM_SUMMARY_LENGTH],
        "seen_on": [tip.seen_on] if tip.seen_on else [],
        "appearance_urls": tip.link,
        "first_seen": timezone.localdate(tip.created_at),
        "region": tip.township,
    }
    with transaction.atomic():
        page = create_draft(registration, user, tip.text, **fields)
        tip.rebuttal = page
        tip.status = TipStatus.TRIAGED
        tip.handled_by = user
        tip.save(update_fields=["rebuttal", "status", "handled_by", "updated_at"])
    return page


# -- bumping ------------------------------------------------------------------------------------


def bump(rebuttal: RebuttalPage, user) -> None:
    """Put a rebuttal back at the top of its column (today's date sorts it, its published date
    stays what readers and search engines see)."""
    today = timezone.localdate()
    RebuttalPage.objects.filter(pk=rebuttal.pk).update(bumped_on=today)
    rebuttal.bumped_on = today
    log(instance=rebuttal, action=BUMP_ACTION, user=user)
