from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page

import pytest

from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS

from . import helpers


def make_user(username, group_name=None, **fields):
    user = get_user_model().objects.create_user(
        username=username,
        password="pw-" + username,
        email=f"{username}@example.org",
        is_staff=True,
        **fields,
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", EDITORS, first_name="李编辑")


@pytest.fixture
def reviewer(db):
    return make_user("reviewer", REVIEWERS, first_name="王核查")


@pytest.fixture
def chief(db):
    return make_user("chief", CHIEF_EDITORS, first_name="张主编")


@pytest.fixture
def outsider(db):
    """Logged into the admin but in no editorial group."""
    user = make_user("outsider")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def in_review_page(site_tree, editor, reviewer, chief, as_user):
    from .helpers import rebuttal_form, submit_new_page

    return submit_new_page(
        as_user(editor), site_tree["rumours"], rebuttal_form("排队中的辟谣", "queued")
    )


@pytest.fixture
def published(site_tree, admin_client):
    """A rebuttal a site admin published (superusers may bypass review, audited by Wagtail)."""
    form = helpers.rebuttal_form("已发布的辟谣", "published-one")
    response = admin_client.post(
        helpers.add_page_url(site_tree["rumours"]), {**form, "action-publish": "1"}
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="published-one").specific
    assert page.live and helpers.reader_status(page) == 200
    return page
