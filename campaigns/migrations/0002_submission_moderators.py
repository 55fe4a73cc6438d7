"""Reviewers and chief editors moderate campaign submissions (see core.permissions)."""

from django.db import migrations

from core.permissions import SUBMISSION_PERMISSIONS


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="campaigns", model="campaignsubmission")
    for group_name, actions in SUBMISSION_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for action in actions:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_campaignsubmission",
                defaults={"name": f"Can {action} 活动投稿"},
            )
            group.permissions.add(perm)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=SUBMISSION_PERMISSIONS):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="campaigns", codename__endswith="_campaignsubmission"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
