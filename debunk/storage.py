"""Private files: stored outside MEDIA_ROOT, so no web server or CDN ever serves them.

Tip screenshots may show people's names, phone numbers and chat groups; editors see them
through an admin view that checks permissions (debunk.admin_views.tip_screenshot).
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
        return ("debunk.storage.PrivateStorage", (), {})


def private_storage():
    return PrivateStorage()
