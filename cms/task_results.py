"""The background jobs, for site admins: every run of every job the worker took (django-tasks-db
stores them), failed ones first to hand through the status filter, each with its traceback.

Read only: a job is never edited or deleted here (a failed run is the record of what went
wrong; core/task_retries.py enqueues the retries as new rows). Only users with the
``view_dbtaskresult`` permission (superusers) see the menu item.
"""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from django_filters import ChoiceFilter
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class ReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class TaskResultFilterSet(WagtailFilterSet):
    # The statuses' labels come from django-tasks, translated in our catalog (locale/).
    status = ChoiceFilter(label="状态", choices=TaskResultStatus.choices)

    class Meta:
        model = DBTaskResult
        fields = ["status", "queue_name"]


class TaskResultViewSet(ModelViewSet):
    model = DBTaskResult
    icon = "cogs"
    menu_label = "后台任务"
    menu_name = "task-results"
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["task_path", "status", "enqueued_at", "run_after", "finished_at"]
    filterset_class = TaskResultFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "task_path",
        "status",
        "args_kwargs",
        "enqueued_at",
        "started_at",
        "finished_at",
        "run_after",
        "worker_ids",
        "exception_class_path",
        "traceback",
    ]
    exclude_form_fields = []
    ordering = ["-enqueued_at"]


register_permission_policy(DBTaskResult, ReadOnlyPolicy(DBTaskResult))
task_result_viewset = TaskResultViewSet("task_results")
