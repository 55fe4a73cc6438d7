from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor every app stands on: shared helpers, blocks and template tags; no models."""

    name = "core"
    verbose_name = "公共组件"

    def ready(self):
        from django.db.models.signals import pre_save
        from django.urls import register_converter

        from .admin_listing import IdConverter
        from .stored_rich_text import sanitise_rich_text_on_save

        register_converter(IdConverter, "id")
        # Every model: rich text is cleaned as it is stored, whatever writes it.
        pre_save.connect(sanitise_rich_text_on_save, dispatch_uid="core.stored_rich_text")

        from django_tasks.signals import task_finished

        from .task_retries import retry_failed_job

        # A job that failed in the worker runs again later (core/task_retries.py).
        task_finished.connect(retry_failed_job, dispatch_uid="core.task_retries")

        from . import generations

        generations.connect()
