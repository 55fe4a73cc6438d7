"""Audit log actions of the floor's shared admin pieces."""

from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("register_log_actions")
def register_export_action(actions):
    @actions.register_action("core.export")
    class Exported(LogFormatter):
        label = "导出数据"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            listing, count = data.get("listing", ""), data.get("count", 0)
            return f"导出{listing} {count} 条（{data.get('format', '')}）"
