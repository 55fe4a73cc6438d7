"""Private files: stored outside MEDIA_ROOT, so no web server or CDN ever serves them.

What the public sends stays here: tip screenshots (they may show people's names, phone numbers
and chat groups) and campaign videos (pending, rejected or approved). Staff see them through
admin views that check permissions; approved campaign videos reach readers through a view that
checks the submission's status on every request (core.file_responses serves them all).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage under PRIVATE_MEDIA_ROOT, read on each use (tests point it elsewhere),
    and without URLs."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL.")

    def deconstruct(self):
        return ("core.private_media.PrivateStorage", (), {})


def private_storage():
    return PrivateStorage()
