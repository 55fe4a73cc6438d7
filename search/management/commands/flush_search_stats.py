"""Move the reader searches counted in the cache into the search statistics (for cron)."""

from django.core.management.base import BaseCommand

from search import query_stats


class Command(BaseCommand):
    help = (
        "把缓存中累计的读者搜索次数写入搜索统计。需要共享缓存（REDIS_URL）："
        "本机内存缓存只属于各自的进程。"
    )

    def handle(self, *args, **options):
        rows = query_stats.flush()
        self.stdout.write(f"已写入 {rows} 条搜索统计。")
