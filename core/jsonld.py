"""schema.org JSON-LD inside a <script> element, escaped so no value can end the element."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The escapes Django's json_script uses: "</script>", "<!--" and "&" cannot appear in the output.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data, nonce: str = "") -> str:
    """`data` as <script type="application/ld+json">…</script>; nothing when `data` is empty.
    `nonce`: the request's Content-Security-Policy nonce, which every <script> element carries."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json"{}>{}</script>',
        format_html(' nonce="{}"', nonce) if nonce else "",
        mark_safe(payload.translate(SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )
