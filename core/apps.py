from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor every app stands on: shared helpers, blocks and template tags; no models."""

    name = "core"
    verbose_name = "公共组件"

    def ready(self):
        from django.urls import register_converter

        from .admin_listing import IdConverter

        register_converter(IdConverter, "id")
