"""Admin hooks for core's shared admin pieces: their styles and their audit log actions."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("insert_global_admin_css")
def core_admin_css():
    """Styles of core's admin templates (number tiles), kept out of style="" attributes: the
    admin's Content-Security-Policy (cms/csp.py)."""
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin.css"))


@hooks.register("register_log_actions")
def register_export_action(actions):
    @actions.register_action("core.export")
    class Exported(LogFormatter):
        label = "导出数据"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            listing, count = data.get("listing", ""), data.get("count", 0)
            return f"导出{listing} {count} 条（{data.get('format', '')}）"
