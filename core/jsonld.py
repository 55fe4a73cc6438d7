"""schema.org JSON-LD inside a <script> element, escaped so no value can end the element."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The escapes Django's json_script uses: "</script>", "<!--" and "&" cannot appear in the output.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data) -> str:
    """`data` as <script type="application/ld+json">…</script>; nothing when `data` is empty.
    A data block, not a script: the Content-Security-Policy's script-src does not apply to it."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )
