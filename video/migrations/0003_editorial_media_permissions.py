"""Let the editorial groups (created by cms 0003) upload and pick videos in the root collection:
editors add and change, chief editors also delete. Reviewers only watch what is on the page."""

from django.db import migrations

# Frozen copy of the matrix: group name -> media permission actions. wagtailmedia checks the
# permissions of its own Media model (its policy's auth_model) whatever MEDIA_MODEL is.
MEDIA_PERMISSIONS = {
    "编辑": ["add", "change"],
    "审核": [],
    "终审": ["add", "change", "delete"],
}


def media_permission(apps, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailmedia", model="media")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=f"{action}_media", defaults={"name": f"Can {action} media"}
    )
    return permission


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for group in Group.objects.filter(name__in=MEDIA_PERMISSIONS):
        for action in MEDIA_PERMISSIONS[group.name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=media_permission(apps, action)
            )


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
        group__name__in=MEDIA_PERMISSIONS,
        permission__content_type__app_label="wagtailmedia",
        permission__content_type__model="media",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("video", "0002_media_series_episodes"),
        ("cms", "0003_editorial_groups_and_workflow"),
        ("wagtailmedia", "0005_alter_media_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
