"""Rebuild search: stored documents from live pages, the database index, the engine index."""

from django.core.management.base import BaseCommand, CommandError

from search import reindex, sync
from search.backends import SearchUnavailable


class Command(BaseCommand):
    help = "重建搜索索引：从已发布页面生成搜索文档，重建数据库索引和搜索引擎索引（别名切换）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--pending",
            action="store_true",
            help="只重试之前因搜索引擎不可用而推迟的索引更新",
        )
        parser.add_argument(
            "--no-documents",
            action="store_true",
            help="不重新生成搜索文档，只用已保存的文档重建索引",
        )
        parser.add_argument("--no-database", action="store_true", help="跳过数据库索引")
        parser.add_argument("--no-engine", action="store_true", help="跳过搜索引擎索引")

    def handle(self, *args, **options):
        quiet = options["verbosity"] == 0
        if options["pending"]:
            done = sync.push_pending(limit=100_000)
            self.stdout.write(f"已同步 {done} 个推迟的索引更新。")
            return
        try:
            report = reindex.reindex(
                documents=not options["no_documents"],
                database=not options["no_database"],
                engine=not options["no_engine"],
                quiet=quiet,
            )
        except SearchUnavailable as error:
            raise CommandError(f"搜索引擎不可用，索引未切换：{error}") from error
        timings = "，".join(f"{name} {seconds:.1f} 秒" for name, seconds in report.seconds.items())
        self.stdout.write(
            f"搜索文档 {report.documents} 篇（移除 {report.removed} 篇）；{timings}"
            + (f"；搜索引擎索引 {report.engine_index}" if report.engine_index else "")
        )
