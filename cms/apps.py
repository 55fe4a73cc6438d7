from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "站点"

    def ready(self):
        from core.publishing import register_publish_guard

        from . import frontend_cache, shell, signals, withdrawals
        from .review_guard import refuse_unreviewed_publish

        signals.connect()
        shell.connect()
        withdrawals.connect()
        frontend_cache.connect()
        register_publish_guard(refuse_unreviewed_publish)
