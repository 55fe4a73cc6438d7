"""One bulk action shape for admin listings whose items move between statuses."""

from django.http import Http404
from django.shortcuts import get_list_or_404

from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .admin_listing import parse_id


class StatusBulkAction(SnippetBulkAction):
    """Move the selected items to ``new_status``; subclasses say how (``execute_action``),
    which ``status_choices`` label it, what an item is called (``item_noun``) and what the
    confirmation page says (``status_notes``, ``no_access_message``, ``item_detail``)."""

    template_name = "core/admin/confirm_bulk_status.html"
    new_status: str = ""
    status_choices = None
    item_noun = "条目"
    no_access_message = "你没有处理这些条目的权限"
    # What moving to a status will do, said under the question: {status: sentence}.
    status_notes: dict[str, str] = {}
    # Relations item_detail reads, fetched with the items rather than one query each.
    select_related: tuple[str, ...] = ()

    @classmethod
    def get_queryset(cls, model, object_ids):
        """The chosen items; an id that is not one (junk, too large) is a 404, not a 500."""
        ids = [parse_id(value) for value in object_ids]
        if None in ids:
            raise Http404("没有这些条目")
        return get_list_or_404(model.objects.select_related(*cls.select_related), pk__in=ids)

    def item_detail(self, obj) -> str:
        """Shown after each item on the confirmation page."""
        return obj.get_status_display()

    def object_context(self, obj):
        return {**super().object_context(obj), "detail": self.item_detail(obj)}

    @property
    def new_status_label(self) -> str:
        return self.status_choices(self.new_status).label

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        )

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_label": self.display_name,
            "new_status_label": self.new_status_label,
            "status_note": self.status_notes.get(self.new_status, ""),
            "item_noun": self.item_noun,
            "no_access_message": self.no_access_message,
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"已将 {num_parent_objects} 条{self.item_noun}标记为“{self.new_status_label}”。"
