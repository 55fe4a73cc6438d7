from django.apps import AppConfig


class DebunkConfig(AppConfig):
    name = "debunk"
    verbose_name = "捉谣记"
