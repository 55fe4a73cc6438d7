"""The whole review path in Chromium, as three people: editor, reviewer, chief editor."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS
from debunk.models import RebuttalPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-browser-test"


@pytest.fixture
def staff(editorial_setup, site_tree):
    """One account per role (the sections are created after the workflow exists)."""
    users = {}
    for username, group_name, first_name in [
        ("editor", EDITORS, "李编辑"),
        ("reviewer", REVIEWERS, "王核查"),
        ("chief", CHIEF_EDITORS, "张主编"),
    ]:
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", PASSWORD, is_staff=True, first_name=first_name
        )
        user.groups.add(Group.objects.get(name=group_name))
        users[username] = user
    return users


def log_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def press_footer_action(page, name):
    """Footer actions sit in a dropdown; submit the form as the hidden button would."""
    with page.expect_navigation():
        page.evaluate(
            """(name) => {
                const button = document.querySelector(`button[name="${name}"]`);
                button.form.requestSubmit(button);
            }""",
            name,
        )


def workflow_button(page, action, label):
    """A workflow action in the footer's dropdown (rendered into a popup, not the footer)."""
    return page.locator(f'button[data-workflow-action-name="{action}"]', has_text=label).first


def open_workflow_action(page, label):
    workflow_button(page, "approve", label).evaluate("b => b.click()")
    return page.locator(".modal-content")


def test_editor_reviewer_and_chief_take_a_rebuttal_live(
    browser, live_server, editorial_setup, site_tree, staff
):
    column = site_tree["rumours"]

    # The editor drafts a rebuttal without any source and submits it.
    editor = log_in(browser, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/pages/add/debunk/rebuttalpage/{column.pk}/")
    editor.fill("#id_title", "网传自来水含致癌物？不实")
    editor.select_option("#id_verdict", "false")
    editor.fill("#id_short_answer", "经县疾控中心检测，自来水各项指标均符合国家标准。")
    editor.fill("#id_claim_text", "紧急通知：本县自来水检出致癌物，千万别喝！")
    editor.fill("#id_claim_summary", "网传本县自来水检出致癌物")
    # The slug field sits on the "推荐" tab.
    editor.locator("#id_slug").evaluate("(el) => { el.value = 'tap-water'; }")
    press_footer_action(editor, "action-submit")
    rebuttal = RebuttalPage.objects.get(title="网传自来水含致癌物？不实")
    assert not rebuttal.live
    assert rebuttal.current_workflow_task.name == "事实核查"

    # The reviewer is refused: the checklist wants a source.
    reviewer = log_in(browser, live_server, "reviewer")
    reviewer.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    modal = open_workflow_action(reviewer, "核查通过")
    modal.get_by_text("至少需要一条注明网址或发布机构的信息来源").wait_for()
    modal.get_by_label("我已逐一打开并核对了每一条证据来源").check()
    modal.get_by_role("button", name="核查通过").click()
    modal.get_by_text("核查清单尚未满足，不能通过").wait_for()
    reviewer.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")  # closes the modal

    # The reviewer adds the source they checked, saves, and then approves.
    reviewer.click("#id_sources-ADD")
    reviewer.fill("#id_sources-0-title", "县疾控中心水质检测报告")
    reviewer.fill("#id_sources-0-authority", "清源县疾控中心")
    reviewer.fill("#id_sources-0-url", "https://example.org/water-report")
    with reviewer.expect_navigation():
        reviewer.locator("footer").get_by_role("button", name="保存草稿").click()
    reviewer.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    modal = open_workflow_action(reviewer, "核查通过")
    modal.get_by_label("我已逐一打开并核对了每一条证据来源").check()
    with reviewer.expect_navigation():
        modal.get_by_role("button", name="核查通过").click()
    rebuttal.refresh_from_db()
    assert rebuttal.current_workflow_task.name == "终审签发"

    # The chief editor signs it off from the edit page.
    chief = log_in(browser, live_server, "chief")
    chief.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    with chief.expect_navigation():
        chief.locator(
            'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        ).first.evaluate("b => b.click()")
    rebuttal.refresh_from_db()
    assert rebuttal.live

    # A reader sees it live, verdict and source included.
    reader = browser.new_page()
    reader.goto(live_server.url + rebuttal.url)
    assert "谣言" in reader.locator(".verdict, [class*=verdict]").first.inner_text()
    assert reader.get_by_text("县疾控中心水质检测报告").is_visible()
    assert reader.get_by_text("事实核查：王核查").is_visible()
