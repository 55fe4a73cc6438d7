"""Queue the weekly category digests (有结果了告诉我 → 分类每周摘要); run it weekly from cron.
The mails are sent by the background worker; followers mailed within the week are skipped, so
running it twice sends nothing twice."""

from django.core.management.base import BaseCommand

from debunk.subscriptions import send_weekly_digests


class Command(BaseCommand):
    help = "Queue the weekly digest mails for each category's followers"

    def handle(self, *args, **options):
        result = send_weekly_digests.enqueue()
        self.stdout.write(f"每周摘要已交给后台任务（{result.id}）")
