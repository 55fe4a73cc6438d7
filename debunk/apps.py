from django.apps import AppConfig


class DebunkConfig(AppConfig):
    name = "debunk"
    verbose_name = "捉谣记"

    def ready(self):
        from . import signals

        signals.connect()
