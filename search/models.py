"""Stored search documents, engine updates waiting for a retry, and what readers search for."""

from django.db import models

from wagtail.search import index

from .index import StoredTermsField

# The covering index of what ranking and facet counting read (see SearchDocument.Meta).
RANK_COLUMNS_INDEX = "search_doc_rank_cover"


class SearchDocument(index.Indexed, models.Model):
    """One live, public page as search sees it: its texts, facet values and prepared terms.

    Written when a page is published (``search.sync``); the database backend searches these
    rows through Wagtail's database search, the engine backend indexes them, and a results page
    shows them without loading any page.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="页面",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    content_type = models.CharField("内容类型", max_length=50, db_index=True)
    content_label = models.CharField("内容类型名称", max_length=50)
    primary = models.BooleanField("辟谣内容", default=False)
    title = models.CharField("标题", max_length=255)
    url = models.CharField("地址", max_length=500)
    claim = models.TextField("谣言原文", blank=True)
    summary = models.TextField("简要回答", blank=True)
    body = models.TextField("正文", blank=True)
    transcript = models.TextField("文字稿", blank=True)
    verdict = models.CharField("结论", max_length=30, blank=True, db_index=True)
    verdict_label = models.CharField("结论名称", max_length=30, blank=True)
    kind = models.CharField("类别", max_length=30, blank=True)
    kind_label = models.CharField("类别名称", max_length=30, blank=True)
    category = models.CharField("分类", max_length=100, blank=True, db_index=True)
    region = models.CharField("地区", max_length=100, blank=True)
    tags = models.JSONField("标签", default=list, blank=True)
    date = models.DateField("日期", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True, db_index=True)
    # Prepared (normalised, segmented) terms: computed once on publish, read by every backend.
    title_terms = models.TextField(blank=True)
    claim_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)
    # Character bigrams (search.text.grams) of what readers remember (title, claim, short
    # answer), and of the title after a start marker for suggestions: computed with the terms,
    # so a rebuild of either index reads them instead of preparing the text again.
    gram_terms = models.TextField(blank=True)
    title_grams = models.TextField(blank=True)
    # Copies of one rumour (the same normalised claim) share it: results show one of them.
    fingerprint = models.CharField("传言指纹", max_length=40, blank=True, db_index=True)
    # How many stored documents share the fingerprint (this one included), kept by search.sync
    # whenever a copy comes or goes: a results page reads it instead of counting the copies.
    copies = models.PositiveIntegerField("相同传言页数", default=1)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    # Indexed explicitly into the database backend by search.sync, never by Wagtail's signals
    # (which would also send it to the admin's engine index).
    search_auto_update = False
    search_fields = [
        StoredTermsField("title", boost=3),
        index.SearchField("text_terms"),
        # Character bigrams of what readers remember (title, claim, short answer) in the body
        # column, and of the title (after a start marker) for suggestions.
        index.SearchField("gram_terms"),
        index.AutocompleteField("title_terms"),
        index.AutocompleteField("title_grams"),
        index.FilterField("page"),
        index.FilterField("content_type"),
        index.FilterField("primary"),
        index.FilterField("verdict"),
        index.FilterField("category"),
        index.FilterField("year"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = "搜索文档"
        verbose_name_plural = "搜索文档"
        indexes = [
            # What ranking and facet counting read of every matching row, in one small index:
            # on SQLite a row's later columns sit behind its long texts in overflow pages, so
            # reading them from the table cost more than the full-text match itself.
            models.Index(
                fields=[
                    "page",
                    "primary",
                    "fingerprint",
                    "content_type",
                    "verdict",
                    "category",
                    "year",
                ],
                name=RANK_COLUMNS_INDEX,
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def text(self) -> str:
        """Everything but the title, in the order a snippet should prefer: the answer before
        the claim, and the claim only when the title does not already say it (imported
        rebuttals are titled with the rumour), so a result shows the claim once."""
        claim = "" if _same_text(self.claim, self.title) else self.claim
        return "\n".join(filter(None, [self.summary, self.body, claim, self.transcript]))


def _same_text(text: str, title: str) -> bool:
    """``text`` adds nothing to ``title`` (the title is the text, or its start)."""
    squeeze = "".join
    text, title = squeeze(text.split()), squeeze(title.split())
    return bool(text) and (text == title or (len(title) >= 20 and text.startswith(title[:-1])))


class PendingIndexUpdate(models.Model):
    """A page whose engine index update failed (engine down): retried, or caught up by
    ``search_reindex``. The stored document says what the engine should hold; no document
    means the page must be removed from the engine."""

    page_id = models.PositiveIntegerField("页面 ID", unique=True)
    created_at = models.DateTimeField("首次失败", auto_now_add=True)
    attempts = models.PositiveIntegerField("尝试次数", default=1)
    last_error = models.CharField("最近错误", max_length=500, blank=True)

    class Meta:
        verbose_name = "待同步的索引更新"
        verbose_name_plural = "待同步的索引更新"

    def __str__(self):
        return f"page {self.page_id}"


class SearchQueryStat(models.Model):
    """How often a (normalised) query was searched on one day, and whether it found anything.

    Written in batches from counts kept in the cache (search.query_stats), never in the
    reader's request."""

    query = models.CharField("搜索词", max_length=200)
    date = models.DateField("日期")
    searches = models.PositiveIntegerField("搜索次数", default=0)
    empty_searches = models.PositiveIntegerField("无结果次数", default=0)
    found = models.BooleanField("最近一次有结果", default=False)
    last_results = models.PositiveIntegerField("最近一次结果数", default=0)

    class Meta:
        verbose_name = "搜索记录"
        verbose_name_plural = "搜索记录"
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="search_query_stat_per_day")
        ]
        indexes = [models.Index(fields=["date", "found"])]

    def __str__(self):
        return f"{self.query} ({self.date})"
