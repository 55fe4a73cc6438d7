"""Feeds served by a page (a rumour column, a video series), on Django's syndication framework.

A routable page answers its feed URL with ``SomeFeed(page)(request)``; the framework makes the
links absolute, writes RSS or Atom and sets Last-Modified.
"""

from django.contrib.syndication.views import Feed


class PageFeed(Feed):
    """The feed of one page's items: the page's title and URL; each item links to its page."""

    language = "zh-cn"

    def __init__(self, page):
        super().__init__()
        self.page = page

    def __call__(self, request, *args, **kwargs):
        self.request = request  # page URLs depend on the site the request came to
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.page.title

    def link(self):
        return self.page.get_url(self.request) or "/"

    def item_link(self, item):
        return item.get_url(self.request)
