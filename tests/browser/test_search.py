"""A reader types into the search box, sees suggestions, submits and narrows by a facet."""

import re

import pytest

# The search tests' corpus: rebuttal-like pages published through the real sync path.
from tests.search.conftest import corpus, publish, rebuttal_type  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("corpus")
def test_type_see_suggestions_submit_and_filter(live_server, phone_page, tmp_path):
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="搜索", exact=True).click()
    page.wait_for_url(live_server.url + "/search/")
    box = page.get_by_role("combobox", name="搜索谣言、辟谣和视频")

    box.press_sequentially("网传", delay=50)
    suggestions = page.get_by_role("listbox", name="搜索建议")
    suggestions.get_by_role("option").first.wait_for()
    options = suggestions.get_by_role("option").all_inner_texts()
    assert any("塑料大米" in option for option in options)
    assert box.get_attribute("aria-expanded") == "true"

    page.screenshot(path=str(tmp_path / "suggestions.png"))
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert "共找到" in page.locator(".search-summary").inner_text()
    assert page.locator(".search-hit").count() >= 3
    assert page.locator(".search-hit mark").first.inner_text() in ("网传", "網傳")

    facet = page.get_by_role("complementary", name="筛选结果")
    facet.get_by_role("link", name=re.compile("^食品安全")).click()
    page.wait_for_url(re.compile(r"category="))
    titles = page.locator(".search-hit__title").all_inner_texts()
    assert titles == ["网传“塑料大米”流入本地市场？假的"]
    assert page.locator(".search-hit .verdict").first.inner_text().endswith("谣言")
    selected = facet.locator("[aria-current=true]")
    assert selected.inner_text().startswith("食品安全")

    page.screenshot(path=str(tmp_path / "filtered.png"), full_page=True)
    # Nothing wider than the phone screen, no console errors or failed requests.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_log.errors == []
