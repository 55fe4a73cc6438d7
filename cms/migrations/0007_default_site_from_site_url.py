"""Point the default Site at SITE_URL, so canonical links and the sitemap name the public
address from the first migrate on (re-point later with `manage.py set_site_url`)."""

from django.conf import settings
from django.db import migrations

from cms.site_address import point_default_site


def forwards(apps, schema_editor):
    point_default_site(apps.get_model("wagtailcore", "Site"), settings.SITE_URL)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_home_page_featured_rebuttals"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
