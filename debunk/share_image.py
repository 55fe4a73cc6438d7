"""The share card image of a rebuttal (og:image): the verdict stamp, the claim summary, the
truth in one line and the site name, drawn with Pillow in the CJK font Debian ships.

Like a Wagtail rendition it is made once and kept as a file under MEDIA_ROOT; its name carries a
digest of what it shows, so a new verdict or summary gets a new file (and a new URL that share
caches fetch afresh) and the old one is removed.
"""

import hashlib
import textwrap
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630  # the size WeChat, Weibo and Open Graph readers expect
FOLDER = "share-images"
VERSION = "1"  # bump when the drawing changes, so every card is redrawn
# Background and text colour per verdict: the same colours as the column's verdict labels.
COLOURS = {
    "false": ("#b4121b", "#ffffff"),
    "misleading": ("#a34700", "#ffffff"),
    "partly_true": ("#ffd24d", "#3d2e00"),
    "true": ("#17703a", "#ffffff"),
    "unproven": ("#545c66", "#ffffff"),
}
FONT_REGULAR = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SC_INDEX = 2  # Noto Sans CJK SC inside the collection (JP, KR, SC, TC, HK)


def digest(verdict: str, summary: str, answer: str, site_name: str) -> str:
    text = "\n".join([VERSION, verdict, summary, answer, site_name])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def file_name(page_id: int, key: str) -> str:
    return f"{FOLDER}/{page_id}-{key}.png"


@lru_cache(maxsize=8)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = FONT_BOLD if bold and Path(FONT_BOLD).exists() else FONT_REGULAR
    try:
        return ImageFont.truetype(path, size, index=SC_INDEX)
    except OSError:  # no CJK font installed: still a card, never a 500
        return ImageFont.load_default(size)


def _lines(text: str, width: int, limit: int) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width=width) or [""]
    if len(lines) > limit:
        lines = [*lines[: limit - 1], lines[limit - 1][: width - 1] + "…"]
    return lines


def draw(verdict: str, label: str, summary: str, answer: str, site_name: str) -> Image.Image:
    background, ink = COLOURS.get(verdict, COLOURS["unproven"])
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 24), fill=background)
    # The stamp: the verdict in a box, as on the page.
    stamp = font(64, bold=True)
    box = pen.textbbox((64, 70), label, font=stamp)
    pen.rounded_rectangle((48, 58, box[2] + 24, box[3] + 18), radius=14, fill=background)
    pen.text((64, 70), label, font=stamp, fill=ink)
    y = box[3] + 56
    for line in _lines(summary, 20, 3):
        pen.text((64, y), line, font=font(52, bold=True), fill="#1f2329")
        y += 70
    if answer:
        y += 16
        for line in _lines(f"真相：{answer}", 30, 2):
            pen.text((64, y), line, font=font(34), fill="#4e5969")
            y += 48
    pen.line((64, HEIGHT - 96, WIDTH - 64, HEIGHT - 96), fill="#e5e6eb", width=2)
    pen.text((64, HEIGHT - 76), site_name, font=font(34, bold=True), fill=background)
    return image


def key_for(page, site_name: str) -> str:
    """What the card of ``page`` shows, as the digest its file and URL carry."""
    return digest(page.verdict, page.claim_summary or page.title, page.short_answer, site_name)


def ensure(page, site_name: str) -> Path:
    """The file of the page's current card, drawn now if it does not exist yet; older cards
    of the page are removed."""
    path = Path(settings.MEDIA_ROOT) / file_name(page.pk, key_for(page, site_name))
    if not path.exists():
        summary = page.claim_summary or page.title
        image = draw(page.verdict, page.grade.label, summary, page.short_answer, site_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        image.save(partial, "PNG", optimize=True)
        partial.replace(path)  # readers never get half a file
        for old in path.parent.glob(f"{page.pk}-*.png"):
            if old != path:
                old.unlink(missing_ok=True)
    return path
