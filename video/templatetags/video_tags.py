from django import template

from video import durations

register = template.Library()


@register.filter
def clock(seconds):
    """3:05 for 185 seconds."""
    return durations.clock(seconds)
