"""Admin actions on tips and the rebuttals they match: start a rebuttal, mark as a duplicate,
bump a rebuttal to the top of the column, see a private screenshot, and the tip figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.admin_listing import parse_id
from core.file_responses import file_response
from core.tiles import Tile
from search.drafts import DraftNotCreated

from . import charts, figures, subscriptions, triage
from .models import RebuttalPage, Tip


def require_tip_permission(user, action: str) -> None:
    if not user.has_perm(f"debunk.{action}_tip"):
        raise PermissionDenied


def tip_edit_url(tip: Tip) -> str:
    return reverse("wagtailsnippets_debunk_tip:edit", args=[tip.pk])


@require_POST
def start_rebuttal(request, pk: int):
    """A draft rebuttal from this tip, opened in the editor."""
    require_tip_permission(request.user, "change")
    tip = get_object_or_404(Tip, pk=pk)
    try:
        page = triage.start_rebuttal(tip, request.user)
    except triage.TipError as error:
        messages.error(request, str(error))
        return redirect(tip_edit_url(tip))
    except DraftNotCreated as error:
        messages.error(request, f"无法自动创建草稿（{error}），请在捉谣记栏目中手动新建。")
        return redirect(tip_edit_url(tip))
    messages.success(
        request, f"已根据线索创建辟谣草稿“{page.title}”；发布后，线索自动标记为已答复。"
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def mark_duplicate(request, pk: int):
    """The tip asks about a rumour an existing rebuttal answers (the button names which)."""
    require_tip_permission(request.user, "change")
    tip = get_object_or_404(Tip, pk=pk)
    rebuttal_id = parse_id(request.POST.get("duplicate_of", ""))
    if rebuttal_id is None:
        messages.error(request, "请选择这条线索重复的辟谣文章。")
        return redirect(tip_edit_url(tip))
    rebuttal = RebuttalPage.objects.filter(pk=rebuttal_id).first()
    if rebuttal is None:
        messages.error(request, "找不到这篇辟谣文章，可能已被删除。")
        return redirect(tip_edit_url(tip))
    triage.mark_duplicate(tip, rebuttal, request.user)
    note = "，并已把辟谣链接发给读者" if tip.reply_address and rebuttal.live else ""
    messages.success(request, f"已标记为重复线索（对应辟谣：{rebuttal.title}）{note}。")
    return redirect(tip_edit_url(tip))


def bump(request, page_id: int):
    """Confirm (GET) and put a rebuttal back at the top of its column (POST)."""
    rebuttal = get_object_or_404(RebuttalPage, pk=page_id)
    if not rebuttal.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    if request.method == "POST":
        triage.bump(rebuttal, request.user)
        messages.success(request, f"“{rebuttal.title}”已重新置顶到栏目最前。")
        if next_url:
            return redirect(next_url)
        return redirect("wagtailadmin_pages:edit", rebuttal.pk)
    return TemplateResponse(
        request,
        "debunk/admin/bump_confirm.html",
        {"rebuttal": rebuttal, "next_url": next_url},
    )


def tip_screenshot(request, pk: int):
    """The screenshot of a tip, for those who may see tips (it is in private storage)."""
    require_tip_permission(request.user, "view")
    tip = get_object_or_404(Tip, pk=pk)
    if not tip.screenshot:
        raise Http404("这条线索没有截图")
    return file_response(request, tip.screenshot, cache_control="private, no-store")


def tip_figures(request):
    """The report page: the dashboard's figures over a chosen period, as charts."""
    require_tip_permission(request.user, "view")
    period = request.GET.get("days", figures.DEFAULT_REPORT_DAYS)
    days = figures.REPORT_PERIODS.get(str(period), figures.REPORT_PERIODS["30"])
    data = figures.tip_figures(days=days)
    return TemplateResponse(
        request,
        "debunk/admin/tip_figures.html",
        {
            "figures": data,
            "tiles": [
                Tile(data.total, "收到线索"),
                *(Tile(count, label) for _status, label, count in data.ordered_totals()),
                *figures.answer_tiles(data),
            ],
            "days": days,
            "periods": figures.REPORT_PERIODS,
            "daily_chart": charts.daily_status_chart(data),
            "township_chart": charts.township_chart(data),
        },
    )


def notify_readers(request, page_id: int):
    """通知等待的读者: the editor who may publish a live rebuttal confirms (GET shows how many
    readers wait for it) and the mails are queued for the background worker (POST)."""
    rebuttal = get_object_or_404(RebuttalPage.objects.live(), pk=page_id)
    if not rebuttal.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    waiting = subscriptions.waiting_for(rebuttal)
    if request.method == "POST":
        ids = [subscription.pk for subscription in waiting]
        if ids:
            transaction.on_commit(
                lambda: subscriptions.notify_waiting_readers.enqueue(rebuttal.pk, ids),
                robust=True,
            )
        messages.success(request, f"已安排通知 {len(ids)} 位读者，邮件将由后台发送。")
        return redirect("wagtailadmin_pages:edit", rebuttal.pk)
    return TemplateResponse(
        request,
        "debunk/admin/notify_confirm.html",
        {"rebuttal": rebuttal, "count": len(waiting), "queries": [s.query for s in waiting[:10]]},
    )
