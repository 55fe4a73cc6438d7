import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from cms.demo import load_demo


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo site tree, settings and logins. Idempotent."

    def handle(self, *args, **options):
        # Page-by-page audit lines would bury the login we print at the end.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        logging.getLogger("core.publishing").setLevel(logging.WARNING)
        # The demo review queue triggers workflow notifications; nobody should get those.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            logins = load_demo()
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS("演示内容已就绪 (demo content ready)"))
        self.stdout.write(f"  网站 site:   {base_url}/")
        self.stdout.write(f"  后台 admin:  {base_url}/admin/")
        for login in logins:
            self.stdout.write(f"  {login.role}: 用户名 {login.username}  密码 {login.password}")
