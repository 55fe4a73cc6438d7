"""The review actions in Chromium with the admin as it ships (autosave on): every button the
chief editor is offered on a new rebuttal, approve / send back / sign-off from the edit page
(each happens once, no 500, a published page stays published), and the reviewer's diff."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import PageLogEntry, Workflow

import pytest
import requests

from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS
from debunk.factories import EvidenceSourceFactory, RebuttalPageFactory
from debunk.models import RebuttalPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-review-actions"
AUTOSAVE_SETTLE_SECONDS = 2.5  # Wagtail autosaves 0.5 s after a change; leave it time to act


@pytest.fixture
def staff(editorial_setup, site_tree):
    users = {}
    for username, group_name in [
        ("editor", EDITORS),
        ("reviewer", REVIEWERS),
        ("chief", CHIEF_EDITORS),
    ]:
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", PASSWORD, is_staff=True, first_name=username
        )
        user.groups.add(Group.objects.get(name=group_name))
        users[username] = user
    return users


class ServerErrors:
    """Every response of 500 or more a browser page received."""

    def __init__(self):
        self.seen = []

    def watch(self, page):
        page.on(
            "response",
            lambda response: response.status >= 500 and self.seen.append(response.url),
        )
        return page


@pytest.fixture
def server_errors():
    return ServerErrors()


def log_in(browser, live_server, username, server_errors):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = server_errors.watch(context.new_page())
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def reader_status(live_server, page) -> int:
    page = RebuttalPage.objects.get(pk=page.pk)
    if not page.url:
        return 404
    return requests.get(live_server.url + page.url, timeout=30).status_code


def press_footer_action(page, name):
    with page.expect_navigation():
        page.evaluate(
            """(name) => {
                const button = document.querySelector(`button[name="${name}"]`);
                button.form.requestSubmit(button);
            }""",
            name,
        )


def workflow_actions(page, action):
    return PageLogEntry.objects.filter(page=page, action=f"wagtail.workflow.{action}").count()


def click_workflow_button(page, action, *, with_modal: bool):
    selector = f'button[data-workflow-action-name="{action}"]'
    modal = "[data-workflow-action-modal-url]"
    selector += modal if with_modal else f":not({modal})"
    page.locator(selector).first.evaluate("b => b.click()")


def test_the_chief_presses_every_button_and_no_reader_sees_the_draft(
    browser, live_server, staff, site_tree, server_errors
):
    column = site_tree["rumours"]
    chief = log_in(browser, live_server, "chief", server_errors)
    chief.goto(f"{live_server.url}/admin/pages/add/debunk/rebuttalpage/{column.pk}/")
    chief.fill("#id_title", "终审新建的辟谣")
    chief.select_option("#id_verdict", "false")
    chief.fill("#id_short_answer", "经核实，网传消息不实。")
    chief.fill("#id_claim_text", "网传：明天全城停电。")
    chief.fill("#id_claim_summary", "网传明天全城停电")
    chief.locator("#id_slug").evaluate("(el) => { el.value = 'chief-new'; }")
    offered = chief.eval_on_selector_all(
        "footer button[name^='action-']", "buttons => buttons.map(b => b.name)"
    )
    assert "action-publish" not in offered and "action-submit" in offered

    with chief.expect_navigation():  # 保存草稿, the footer's main button
        chief.locator("footer").get_by_role("button", name="保存草稿").click()
    page = RebuttalPage.objects.get(title="终审新建的辟谣")  # autosave may have named it first
    for name in offered:  # the rest, submit last: none of them leaves readers anything
        if name != "action-submit":
            chief.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
            press_footer_action(chief, name)
    assert reader_status(live_server, page) == 404
    chief.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    press_footer_action(chief, "action-submit")
    time.sleep(AUTOSAVE_SETTLE_SECONDS)
    page.refresh_from_db()
    assert not page.live and reader_status(live_server, page) == 404
    assert page.current_workflow_task.specific.__class__.__name__ == "FactCheckTask"
    assert server_errors.seen == []


def test_each_action_from_the_edit_page_happens_once(
    browser, live_server, staff, site_tree, server_errors
):
    rebuttal = RebuttalPageFactory(parent=site_tree["rumours"], slug="queued", live=False)
    EvidenceSourceFactory(page=rebuttal, url="https://example.org/notice")
    rebuttal.save_revision(user=staff["editor"])
    Workflow.objects.get(name="辟谣审核").start(rebuttal, staff["editor"])

    # The reviewer sends it back from the edit page (a modal asks why).
    reviewer = log_in(browser, live_server, "reviewer", server_errors)
    reviewer.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    click_workflow_button(reviewer, "reject", with_modal=True)
    modal = reviewer.locator(".modal-content")
    modal.locator("textarea").fill("请补充原始通报链接。")
    with reviewer.expect_navigation():
        modal.locator("button[type=submit]").click()
    time.sleep(AUTOSAVE_SETTLE_SECONDS)
    assert workflow_actions(rebuttal, "reject") == 1

    # The editor resubmits; the reviewer approves from the edit page.
    editor = log_in(browser, live_server, "editor", server_errors)
    editor.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    assert editor.get_by_text("请补充原始通报链接。").first.is_visible()
    press_footer_action(editor, "action-submit")  # 重新提交
    reviewer.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    reviewer.fill("#id_short_answer", "经核实，网传消息不实。（已核对通报原文）")  # a last edit
    time.sleep(1)  # autosave saves it in the background
    click_workflow_button(reviewer, "approve", with_modal=True)
    modal = reviewer.locator(".modal-content")
    modal.get_by_label("我已逐一打开并核对了每一条证据来源").check()
    with reviewer.expect_navigation():
        modal.get_by_role("button", name="核查通过").click()
    time.sleep(AUTOSAVE_SETTLE_SECONDS)
    assert workflow_actions(rebuttal, "approve") == 1
    assert reviewer.url == live_server.url + "/admin/"  # the review queue, not a refusal
    assert reviewer.get_by_text("没有权限").count() == 0
    rebuttal.refresh_from_db()
    assert "已核对通报原文" in rebuttal.get_latest_revision_as_object().short_answer

    # The chief signs off from the edit page: published once, and it stays published.
    chief = log_in(browser, live_server, "chief", server_errors)
    chief.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    chief.fill("#id_region", "城关镇")  # an edit (not one the fact-check vouched for) just before
    time.sleep(1)
    with chief.expect_navigation():
        click_workflow_button(chief, "approve", with_modal=False)
    time.sleep(AUTOSAVE_SETTLE_SECONDS)
    rebuttal.refresh_from_db()
    assert workflow_actions(rebuttal, "approve") == 2
    assert PageLogEntry.objects.filter(page=rebuttal, action="wagtail.publish").count() == 1
    assert rebuttal.live and reader_status(live_server, rebuttal) == 200
    assert server_errors.seen == []


def test_the_reviewer_sees_the_verdict_change(
    browser, live_server, staff, site_tree, server_errors
):
    rebuttal = RebuttalPageFactory(
        parent=site_tree["rumours"], slug="changed", title="已发布的辟谣", verdict="false"
    )
    EvidenceSourceFactory(page=rebuttal, url="https://example.org/notice")
    rebuttal.save_revision().publish()

    editor = log_in(browser, live_server, "editor", server_errors)
    editor.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    editor.select_option("#id_verdict", "misleading")
    editor.click("#id_corrections-ADD")
    editor.fill("#id_corrections-0-date", "2025-04-03")
    editor.fill("#id_corrections-0-note", "新的通报显示部分说法有依据，结论改为误导。")
    press_footer_action(editor, "action-submit")

    reviewer = log_in(browser, live_server, "reviewer", server_errors)
    reviewer.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    reviewer.get_by_text("与已发布版本相比，改动了：核查结论").first.wait_for()
    click_workflow_button(reviewer, "approve", with_modal=True)
    modal = reviewer.locator(".modal-content")
    modal.locator("del", has_text="谣言").first.wait_for()  # the modal loads its content
    assert modal.locator("ins", has_text="误导").first.is_visible()
    assert server_errors.seen == []
