from django import template

from wagtail.models import Page, Site

from cms import shell
from core.tree import children_of

register = template.Library()


@register.simple_tag(takes_context=True)
def shell_cache(context):
    """What base.html caches the header and footer under: ``seconds`` and ``key`` (the site
    and the shell's generation, cms.shell)."""
    return {"seconds": shell.seconds(), "key": shell.site_key(context.get("request"))}


@register.inclusion_tag("navigation/menu.html", takes_context=True)
def main_menu(context):
    """The top-level sections marked "show in menus", in tree order (one query)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site is not None:
        items = list(
            children_of(Page.objects, site.root_page)
            .live()
            .public()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )
    return {"request": request, "items": items, "current": current, "site_root": site}


@register.filter
def is_within(page, section):
    """True when `page` is `section` or lies below it (tree paths share a prefix)."""
    return bool(page and section and getattr(page, "path", "").startswith(section.path))
