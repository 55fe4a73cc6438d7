"""Each stored document says how many documents share its fingerprint (copies of one rumour),
so a results page reads the number instead of counting the copies per search. The engine
index gets the field at the next ``search_reindex`` (its new index has the new mapping)."""

from django.db import migrations, models


def count(apps, schema_editor):
    from search.sync import count_copies

    count_copies(model=apps.get_model("search", "SearchDocument"))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_fts_update_trigger_on_text_columns"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="copies",
            field=models.PositiveIntegerField(default=1, verbose_name="相同传言页数"),
        ),
        migrations.RunPython(count, migrations.RunPython.noop),
    ]
