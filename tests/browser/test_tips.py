"""A reader pastes a rumour they received, is shown the rebuttal that answers it, opens it."""

import pytest

from debunk.models import RebuttalPage, Tip

# The rumour column's published rebuttals (through the real publish and search sync path).
from tests.debunk.conftest import RUMOURS, column, publish, rumours  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The lemon rumour as it reached a reader in Traditional characters, slightly reworded.
PASTED = "網傳喝熱檸檬水可以殺死癌細胞，比化療還管用！請大家轉發給身邊的人"


@pytest.mark.usefixtures("rumours")
def test_a_reader_pastes_a_rumour_and_opens_the_rebuttal(live_server, phone_page, tmp_path):
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="我要求证").first.click()
    page.wait_for_url(live_server.url + "/tips/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("收到的消息").fill(PASTED)
    page.get_by_role("button", name="查一查").click()
    page.get_by_role("heading", name="这些是不是你要找的？").wait_for()
    page.screenshot(path=str(tmp_path / "matches.png"), full_page=True)

    first = page.locator(".tip-match").first
    title = RUMOURS["lemon-cancer"][0]
    assert first.locator(".tip-match__title").inner_text() == title
    assert "谣言" in first.locator(".verdict").inner_text()
    # The details form is there too, with the message filled in, for a rumour not listed.
    assert page.get_by_label("收到的消息").input_value() == PASTED
    assert Tip.objects.count() == 0  # looking is not sending

    first.get_by_role("button", name="就是这条，看辟谣").click()
    lemon = RebuttalPage.objects.get(slug="lemon-cancer")
    page.wait_for_url(live_server.url + lemon.url)
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator(".resurfaced").inner_text().startswith("近期再次流传")
    page.screenshot(path=str(tmp_path / "rebuttal.png"))

    tip = Tip.objects.get()
    assert tip.answered_by_search and tip.rebuttal_id == lemon.pk and tip.text == PASTED
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_log.errors == []
