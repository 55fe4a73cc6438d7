"""Unpublishing with a reason, and the 410 page readers get afterwards (see models/withdrawals)."""

from django.shortcuts import redirect, render
from django.urls import reverse

from wagtail.admin import messages
from wagtail.signals import page_published

from .models import WithdrawalNotice

REASON_FIELD = "withdrawal_reason"
REASON_MAX_LENGTH = 1000
REASON_REQUIRED = "请填写撤下原因：读者打开原链接时会看到这段说明。"


def reason_from(request) -> str:
    return request.POST.get(REASON_FIELD, "").strip()[:REASON_MAX_LENGTH]


def refuse_without_reason(request, page):
    """before_unpublish_page: no reason, no unpublishing (the page stays as it was)."""
    if not reason_from(request):
        messages.error(request, REASON_REQUIRED)
        return redirect(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    return None


def record_withdrawal(request, page):
    """after_unpublish_page: the page and any descendants unpublished with it get the notice."""
    reason = reason_from(request)
    pages = [page]
    if request.POST.get("include_descendants"):
        pages += list(page.get_descendants().filter(live=False).specific())
    for withdrawn in pages:
        url_parts = withdrawn.get_url_parts(request=request)
        if url_parts is None:  # not routable: no address readers could have
            continue
        path = url_parts[2]
        WithdrawalNotice.objects.update_or_create(
            path=path,
            defaults={
                "page": withdrawn,
                "title": withdrawn.title,
                "reason": reason,
                "withdrawn_by": request.user,
            },
        )


def clear_on_publish(sender, instance, **kwargs):
    WithdrawalNotice.objects.filter(page_id=instance.pk).delete()


def connect():
    page_published.connect(clear_on_publish, dispatch_uid="withdrawal-clear-on-publish")


class WithdrawnPageMiddleware:
    """Turns a reader's 404 at the address of a withdrawn page into 410 Gone with the reason.
    Costs one query, and only on 404 responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        notice = WithdrawalNotice.objects.filter(path=request.path).first()
        if notice is None:
            return response
        return render(request, "410.html", {"notice": notice}, status=410)
