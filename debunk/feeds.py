"""RSS 2.0 and Atom feeds of a column: all its rebuttals, or those of one category."""

from django.utils.feedgenerator import Atom1Feed

from core.dates import start_of_day
from core.feeds import PageFeed

FEED_SIZE = 30


class RebuttalRssFeed(PageFeed):
    def __init__(self, column, category=None):
        super().__init__(column)
        self.category = category

    def title(self):
        if self.category is not None:
            return f"{self.page.title} · {self.category.name}"
        return self.page.title

    def description(self):
        return self.page.intro or self.page.title

    def items(self):
        rebuttals = self.page.rebuttals()
        if self.category is not None:
            rebuttals = rebuttals.filter(category=self.category)
        return rebuttals.prefetch_related("corrections")[:FEED_SIZE]

    def item_title(self, item):
        return f"【{item.grade.label}】{item.title}"

    def item_description(self, item):
        answer = item.short_answer or item.claim_summary
        corrections = sorted(item.corrections.all(), key=lambda c: (c.date, c.pk), reverse=True)
        if not corrections:
            return answer
        latest = corrections[0]  # a corrected verdict says so where aggregators read it
        return f"{answer}\n更正（{latest.date:%Y-%m-%d}）：{latest.note}"

    def item_pubdate(self, item):
        if item.published_date is None:  # an undated import: no date rather than a made-up one
            return None
        if item.first_published_at and item.first_published_at.date() == item.published_date:
            return item.first_published_at
        # Imported or back-dated rebuttals: the start of their published date.
        return start_of_day(item.published_date)

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
