"""The editorial set-up created by the data migration and attached to each section."""

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission, Workflow

import pytest

from cms.models import FactCheckTask, SignOffTask
from core.permissions import CHIEF_EDITORS, EDITORS, PAGE_PERMISSIONS, REVIEWERS

pytestmark = pytest.mark.django_db


def test_groups_and_workflow_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, REVIEWERS, CHIEF_EDITORS}
    workflow = Workflow.objects.get(name="辟谣审核")
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks] == [FactCheckTask, SignOffTask]
    assert list(tasks[0].groups.values_list("name", flat=True)) == [REVIEWERS]
    assert list(tasks[1].groups.values_list("name", flat=True)) == [CHIEF_EDITORS]
    # Wagtail's English default workflow no longer governs the tree.
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


@pytest.mark.parametrize("section", ["rumours", "videos", "campaigns"])
def test_each_section_gets_the_workflow_and_the_page_permissions(site_tree, section):
    page = site_tree[section]
    assert page.get_workflow().name == "辟谣审核"
    granted = {
        (p.group.name, p.permission.codename)
        for p in GroupPagePermission.objects.filter(page=page).select_related("group", "permission")
    }
    expected = {
        (group, f"{kind}_page") for group, kinds in PAGE_PERMISSIONS.items() for kind in kinds
    }
    assert granted == expected


def test_pages_outside_the_sections_are_not_under_the_workflow(site_tree):
    assert site_tree["about"].get_workflow() is None


def test_dashboard_shows_review_overview_and_role_help(in_review_page, reviewer, as_user):
    html = as_user(reviewer).get("/admin/").content.decode()
    assert "辟谣审核概况" in html
    assert "审核：在「等待您审核」中打开稿件" in html
    assert "等待最久的稿件" in html
    assert in_review_page.title in html
