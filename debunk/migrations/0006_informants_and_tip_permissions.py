"""The informant group (信息员) and who handles reader tips (see debunk.permissions)."""

from django.db import migrations

from debunk.permissions import INFORMANT_PROFILE_PERMISSIONS, INFORMANTS, TIP_PERMISSIONS

MODEL_LABELS = {"tip": "求证线索", "informantprofile": "信息员"}


def permission(apps, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="debunk", model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return perm


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    informants, _ = Group.objects.get_or_create(name=INFORMANTS)
    informants.permissions.add(
        permission(apps, "tip", "report_as_informant", "以信息员身份报送线索")
    )
    for model, matrix in (("tip", TIP_PERMISSIONS), ("informantprofile", INFORMANT_PROFILE_PERMISSIONS)):
        for group_name, actions in matrix.items():
            group, _ = Group.objects.get_or_create(name=group_name)
            for action in actions:
                group.permissions.add(
                    permission(apps, model, f"{action}_{model}", f"Can {action} {MODEL_LABELS[model]}")
                )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=INFORMANTS).delete()
    for group in Group.objects.filter(name__in=TIP_PERMISSIONS):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="debunk", content_type__model__in=list(MODEL_LABELS)
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("debunk", "0005_tips_and_resurfacing"),
        ("cms", "0003_editorial_groups_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
