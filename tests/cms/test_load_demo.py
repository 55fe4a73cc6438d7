from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Page, Site

import pytest

from cms.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def run_load_demo(capsys):
    call_command("load_demo")
    return capsys.readouterr().out


@override_settings(SITE_URL="http://testserver")
def test_load_demo_builds_the_site_tree_and_prints_a_working_login(client, var_dir, capsys):
    out = run_load_demo(capsys)

    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.id
    # The address make run serves (SITE_URL, by default WAGTAILADMIN_BASE_URL).
    assert (site.hostname, site.port) == ("testserver", 80)
    assert home.get_children().get(slug="rumours").full_url == "http://testserver/rumours/"
    slugs = {page.slug: page.specific_class.__name__ for page in home.get_children()}
    assert slugs == {
        "rumours": "RebuttalIndexPage",
        "videos": "VideoSeriesIndexPage",
        "campaigns": "CampaignIndexPage",
        "about": "StandardPage",
    }
    assert SiteSettings.for_site(home.get_site()).organisation_name == "清源县委网信办"

    password = out.split("用户名 admin  密码 ")[1].split()[0]
    assert len(password) >= 12
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200


def test_load_demo_is_idempotent_and_keeps_the_password(var_dir, capsys):
    first = run_load_demo(capsys)
    pages_after_first = Page.objects.count()
    second = run_load_demo(capsys)

    assert Page.objects.count() == pages_after_first
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert first.split("密码 ")[1].split()[0] == second.split("密码 ")[1].split()[0]


def test_load_demo_resets_a_password_it_cannot_show(var_dir, capsys):
    run_load_demo(capsys)
    (var_dir / "demo-credentials.json").unlink()
    out = run_load_demo(capsys)
    password = out.split("密码 ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_load_demo_fills_the_review_queue_in_every_state(var_dir, capsys):
    from debunk.models import RebuttalIndexPage, RebuttalPage
    from debunk.review_demo import queue_states

    run_load_demo(capsys)
    run_load_demo(capsys)  # a second run adds nothing

    column = RebuttalIndexPage.objects.get()
    assert queue_states(column) == {
        "review-demo-eggs": "in_progress",
        "review-demo-bridge": "in_progress",
        "review-demo-subsidy": "in_progress",
        "review-demo-school": "needs_changes",
    }
    tasks = {
        page.slug: page.current_workflow_task.name
        for page in RebuttalPage.objects.filter(slug__startswith="review-demo-")
        if page.current_workflow_task
    }
    assert tasks["review-demo-eggs"] == "事实核查"
    assert tasks["review-demo-subsidy"] == "终审签发"
    assert RebuttalPage.objects.filter(slug__startswith="review-demo-", live=True).count() == 0
