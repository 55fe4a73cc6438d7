import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_title_navigation_and_footer(live_server, site_tree, phone_page, tmp_path):
    phone_page.goto(live_server.url + "/")

    assert "清源" in phone_page.title()
    nav = phone_page.get_by_role("navigation", name="栏目导航")
    for section in ["首页", "捉谣记", "征视频", "活动专区", "关于我们"]:
        assert nav.get_by_role("link", name=section, exact=True).is_visible()
    assert phone_page.locator("footer").inner_text().startswith("主办：")
    # The page fits a phone screen: nothing wider than the viewport.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    assert phone_page.console_log.errors == []


def test_navigation_leads_to_the_rumour_column(live_server, site_tree, phone_page):
    phone_page.goto(live_server.url + "/")
    phone_page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="捉谣记").click()
    phone_page.wait_for_url(live_server.url + "/rumours/")
    assert phone_page.get_by_role("heading", level=1).inner_text() == "捉谣记"
    assert phone_page.console_log.errors == []


def test_admin_login_is_in_chinese(live_server, phone_page):
    phone_page.goto(live_server.url + "/admin/")

    phone_page.wait_for_url("**/admin/login/**")
    assert phone_page.locator("html").get_attribute("lang") == "zh-hans"
    assert phone_page.get_by_label("用户名").is_visible()
    assert phone_page.get_by_placeholder("输入密码").is_visible()
    assert phone_page.get_by_role("button", name="登录").is_visible()
    assert phone_page.console_log.errors == []
