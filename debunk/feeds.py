"""RSS 2.0 and Atom feeds of a column: all its rebuttals, or those of one category."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_SIZE = 30


class RebuttalRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-cn"

    def __init__(self, column, category=None):
        super().__init__()
        self.column = column
        self.category = category

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.category is not None:
            return f"{self.column.title} · {self.category.name}"
        return self.column.title

    def link(self):
        return self.column.get_url(self.request) or "/"

    def description(self):
        return self.column.intro or self.column.title

    def items(self):
        rebuttals = self.column.rebuttals()
        if self.category is not None:
            rebuttals = rebuttals.filter(category=self.category)
        return rebuttals[:FEED_SIZE]

    def item_title(self, item):
        return f"【{item.grade.label}】{item.title}"

    def item_description(self, item):
        return item.short_answer or item.claim_summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        if item.first_published_at and item.first_published_at.date() == item.published_date:
            return item.first_published_at
        # Imported or back-dated rebuttals: midnight of their published date, Beijing time.
        return timezone.make_aware(datetime.combine(item.published_date, time()))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        names = [item.grade.label]
        if item.category is not None:
            names.append(item.category.name)
        return names


class RebuttalAtomFeed(RebuttalRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
