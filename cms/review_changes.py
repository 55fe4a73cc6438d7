"""What a reviewer needs to see before approving: what changed since readers last saw the page.

The comparison is between the published revision (what readers see now) and the latest one,
over the labelled texts the page type vouches for (``review_fields``: verdict, claim, answer,
sources, body...). A page never published is all new. The page's history (Wagtail's log) sits
beside it, so reviewers and chief editors see who did what without Wagtail's history view,
which asks for page edit permission reviewers do not have.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from wagtail.models import Page, PageLogEntry

from core.permissions import EDITORIAL_GROUPS
from core.textdiff import FieldChange, changed_fields

from .models.workflow import review_fields

HISTORY_LIMIT = 50


def published_version(page: Page):
    """The page as readers see it now, or None if it was never published."""
    return page.live_revision.as_object() if page.live_revision_id else None


def changes_since_published(page: Page) -> list[FieldChange]:
    page = page.specific
    latest = page.get_latest_revision_as_object()
    if page.live_revision_id and page.live_revision_id == page.latest_revision_id:
        return []
    before = published_version(page)
    return changed_fields(review_fields(before) if before else None, review_fields(latest))


def may_see_changes(user, page: Page) -> bool:
    if user.is_superuser or page.permissions_for_user(user).can_edit():
        return True
    return Group.objects.filter(user=user, name__in=EDITORIAL_GROUPS).exists()


def review_changes_view(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_see_changes(request.user, page):
        raise PermissionDenied
    history = (
        PageLogEntry.objects.filter(page=page)
        .select_related("user", "revision")
        .order_by("-timestamp", "-pk")[:HISTORY_LIMIT]
    )
    return TemplateResponse(
        request,
        "cms/workflow/review_changes.html",
        {
            "page": page,
            "changes": changes_since_published(page),
            "published": page.live_revision_id is not None,
            "history": history,
            "can_edit": page.permissions_for_user(request.user).can_edit(),
        },
    )
