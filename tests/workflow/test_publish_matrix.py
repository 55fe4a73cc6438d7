"""Every admin path by which a page could go live, for every role, judged by what an anonymous
reader gets over HTTP: only a site admin (an explicit, logged exception) publishes around the
review workflow. Run twice: with the workflow as migrated, and with the workflow and its tasks
renamed and an unrelated workflow beside it.
"""

import datetime
import time

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowTask

import pytest

from cms.models import FactCheckTask, SignOffTask

from .conftest import make_user
from .helpers import add_page_url, rebuttal_form

pytestmark = [pytest.mark.django_db, pytest.mark.guarded_publishing]

ROLES = ["editor", "reviewer", "chief", "informant", "anonymous", "superuser"]
PUBLISHES_DIRECTLY = {"superuser"}


@pytest.fixture(params=["as migrated", "renamed"])
def review_setup(request, db):
    if request.param == "renamed":
        Workflow.objects.filter(name="辟谣审核").update(name="新闻审核流程")
        FactCheckTask.objects.update(name="核查一下")
        SignOffTask.objects.update(name="领导签字")
        other = Workflow.objects.create(name="无关流程", active=True)
        task = GroupApprovalTask.objects.create(name="随便看看")
        WorkflowTask.objects.create(workflow=other, task=task, sort_order=0)
    return request.param


@pytest.fixture
def acting(request, editor, reviewer, chief, review_setup):
    """A client logged in as the role under test (none for anonymous)."""
    role = request.param
    client = Client()
    users = {"editor": editor, "reviewer": reviewer, "chief": chief}
    if role in users:
        client.force_login(users[role])
    elif role == "informant":
        user = make_user("informant-1")
        user.is_staff = False
        user.save()
        user.groups.add(Group.objects.get_or_create(name="信息员")[0])
        client.force_login(user)
    elif role == "superuser":
        client.force_login(make_user("site-admin", is_superuser=True))
    return role, client


def reader(page) -> tuple[int, str]:
    page = Page.objects.get(pk=page.pk)
    if not page.url:
        return 404, ""
    response = Client().get(page.url)
    return response.status_code, response.content.decode()


@pytest.fixture
def live_rebuttal(site_tree, admin_client):
    form = rebuttal_form("原来的标题", "live-one")
    admin_client.post(add_page_url(site_tree["rumours"]), {**form, "action-publish": "1"})
    page = Page.objects.get(slug="live-one")
    assert reader(page)[0] == 200
    return page


def assert_outcome(role, page, *, new_title, old_title=None):
    """Either published (site admins) or exactly as it was for readers."""
    status, html = reader(page)
    if role in PUBLISHES_DIRECTLY:
        assert status == 200 and new_title in html
    elif old_title is None:
        assert status == 404
    else:
        assert status == 200 and old_title in html and new_title not in html


@pytest.mark.parametrize("acting", ROLES, indirect=True)
def test_create_and_publish(acting, site_tree):
    role, client = acting
    form = rebuttal_form("新建直接发布", "created")
    client.post(add_page_url(site_tree["rumours"]), {**form, "action-publish": "1"})
    page = Page.objects.filter(slug="created").first()
    if page is None:  # the role may not create pages at all
        assert role not in PUBLISHES_DIRECTLY | {"editor", "chief"}
        return
    assert_outcome(role, page, new_title="新建直接发布")


@pytest.mark.parametrize("acting", ROLES, indirect=True)
@pytest.mark.parametrize("schedule", [False, True], ids=["now", "scheduled"])
def test_edit_and_publish(acting, live_rebuttal, schedule):
    role, client = acting
    form = rebuttal_form("改过的标题", "live-one")
    if schedule:  # go live in a second: then run what the scheduler runs
        form["go_live_at"] = (timezone.localtime() + datetime.timedelta(seconds=1)).strftime(
            "%Y-%m-%d %H:%M:%S"
        )
    live_revision = Page.objects.get(pk=live_rebuttal.pk).live_revision_id
    client.post(
        reverse("wagtailadmin_pages:edit", args=[live_rebuttal.pk]), {**form, "action-publish": "1"}
    )
    if schedule:
        time.sleep(1.5)
        call_command("publish_scheduled")
    if role not in PUBLISHES_DIRECTLY:
        assert Page.objects.get(pk=live_rebuttal.pk).live_revision_id == live_revision
    assert_outcome(role, live_rebuttal, new_title="改过的标题", old_title="原来的标题")


@pytest.mark.parametrize("acting", ROLES, indirect=True)
def test_copy_with_publish_copies(acting, live_rebuttal):
    role, client = acting
    client.post(
        reverse("wagtailadmin_pages:copy", args=[live_rebuttal.pk]),
        {
            "new_title": "复制出来的",
            "new_slug": "copied",
            "new_parent_page": live_rebuttal.get_parent().pk,
            "publish_copies": "on",
        },
    )
    copy = Page.objects.filter(slug="copied").first()
    if copy is None:
        assert role not in PUBLISHES_DIRECTLY
        return
    assert_outcome(role, copy, new_title="复制出来的")


@pytest.mark.parametrize("acting", ROLES, indirect=True)
def test_bulk_publish_of_a_draft(acting, site_tree, editor):
    role, client = acting
    author = Client()
    author.force_login(editor)
    author.post(add_page_url(site_tree["rumours"]), rebuttal_form("批量发布的草稿", "bulk-draft"))
    draft = Page.objects.get(slug="bulk-draft")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.post(f"{url}?id={draft.pk}", {"include_descendants": ""})
    assert_outcome(role, draft, new_title="批量发布的草稿")


@pytest.mark.parametrize("acting", ROLES, indirect=True)
def test_revert_to_an_old_revision_and_publish(acting, live_rebuttal, admin_client):
    """Reverting goes through the edit view with an old revision's content and 发布."""
    role, client = acting
    first_revision = live_rebuttal.latest_revision_id
    admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[live_rebuttal.pk]),
        {**rebuttal_form("第二版标题", "live-one"), "action-publish": "1"},
    )
    assert "第二版标题" in reader(live_rebuttal)[1]
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[live_rebuttal.pk, first_revision])
    client.get(revert)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[live_rebuttal.pk]),
        {
            **rebuttal_form("原来的标题", "live-one"),
            "action-publish": "1",
            "revision": first_revision,
        },
    )
    status, html = reader(live_rebuttal)
    if role in PUBLISHES_DIRECTLY:
        assert "原来的标题" in html
    else:
        assert status == 200 and "第二版标题" in html
