"""Create the editorial groups, their permissions and the "辟谣审核" workflow."""

from django.db import migrations

from core.permissions import (
    CHIEF_EDITORS,
    COLLECTION_PERMISSIONS,
    EDITORIAL_GROUPS,
    PAGE_PERMISSIONS,
    REVIEWERS,
    SECTION_PAGE_TYPES,
)

WORKFLOW_NAME = "辟谣审核"
FACT_CHECK_TASK_NAME = "事实核查"
SIGN_OFF_TASK_NAME = "终审签发"


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return perm


def create_groups(apps):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name in EDITORIAL_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for app_label, model, actions in COLLECTION_PERMISSIONS[name]:
            for action in actions:
                perm = permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {model}")
                if root_collection is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )
        groups[name] = group
    return groups


def create_task(apps, model_name, name, group):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaskModel = apps.get_model("cms", model_name)
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model=model_name.lower())
    task = TaskModel.objects.filter(name=name).first()
    if task is None:
        task = TaskModel.objects.create(name=name, content_type=content_type, active=True)
    task.groups.set([group])
    return task


def create_workflow(apps, groups):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    fact_check = create_task(apps, "FactCheckTask", FACT_CHECK_TASK_NAME, groups[REVIEWERS])
    sign_off = create_task(apps, "SignOffTask", SIGN_OFF_TASK_NAME, groups[CHIEF_EDITORS])
    for order, task in enumerate([fact_check, sign_off]):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": order}
        )
    return workflow


def attach_to_existing_sections(apps, workflow, groups):
    """Sections that already exist (an upgraded site) get the workflow and permissions now;
    new ones get them when they are created (cms.signals)."""
    Page = apps.get_model("wagtailcore", "Page")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for app_label, model in SECTION_PAGE_TYPES:
        sections = Page.objects.filter(
            content_type__app_label=app_label, content_type__model=model
        )
        for section in sections:
            WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
            for name, types in PAGE_PERMISSIONS.items():
                for permission_type in types:
                    perm = permission(apps, "wagtailcore", "page", f"{permission_type}_page", permission_type)
                    GroupPagePermission.objects.get_or_create(
                        group=groups[name], page=section, permission=perm
                    )


def retire_wagtail_default_workflow(apps):
    """Wagtail's English "Moderators approval" workflow on the root would otherwise govern every
    page outside the sections; those pages are edited by site admins only."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Group = apps.get_model("auth", "Group")
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    apps.get_model("wagtailcore", "WorkflowPage").objects.filter(
        workflow__name="Moderators approval"
    ).delete()
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()


def forwards(apps, schema_editor):
    retire_wagtail_default_workflow(apps)
    groups = create_groups(apps)
    workflow = create_workflow(apps, groups)
    attach_to_existing_sections(apps, workflow, groups)


def backwards(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    for model_name in ["FactCheckTask", "SignOffTask"]:
        apps.get_model("cms", model_name).objects.all().delete()
    apps.get_model("auth", "Group").objects.filter(name__in=EDITORIAL_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_workflow_tasks"),
        ("debunk", "0001_initial"),
        ("video", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
