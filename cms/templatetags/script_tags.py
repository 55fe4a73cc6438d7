"""The 简体 / 繁體 toggle (cms/script.py): `{% script_toggle %}` links to this page in the
other script."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cms.script import KEEP_END, KEEP_START, PARAMETER, TRADITIONAL, wants_traditional

register = template.Library()


@register.simple_tag(takes_context=True)
def script_toggle(context, css_class="site-header__action"):
    request = context.get("request")
    if request is None:
        return ""
    params = request.GET.copy()
    if wants_traditional(request):
        params.pop(PARAMETER, None)
        choice, label, lang = "hans", "简体", "zh-Hans"
    else:
        params[PARAMETER] = TRADITIONAL
        choice, label, lang = TRADITIONAL, "繁體", "zh-Hant"
    query = params.urlencode()
    link = format_html(
        '<a class="{}" href="{}" lang="{}" hreflang="{}" data-script-toggle="{}" title="{}">{}</a>',
        css_class,
        f"{request.path}?{query}" if query else request.path,
        lang,
        lang,
        choice,
        "切换为简体中文" if choice == "hans" else "切換為繁體中文",
        label,
    )
    # Kept out of the conversion: the link to Simplified must stay in Simplified.
    return mark_safe(KEEP_START + link + KEEP_END)
