"""SQLite: re-tokenise a full-text row only when its text changes.

modelsearch's trigger copies title, body and autocomplete into the FTS5 table after *any*
update of an index entry, and modelsearch updates every new entry once more to set its title
norm: each indexed document was tokenised twice, and a rebuild at 50,000 documents spent
15 s re-tokenising unchanged text. The trigger now fires on those three columns only; what the
FTS table holds is the same.
"""

from django.db import migrations

TRIGGER = "update_wagtailsearch_indexentry_fts"
BODY = (
    "BEGIN UPDATE wagtailsearch_indexentry_fts SET title=NEW.title, body=NEW.body, "
    "autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END"
)


def _replace_trigger(schema_editor, columns: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [TRIGGER])
        if cursor.fetchone() is None:  # SQLite without FTS5: modelsearch made no trigger
            return
    schema_editor.execute(f"DROP TRIGGER {TRIGGER}")
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} AFTER UPDATE{columns} ON wagtailsearch_indexentry {BODY}"
    )


def on_text_columns(apps, schema_editor):
    _replace_trigger(schema_editor, " OF title, body, autocomplete")


def on_any_column(apps, schema_editor):
    _replace_trigger(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_search_document_rank_cover"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(on_text_columns, on_any_column)]
