"""Every role × every editorial action, through the admin's real URLs, including crafted POSTs."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from .helpers import (
    add_page_url,
    current_task_name,
    rebuttal_form,
    submit_new_page,
    workflow_action_url,
)

pytestmark = [pytest.mark.django_db, pytest.mark.guarded_publishing]

ROLES = ["editor", "reviewer", "chief", "outsider"]


@pytest.fixture
def users(editor, reviewer, chief, outsider):
    return {"editor": editor, "reviewer": reviewer, "chief": chief, "outsider": outsider}


@pytest.fixture
def in_fact_check(site_tree, users, as_user):
    return submit_new_page(
        as_user(users["editor"]), site_tree["rumours"], rebuttal_form("待核查", "pending")
    )


@pytest.fixture
def in_sign_off(in_fact_check, users, as_user):
    client = as_user(users["reviewer"])
    task_state = in_fact_check.current_workflow_task_state
    client.post(
        workflow_action_url(in_fact_check, "approve", task_state),
        {"sources_checked": "on", "review_task_state": task_state.pk},
    )
    assert current_task_name(in_fact_check) == "终审签发"
    return in_fact_check


@pytest.fixture
def draft(site_tree, users, as_user):
    """A draft the editor saved but has not submitted."""
    response = as_user(users["editor"]).post(
        add_page_url(site_tree["rumours"]), rebuttal_form("草稿", "draft-1")
    )
    assert response.status_code == 302
    from wagtail.models import Page

    return Page.objects.get(slug="draft-1").specific


def allowed(response):
    return response.status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [("editor", True), ("reviewer", False), ("chief", True), ("outsider", False)],
)
def test_who_may_add_pages_to_the_rumour_column(site_tree, users, as_user, role, expected):
    response = as_user(users[role]).get(add_page_url(site_tree["rumours"]))
    assert allowed(response) is expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("editor", True), ("reviewer", True), ("chief", True), ("outsider", False)],
)
def test_who_may_open_a_page_in_fact_check(in_fact_check, users, as_user, role, expected):
    response = as_user(users[role]).get(reverse("wagtailadmin_pages:edit", args=[in_fact_check.pk]))
    assert allowed(response) is expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("editor", False), ("reviewer", True), ("chief", False), ("outsider", False)],
)
def test_who_may_approve_the_fact_check(in_fact_check, users, as_user, role, expected):
    task_state = in_fact_check.current_workflow_task_state
    response = as_user(users[role]).post(
        workflow_action_url(in_fact_check, "approve", task_state),
        {"sources_checked": "on", "review_task_state": task_state.pk},
    )
    if expected:
        assert current_task_name(in_fact_check) == "终审签发"
    else:
        assert response.status_code in (302, 403)
        assert current_task_name(in_fact_check) == "事实核查"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("editor", False), ("reviewer", False), ("chief", True), ("outsider", False)],
)
def test_who_may_sign_off(in_sign_off, users, as_user, role, expected):
    task_state = in_sign_off.current_workflow_task_state
    response = as_user(users[role]).post(workflow_action_url(in_sign_off, "approve", task_state))
    in_sign_off.refresh_from_db()
    assert in_sign_off.live is expected
    if not expected:
        assert response.status_code in (302, 403)
        assert current_task_name(in_sign_off) == "终审签发"


@pytest.mark.parametrize("role", ROLES)
def test_nobody_but_admins_publishes_directly(in_fact_check, users, as_user, role):
    form = rebuttal_form("绕过审核", "pending", **{"action-publish": "1"})
    client = as_user(users[role])
    client.post(reverse("wagtailadmin_pages:edit", args=[in_fact_check.pk]), form)
    in_fact_check.refresh_from_db()
    assert not in_fact_check.live


def test_chief_editor_direct_publish_is_refused_with_a_message(draft, users, as_user):
    client = as_user(users["chief"])
    form = rebuttal_form("草稿", "draft-1", **{"action-publish": "1"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), form, follow=True)
    assert "不能直接发布" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live


def test_chief_editor_does_not_see_a_publish_button(draft, users, as_user):
    html = (
        as_user(users["chief"])
        .get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
        .content.decode()
    )
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_site_admin_may_still_publish_directly(in_fact_check, as_user):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    form = rebuttal_form("紧急发布", "pending", **{"action-publish": "1"})
    as_user(admin).post(reverse("wagtailadmin_pages:edit", args=[in_fact_check.pk]), form)
    in_fact_check.refresh_from_db()
    assert in_fact_check.live


@pytest.mark.parametrize(
    ("role", "expected"),
    [("editor", False), ("reviewer", False), ("chief", True), ("outsider", False)],
)
def test_who_may_unlock_a_page_locked_by_someone_else(draft, users, as_user, role, expected):
    other = get_user_model().objects.create_superuser("locker", "locker@example.org", "pw")
    draft.locked, draft.locked_by = True, other
    draft.save(update_fields=["locked", "locked_by"])
    as_user(users[role]).post(reverse("wagtailadmin_pages:unlock", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.locked is not expected


def test_bulk_publish_is_refused_for_chief_editors(draft, users, as_user):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = as_user(users["chief"]).post(f"{url}?id={draft.pk}", {"include_descendants": ""})
    draft.refresh_from_db()
    assert response.status_code == 302
    assert not draft.live


@pytest.mark.parametrize("role", ROLES)
def test_direct_publish_of_a_draft_is_refused_for_every_role(draft, users, as_user, role):
    form = rebuttal_form("草稿", "draft-1", **{"action-publish": "1"})
    as_user(users[role]).post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), form)
    draft.refresh_from_db()
    assert not draft.live
