"""Name in Chinese what Wagtail's own migrations create in English and editors see: the tree's
root page and root collection (the page and image choosers), and the retired default
"Moderators approval" workflow and its task (the workflow reports' filters).

Only names still at Wagtail's defaults change, so a name a site admin chose is kept.
"""

from django.db import migrations

NAMES = [
    # (app, model, field, filter, Wagtail's name, ours)
    ("wagtailcore", "Page", "title", {"depth": 1}, "Root", "根目录"),
    ("wagtailcore", "Page", "draft_title", {"depth": 1}, "Root", "根目录"),
    ("wagtailcore", "Collection", "name", {"depth": 1}, "Root", "根集合"),
    ("wagtailcore", "Workflow", "name", {}, "Moderators approval", "默认审批（已停用）"),
    ("wagtailcore", "Task", "name", {}, "Moderators approval", "默认审批（已停用）"),
]


def rename(apps, to_chinese):
    for app_label, model, field, filters, english, chinese in NAMES:
        old, new = (english, chinese) if to_chinese else (chinese, english)
        apps.get_model(app_label, model).objects.filter(**filters, **{field: old}).update(
            **{field: new}
        )


def forwards(apps, schema_editor):
    rename(apps, to_chinese=True)
    # The workflow was retired in 0003; its task, now in no active workflow, is retired too.
    apps.get_model("wagtailcore", "Task").objects.filter(name="默认审批（已停用）").update(
        active=False
    )


def backwards(apps, schema_editor):
    rename(apps, to_chinese=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_withdrawal_notice"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
