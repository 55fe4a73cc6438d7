"""An index on Wagtail's page tree by (depth, path): "the children of X" (the main menu, a
section's list of sub-pages) reads the few rows at that depth under X, instead of every page's
path, however many rebuttals the site holds. Wagtail indexes path alone, which a LIKE
prefix cannot use on SQLite."""

from django.db import migrations

INDEX = "qingyuan_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_default_site_from_site_url"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON wagtailcore_page (depth, path)",
            reverse_sql=f"DROP INDEX {INDEX}",
        )
    ]
