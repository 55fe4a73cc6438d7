"""Wiring that keeps the editorial set-up in step with the page tree and the revisions."""

from django.apps import apps
from django.db.models.signals import post_save

from wagtail.models import Revision

from .models.workflow import restart_fact_check_after_edit
from .permissions import SECTION_PAGE_TYPES


def attach_editorial_setup(section):
    """Put a section page (and so its subtree) under 辟谣审核 with the roles' page permissions."""
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

    from .permissions import PAGE_PERMISSIONS

    workflow = Workflow.objects.filter(name="辟谣审核", active=True).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    groups = {group.name: group for group in Group.objects.filter(name__in=PAGE_PERMISSIONS)}
    for name, types in PAGE_PERMISSIONS.items():
        if name not in groups:
            continue
        for permission_type in types:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
            )
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=section, permission=permission
            )


def on_section_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        attach_editorial_setup(instance)


def on_revision_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        restart_fact_check_after_edit(instance)


def connect():
    for app_label, model in SECTION_PAGE_TYPES:
        post_save.connect(
            on_section_saved,
            sender=apps.get_model(app_label, model),
            dispatch_uid=f"editorial-setup-{app_label}.{model}",
        )
    post_save.connect(on_revision_saved, sender=Revision, dispatch_uid="fact-check-restart")
