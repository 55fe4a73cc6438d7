"""What left the ClaimReview data feed (cms/api/feed.py): aggregators that harvested an item
learn here that it is gone, so they can drop it too."""

from django.db import models
from django.utils import timezone


class RemovedClaimReview(models.Model):
    """A rebuttal readers can no longer see (unpublished or deleted): its id, and when.
    Publishing it again removes the row. Holds no content, only the id."""

    page_id = models.PositiveBigIntegerField("文章编号", unique=True)
    removed_at = models.DateTimeField("撤下时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "已撤下的辟谣"
        verbose_name_plural = "已撤下的辟谣"
        ordering = ["removed_at", "page_id"]

    def __str__(self):
        return f"#{self.page_id}"

    @classmethod
    def record(cls, page_id: int) -> None:
        cls.objects.update_or_create(page_id=page_id, defaults={"removed_at": timezone.now()})
