"""The reader's front door on a 390 px phone (issue 16): the home page answers, shares carry
the verdict and a share card, 简体/繁體 reading survives navigation, the header reflows at
320 px with 200 % text, and axe finds nothing on the pages readers use most."""

import io
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from campaigns.factories import CampaignPageFactory, days_from_today
from debunk.factories import CategoryFactory, RebuttalPageFactory
from debunk.verdicts import Verdict
from video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set to a folder (e.g. docs/screenshots) to keep the screenshots these tests take.
SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")

REBUTTALS = [
    ("tap-water", "网传全城自来水有毒？假的", "网传清源全城自来水有毒", Verdict.FALSE),
    ("plastic-rice", "网传超市卖塑料大米？假的", "网传超市出售塑料大米", Verdict.FALSE),
    ("iodine-salt", "多吃碘盐能防辐射？误导", "网传多吃碘盐可以防辐射", Verdict.MISLEADING),
    ("bridge", "城南大桥封闭三个月？部分属实", "网传城南大桥封闭三个月", Verdict.PARTLY_TRUE),
    ("school", "下周中小学提前放寒假？谣言", "网传全县中小学提前放寒假", Verdict.FALSE),
    ("storm", "周六有特大暴雨？属实", "网传周六有特大暴雨", Verdict.TRUE),
]


@pytest.fixture
def front_door(site_tree):
    food = CategoryFactory()
    pages = {}
    for n, (slug, title, summary, verdict) in enumerate(REBUTTALS):
        page = RebuttalPageFactory(
            parent=site_tree["rumours"],
            slug=slug,
            title=title,
            claim_summary=summary,
            verdict=verdict,
            category=food if n % 2 else None,
            live=False,
        )
        page.save_revision().publish()  # as the admin does: search holds it
        pages[slug] = page
    series = VideoSeriesPageFactory(parent=site_tree["videos"], title="一分钟看真相", slug="truth")
    pages["episode"] = VideoEpisodePageFactory(
        parent=series, slug="water-video", title="自来水真的有毒吗"
    )
    pages["campaign"] = CampaignPageFactory(
        parent=site_tree["campaigns"],
        title="我想对清源说句话",
        slug="say-something",
        start_date=days_from_today(-1),
        end_date=days_from_today(5),
        accepts_submissions=True,
    )
    return pages


def shot(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def test_home_shows_rebuttals_and_a_working_search_box(live_server, front_door, phone_page):
    phone_page.goto(live_server.url + "/")
    assert phone_page.locator(".rebuttal-card").count() >= 5
    box = phone_page.get_by_role("combobox", name="收到可疑消息？搜一搜有没有辟谣")
    assert box.is_visible()
    shot(phone_page, "home")
    box.fill("自来水")
    phone_page.get_by_role("listbox", name="搜索建议").get_by_role("option").first.wait_for()
    box.press("Enter")
    phone_page.wait_for_url(re.compile(r"/search/\?q="))
    assert phone_page.locator(".search-hit").count() >= 1
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone_page.console_log.errors == []


def test_a_shared_rebuttal_leads_with_the_verdict_and_has_a_share_card(
    live_server, front_door, phone_page
):
    phone_page.goto(live_server.url + "/rumours/tap-water/")
    assert phone_page.title().startswith("【谣言】")
    og_title = phone_page.locator('meta[property="og:title"]').get_attribute("content")
    assert og_title.startswith("【谣言】")
    og_image = phone_page.locator('meta[property="og:image"]').get_attribute("content")
    # The card's address is the site's (SITE_URL); fetch its path from the live server.
    response = phone_page.request.get(live_server.url + urlsplit(og_image).path)
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(response.body())).width >= 600
    assert phone_page.get_by_role("region", name="转给家人朋友").is_visible()
    shot(phone_page, "rebuttal")
    assert phone_page.console_log.errors == []


def test_the_toggle_turns_pages_traditional_and_back_and_survives_navigation(
    live_server, front_door, phone_page
):
    page = phone_page
    page.goto(live_server.url + "/rumours/tap-water/")
    page.get_by_role("link", name="繁體").click()
    page.wait_for_url(re.compile(r"script=hant"))
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert "網傳全城自來水有毒" in page.locator("h1").inner_text()

    # Links carry the choice, and a page opened without it is shown in Traditional too.
    page.get_by_role("navigation", name="欄目導航").get_by_role("link", name="捉謠記").click()
    page.wait_for_url(re.compile(r"/rumours/\?script=hant"))
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    page.goto(live_server.url + "/rumours/plastic-rice/")
    page.wait_for_url(re.compile(r"script=hant"))
    assert "網傳超市賣塑料大米" in page.locator("h1").inner_text()

    page.get_by_role("link", name="简体").click()
    page.wait_for_url(live_server.url + "/rumours/plastic-rice/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="捉谣记").click()
    page.wait_for_url(live_server.url + "/rumours/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.console_log.errors == []


def test_the_header_reflows_at_320px_with_200_percent_text(live_server, front_door, browser):
    context = browser.new_context(viewport={"width": 320, "height": 700}, locale="zh-CN")
    page = context.new_page()
    try:
        for path in ["/", "/rumours/tap-water/", "/search/"]:
            page.goto(live_server.url + path)
            # 200 % text, as a reader's browser setting gives (CSSOM: allowed by the CSP).
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            header = page.locator(".site-header")
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
            assert header.evaluate("e => e.scrollWidth <= e.clientWidth"), path
            search = page.locator(".site-header__actions").get_by_role("link", name="搜索")
            box = search.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, path
    finally:
        context.close()


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_axe_finds_no_violations(live_server, front_door, phone_page):
    page = phone_page
    paths = {
        "home": "/",
        "column": "/rumours/",
        "rebuttal": "/rumours/tap-water/",
        "tip form": "/tips/",
        "episode": front_door["episode"].url,
        "campaign": front_door["campaign"].url,
    }
    found = {}
    for name, path in paths.items():
        page.goto(live_server.url + path)
        found[name] = axe_violations(page)
    # The search page with its suggestions open.
    page.goto(live_server.url + "/search/?q=自来水")
    box = page.get_by_role("combobox", name="搜索谣言、辟谣和视频")
    box.fill("")
    box.press_sequentially("网传", delay=30)
    page.get_by_role("listbox", name="搜索建议").get_by_role("option").first.wait_for()
    found["search (suggestions open)"] = axe_violations(page)
    shot(page, "search")
    assert {name: v for name, v in found.items() if v} == {}


def test_print_keeps_the_answer_and_dark_mode_follows_the_system(
    live_server, front_door, phone_page
):
    page = phone_page
    page.goto(live_server.url + "/rumours/tap-water/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".share").is_visible()
    assert not page.locator(".site-footer").is_visible()
    for kept in [".rebuttal__verdict", ".claim__text", ".truth-box"]:
        assert page.locator(kept).first.is_visible(), kept
    page.emulate_media(media="screen", color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 23, 27)"
    dark = {}
    for path in ["/", "/rumours/tap-water/", "/tips/", "/search/?q=自来水"]:
        page.goto(live_server.url + path)
        dark[path] = axe_violations(page)
    assert {path: v for path, v in dark.items() if v} == {}  # readable in dark mode too
    page.emulate_media(color_scheme="light")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(245, 246, 248)"
