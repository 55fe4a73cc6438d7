"""The share control's QR code: `{% qr_svg url %}` draws it as inline SVG (segno), so a desktop
reader can open the page on a phone without any request to another site."""

import functools

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

import segno

register = template.Library()


@register.simple_tag
def qr_svg(url: str, label: str = "本页二维码"):
    return mark_safe(_qr_svg(url, label))  # noqa: S308 - see _qr_svg


# Drawing a code takes segno ~6 ms of CPU (choosing the mask): a page is drawn once per
# process, not on every uncached view. The SVG is a few kilobytes.
@functools.lru_cache(maxsize=512)
def _qr_svg(url: str, label: str) -> str:
    code = segno.make(url, error="m")
    # segno writes only its own markup around the escaped title, so the SVG is safe as it is.
    svg = code.svg_inline(scale=4, title=label, svgclass="share__qr-code", lineclass=None)
    labelled = f'<svg role="img" aria-label="{escape(label)}" '
    return svg.replace("<svg ", labelled, 1)
