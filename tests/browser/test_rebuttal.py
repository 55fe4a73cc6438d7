import pytest

from debunk.factories import RebuttalPageFactory
from tests.debunk.conftest import add_relations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_a_rebuttal_from_the_column(live_server, site_tree, phone_page, tmp_path):
    page = RebuttalPageFactory(
        parent=site_tree["rumours"],
        title="网传“清源自来水有毒”？假的！",
        claim_summary="网传清源全城自来水有毒",
    )
    add_relations(page, sources=2)

    phone_page.goto(live_server.url + "/rumours/")
    phone_page.get_by_role("link", name="网传“清源自来水有毒”？假的！").click()
    phone_page.wait_for_url(live_server.url + page.url)

    label = phone_page.locator(".rebuttal__verdict .verdict")
    assert label.is_visible()
    assert label.inner_text().replace("\n", "") == "✕核查结论：谣言"
    # The label's colours are readable (contrast well above WCAG AA for large text).
    assert label.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(180, 18, 27)"
    assert label.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"

    sources = phone_page.get_by_role("region", name="信息来源").get_by_role("listitem")
    assert sources.count() == 2
    assert sources.first.get_by_role("link").inner_text().startswith("关于自来水水质的情况说明")
    assert phone_page.get_by_role("region", name="真相").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.screenshot(path=str(tmp_path / "rebuttal.png"), full_page=True)
    assert phone_page.console_log.errors == []
