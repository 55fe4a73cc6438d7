"""Admin hooks for reader tips: the inbox and the informant roster, bulk status changes, the
actions on a tip, the "bump" of a rebuttal, the dashboard panel and the figures report."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.permissions import PublicOnlyPermissionPolicy
from core.tiles import Tile

from . import admin_views, figures, subscriptions, triage
from .inbox import RejectTipsBulkAction, ReopenTipsBulkAction, TipsGroup, TriageTipsBulkAction
from .models import RebuttalPage, Tip

register_permission_policy(Tip, PublicOnlyPermissionPolicy(Tip), exact_class=True)
register_snippet(TipsGroup)
hooks.register("register_bulk_action", TriageTipsBulkAction)
hooks.register("register_bulk_action", RejectTipsBulkAction)
hooks.register("register_bulk_action", ReopenTipsBulkAction)


@hooks.register("insert_global_admin_css")
def tip_admin_css():
    """Styles of the tip panels and the figures report, kept out of style="" attributes: the
    admin's Content-Security-Policy (cms/csp.py)."""
    return format_html('<link rel="stylesheet" href="{}">', static("debunk/css/admin.css"))


@hooks.register("register_admin_urls")
def register_tip_admin_urls():
    return [
        path(
            "tips/<id:pk>/start-rebuttal/",
            admin_views.start_rebuttal,
            name="debunk_tip_start_rebuttal",
        ),
        path("tips/<id:pk>/duplicate/", admin_views.mark_duplicate, name="debunk_tip_duplicate"),
        path("tips/<id:pk>/screenshot/", admin_views.tip_screenshot, name="debunk_tip_screenshot"),
        path("rebuttals/<id:page_id>/bump/", admin_views.bump, name="debunk_rebuttal_bump"),
        path(
            "rebuttals/<id:page_id>/notify/",
            admin_views.notify_readers,
            name="debunk_rebuttal_notify",
        ),
        path("reports/tips/", admin_views.tip_figures, name="debunk_tip_figures"),
    ]


class TipFiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("debunk.view_tip")


@hooks.register("register_reports_menu_item")
def register_tip_figures_menu_item():
    return TipFiguresMenuItem(
        "求证线索统计",
        reverse("debunk_tip_figures"),
        name="tip-figures",
        icon_name="help",
        order=1600,
    )


@hooks.register("register_log_actions")
def register_bump_action(actions):
    actions.register_action(triage.BUMP_ACTION, "重新置顶", "已重新置顶到栏目最前")

    @actions.register_action(triage.TIP_STATUS_ACTION)
    class TipStatusChanged(LogFormatter):
        label = "线索状态变更"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            answer = f"（对应辟谣：{data['rebuttal']}）" if data.get("rebuttal") else ""
            return f"状态改为“{data.get('label', '')}”{answer}"


@hooks.register("register_page_header_buttons")
def bump_button(page, user, view_name, next_url=None):
    """Offered on a rebuttal that readers report again."""
    if not isinstance(page, RebuttalPage) or not page.live or not page.resurfaced_count:
        return
    url = reverse("debunk_rebuttal_bump", args=[page.pk])
    if next_url:
        url += "?" + urlencode({"next": next_url})
    yield Button(
        f"置顶到栏目最前（再次流传 {page.resurfaced_count} 次）",
        url,
        icon_name="arrow-up",
        priority=25,
    )


@hooks.register("register_page_header_buttons")
def notify_button(page, user, view_name, next_url=None):
    """Once a rebuttal is live, the editor who may publish it is offered to tell the readers
    waiting for it (有结果了告诉我); nothing is sent without that confirmation."""
    if not isinstance(page, RebuttalPage) or not page.live:
        return
    if not page.permissions_for_user(user).can_publish():
        return
    waiting = len(subscriptions.waiting_for(page))
    if waiting:
        yield Button(
            f"通知 {waiting} 位等待这条辟谣的读者",
            reverse("debunk_rebuttal_notify", args=[page.pk]),
            icon_name="mail",
            priority=26,
        )


class TipsPanel(Component):
    """Tips waiting for triage, tips per day by status, time to a published rebuttal, the
    townships sending the most."""

    name = "tips"
    template_name = "debunk/admin/tips_panel.html"
    order = 100

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        data = figures.tip_figures(days=figures.DASHBOARD_DAYS)
        inbox_url = reverse("wagtailsnippets_debunk_tip:list")
        context.update(
            figures=data,
            tiles=[
                Tile(data.waiting, "待分拣", f"{inbox_url}?status=new"),
                Tile(data.total, f"近 {len(data.days)} 天收到"),
                Tile(data.from_informants, "其中信息员报送"),
                *figures.answer_tiles(data),
            ],
            inbox_url=inbox_url,
            report_url=reverse("debunk_tip_figures"),
        )
        return context


class WaitingReadersPanel(Component):
    """On the dashboard the chief editor lands on after signing off: rebuttals published in the
    last days that readers wait for (有结果了告诉我), each with its 通知 N 位读者？ link."""

    name = "waiting-readers"
    template_name = "debunk/admin/waiting_readers_panel.html"
    order = 90

    def __init__(self, rebuttals):
        self.rebuttals = rebuttals

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rebuttals"] = self.rebuttals
        return context


@hooks.register("construct_homepage_panels")
def add_waiting_readers_panel(request, panels):
    waiting = []
    for rebuttal in subscriptions.recently_published(limit=10):
        if not rebuttal.permissions_for_user(request.user).can_publish():
            continue
        if count := len(subscriptions.waiting_for(rebuttal)):
            waiting.append((rebuttal, count, reverse("debunk_rebuttal_notify", args=[rebuttal.pk])))
    if waiting:
        panels.append(WaitingReadersPanel(waiting))


@hooks.register("construct_homepage_panels")
def add_tips_panel(request, panels):
    if request.user.has_perm("debunk.view_tip"):
        panels.append(TipsPanel())
