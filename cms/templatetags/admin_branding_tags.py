from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def wagtail_site_name():
    """The platform's name (WAGTAIL_SITE_NAME), where Wagtail's admin would say "Wagtail"."""
    return settings.WAGTAIL_SITE_NAME
