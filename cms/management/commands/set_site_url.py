from django.conf import settings
from django.core.management.base import BaseCommand

from wagtail.models import Site

from cms.site_address import point_default_site


class Command(BaseCommand):
    help = "把默认站点（规范链接、站点地图、订阅源）指向 SITE_URL 或给定地址"

    def add_arguments(self, parser):
        parser.add_argument(
            "url", nargs="?", help="例如 https://piyao.example.org（默认 SITE_URL）"
        )

    def handle(self, *args, url=None, **options):
        url = url or settings.SITE_URL
        changed = point_default_site(Site, url)
        site = Site.objects.filter(is_default_site=True).first()
        where = site.root_url if site else "（没有默认站点）"
        self.stdout.write(f"默认站点：{where}" + ("（已更新）" if changed else "（无需更改）"))
