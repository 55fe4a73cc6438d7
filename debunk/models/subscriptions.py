"""有结果了告诉我: readers who asked to be told by e-mail when a rebuttal answers their question
(a search that found nothing, a tip), or who follow a category's weekly digest.

Addresses are personal data. A subscription not yet confirmed holds only a keyed hash of the
address (the address itself travels in the signed confirmation link, so only its owner can
complete it); confirming stores the address, because mail needs it; unsubscribing deletes the
row. Nothing here is a page, so the public API cannot reach it (tests/api)."""

from django.db import models
from django.utils import timezone


class SubscriptionKind(models.TextChoices):
    ANSWER = "answer", "有结果了告诉我"
    DIGEST = "digest", "分类每周摘要"


class Subscription(models.Model):
    kind = models.CharField("类型", max_length=10, choices=SubscriptionKind.choices)
    query = models.CharField("想知道的说法", max_length=200, blank=True)
    # The query's words (debunk.matching.word_set), kept so matching never segments them again.
    query_words = models.TextField(blank=True, editable=False)
    category = models.ForeignKey(
        "debunk.Category",
        verbose_name="分类",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    email_hash = models.CharField(max_length=64, db_index=True, editable=False)
    email = models.EmailField("邮箱", blank=True, help_text="确认订阅后才保存；退订即删除")
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("订阅时间", default=timezone.now)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True, db_index=True)
    last_sent_at = models.DateTimeField("最近发信", null=True, blank=True)
    # Rebuttals this reader was already told about: each answer is mailed once.
    notified_pages = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = "读者订阅"
        verbose_name_plural = "读者订阅"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="answer", category__isnull=True)
                | models.Q(kind="digest", category__isnull=False),
                name="subscription_answer_or_category",
            )
        ]

    def __str__(self):
        return self.query or (self.category.name if self.category_id else "")

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None
