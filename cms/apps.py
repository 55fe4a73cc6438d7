from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "站点"

    def ready(self):
        from . import signals, withdrawals

        signals.connect()
        withdrawals.connect()
