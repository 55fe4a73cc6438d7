"""Admin hooks for core's shared admin pieces."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_css")
def core_admin_css():
    """Styles of core's admin templates (number tiles), kept out of style="" attributes: the
    admin's Content-Security-Policy (cms/csp.py)."""
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin.css"))
