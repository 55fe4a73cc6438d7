"""Where uploads from the public are stored: under names nobody can guess."""

import uuid
from pathlib import Path

from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class UnguessablePath:
    """An ``upload_to``: ``<folder>/<year>/<month>/<random hex><suffix>``.

    The sender's file name is not kept (it may name a person), and a file waiting for
    moderation cannot be found by guessing its URL. Deconstructible, so migrations record
    the folder.
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = Path(filename).suffix.lower()[:8]
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, UnguessablePath) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)
