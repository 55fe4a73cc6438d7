"""manage.py import_rumours PATH.jsonl: rumours and rebuttals from JSON lines into the column."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from debunk.importing import RumourImporter, numbered_lines
from debunk.models import RebuttalIndexPage
from search.sync import refresh_planner_statistics

# Exit codes (docs/rumour-column.md): 0 every line imported (or unchanged, or blank);
# 1 nothing imported (no valid record, no such file, no column); 2 bad command-line options;
# 3 some lines were invalid and skipped, every valid one imported.
EXIT_SOME_INVALID = 3


class Command(BaseCommand):
    help = (
        "Import rumours from a JSON-lines file (see debunk/importing/sources.py for the formats "
        "and verdict mappings). Idempotent by each record's id: a re-run updates changed records "
        "and skips the rest. Bad lines are reported with their line number and skipped; the "
        "lines around them are imported. Exit code: 0 all lines good; 1 nothing imported (no "
        "valid record, no file, no column); 2 bad options; 3 some lines invalid, the rest "
        "imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the .jsonl file")
        parser.add_argument(
            "--column",
            type=int,
            help="page id of the rebuttal column to import into (default: the only one)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count everything, write nothing"
        )
        parser.add_argument("--draft", action="store_true", help="import every page as a draft")
        parser.add_argument(
            "--publish-incomplete",
            action="store_true",
            help="also publish records that have a claim but no rebuttal (drafts by default)",
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="records written per transaction"
        )

    def handle(self, *args, path, column, dry_run, draft, publish_incomplete, batch_size, **opts):
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        column_page = self.find_column(column)
        with path.open("rb") as stream:  # decoded line by line: bad UTF-8 is that line's fault
            total = sum(1 for _ in numbered_lines(stream))
        importer = RumourImporter(
            column_page,
            dry_run=dry_run,
            draft=draft,
            publish_incomplete=publish_incomplete,
            batch_size=max(batch_size, 1),
            warn=self.warn,
        )
        # tqdm draws on the raw stream: Django's OutputWrapper would add a newline per redraw.
        with (
            path.open("rb") as stream,
            tqdm(total=total, unit="行", desc="导入", disable=None, file=self.stderr._out) as bar,
        ):
            self.bar = bar
            summary = importer.run(numbered_lines(stream), progress=bar)
        if not dry_run:
            refresh_planner_statistics()
        self.report(summary, dry_run)
        if summary.valid == 0:
            raise CommandError("没有任何记录可以导入。")
        if summary.invalid:
            raise CommandError(
                f"有 {summary.invalid} 行无效，已跳过（见上方警告）；其余记录已导入。",
                returncode=EXIT_SOME_INVALID,
            )

    def warn(self, message: str) -> None:
        with tqdm.external_write_mode(file=self.stderr._out):
            self.stderr.write(message, style_func=self.style.WARNING)

    def find_column(self, column_id):
        columns = RebuttalIndexPage.objects.all()
        if column_id is not None:
            columns = columns.filter(pk=column_id)
        found = list(columns[:2])
        if not found:
            raise CommandError(
                "没有找到辟谣栏目（RebuttalIndexPage），请先运行 load_demo 或建立栏目。"
            )
        if len(found) > 1:
            raise CommandError("有多个辟谣栏目，请用 --column 指定页面 ID。")
        return found[0]

    def report(self, summary, dry_run):
        prefix = "（演练，未写入）" if dry_run else ""
        self.stdout.write(
            f"{prefix}新建 {summary.created}（发布 {summary.published}，草稿 {summary.drafts}）"
            f"  更新 {summary.updated}  未变跳过 {summary.unchanged}"
            f"  后台已编辑跳过 {summary.kept_edited}  无效 {summary.invalid}"
        )
        for reason, count in summary.reasons.most_common():
            self.stdout.write(f"  无效原因：{reason} × {count}")
        self.stdout.write(
            f"共 {summary.lines} 行（含空行 {summary.empty}），用时 {summary.seconds:.1f} 秒，"
            f"{summary.per_second:.0f} 行/秒 (records/s)"
        )
