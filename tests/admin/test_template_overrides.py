"""Our copies of Wagtail admin templates (templates/wagtailadmin/) each change one thing; each
names the Wagtail file it copies and that file's hash. When Wagtail changes the file, this
fails: copy it again and make the same change."""

import hashlib
import re
from pathlib import Path

from django.conf import settings

import wagtail.admin

import pytest

OURS = Path(settings.BASE_DIR, "templates")
WAGTAILS = Path(wagtail.admin.__file__).parent / "templates"
COPY_HEADER = re.compile(r"\{# Wagtail's (\S+) \(sha256 ([0-9a-f]+)…\) with one change: .+ #\}")

COPIES = [
    path
    for path in sorted(OURS.glob("wagtailadmin/**/*.html"))
    if COPY_HEADER.match(path.read_text().partition("\n")[0])
]


def test_the_copies_are_found():
    assert len(COPIES) >= 6


@pytest.mark.parametrize("copy", COPIES, ids=lambda path: str(path.relative_to(OURS)))
def test_each_copy_is_of_the_installed_wagtail_template(copy):
    header, _, body = copy.read_text().partition("\n")
    name, digest = COPY_HEADER.match(header).groups()
    assert name == str(copy.relative_to(OURS))
    original = (WAGTAILS / name).read_bytes()
    assert hashlib.sha256(original).hexdigest().startswith(digest), (
        f"Wagtail changed {name}: copy it again and redo the change in {copy.name}'s header"
    )
    assert body != original.decode()
