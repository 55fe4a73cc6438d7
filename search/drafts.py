"""Starting a draft page from a piece of text a reader sent: a query nobody found an answer to
(the "搜了没找到" report), or a reader's tip (debunk asks for it).

The draft goes to the page type registered with a ``draft_field`` (search.registry), under the
first section where the user may add one, and opens in the editor. Search never imports the
page types: the registration says which model and field.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from wagtail.models import Page

from . import registry

TITLE_LENGTH = 60


class DraftNotCreated(Exception):
    """The page could not be created automatically (the message says why); ``parent`` is
    where the editor may add it by hand."""

    def __init__(self, message: str, parent: Page):
        super().__init__(message)
        self.parent = parent


def draft_target(model=None) -> registry.Registration | None:
    """The registration drafts are made of: that of ``model``, or the first with a draft
    field."""
    if model is not None:
        registration = registry.registration_for(model)
        return registration if registration and registration.draft_field else None
    targets = registry.draft_targets()
    return targets[0] if targets else None


def parent_for(registration, user):
    """The first page where this user may add a page of the registered type."""
    parent_models = registration.model.allowed_parent_page_models()
    for parent in Page.objects.type(*parent_models).order_by("path"):
        permissions = parent.permissions_for_user(user)
        creatable = parent.specific_class.creatable_subpage_models()
        if permissions.can_add_subpage() and registration.model in creatable:
            return parent
    return None


def create_draft(registration, user, text: str, **fields) -> Page:
    """An unpublished page with ``text`` in the draft field (and as its title), plus
    ``fields``; with a first revision, logged as the user's. Raises PermissionDenied when the
    user may add such a page nowhere, DraftNotCreated when saving fails."""
    parent = parent_for(registration, user)
    if parent is None:
        raise PermissionDenied
    title = " ".join(text.split())[:TITLE_LENGTH]
    page = registration.model(title=title, live=False, owner=user)
    setattr(page, registration.draft_field, text)
    for name, value in fields.items():
        setattr(page, name, value)
    try:
        with transaction.atomic():
            parent.specific.add_child(instance=page)
            # A draft may be incomplete (required fields wait for the editor), as in the admin.
            page.save_revision(user=user, log_action=True, clean=False)
    except (ValidationError, IntegrityError) as error:
        raise DraftNotCreated(str(error), parent) from error
    return page
