"""Wiring that keeps the editorial set-up in step with the page tree and the revisions."""

from django.apps import apps
from django.db.models.signals import post_save

from wagtail.models import Page, get_page_models

from core.permissions import SECTION_PAGE_TYPES

from .models.workflow import restart_fact_check_after_edit


def attach_editorial_setup(section):
    """Put a section page (and so its subtree) under 辟谣审核 with the roles' page permissions."""
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission, WorkflowPage

    from core.permissions import PAGE_PERMISSIONS

    from .review_guard import the_review_workflow

    workflow = the_review_workflow()
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


def on_page_revision_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Page.save_revision() ends by saving the page's latest_revision pointer: by then the new
    (or overwritten) revision is the page's latest, which is what the workflow compares."""
    if raw or not update_fields or "latest_revision" not in update_fields:
        return
    if isinstance(instance, Page) and instance.latest_revision_id:
        restart_fact_check_after_edit(instance.latest_revision)


def connect():
    for app_label, model in SECTION_PAGE_TYPES:
        post_save.connect(
            on_section_saved,
            sender=apps.get_model(app_label, model),
            dispatch_uid=f"editorial-setup-{app_label}.{model}",
        )
    for page_model in get_page_models():
        post_save.connect(
            on_page_revision_saved,
            sender=page_model,
            dispatch_uid=f"fact-check-restart-{page_model._meta.label_lower}",
        )
