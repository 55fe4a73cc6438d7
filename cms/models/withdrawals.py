"""Withdrawn pages: a published item taken down says so, and why, instead of a bare 404.

A trusted fact-checker withdraws openly: the chief editor gives a reason when unpublishing, and
readers who follow an old share link get 410 Gone with that reason. Publishing the page again
removes the notice.
"""

from django.conf import settings
from django.db import models


class WithdrawalNotice(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="withdrawal_notice",
        verbose_name="页面",
    )
    path = models.CharField("网址路径", max_length=500, unique=True)
    title = models.CharField("标题", max_length=255)
    reason = models.TextField("撤下原因")
    withdrawn_at = models.DateTimeField("撤下时间", auto_now=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )

    class Meta:
        verbose_name = "撤下说明"
        verbose_name_plural = "撤下说明"

    def __str__(self):
        return f"{self.title}（{self.path}）"
