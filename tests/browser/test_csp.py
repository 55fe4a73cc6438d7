"""The pages still work under the enforced Content-Security-Policy (cms/csp.py), and Chromium
reports no violation: search suggestions, both video players, and editing in the admin.

(The site has no share control: the rebuttal page's sharing is its Open Graph tags.)"""

import re

from django.contrib.auth import get_user_model

import pytest

from debunk.factories import RebuttalPageFactory
from debunk.models import RebuttalPage
from tests.browser.conftest import ConsoleLog

# The search corpus and the uploaded episode of the search and video browser tests.
from tests.search.conftest import corpus, publish, rebuttal_type  # noqa: F401
from tests.video.conftest import (  # noqa: F401
    clip,
    clip_dir,
    make_media,
    media_root,
    series,
    uploaded_episode,
)
from video.factories import VideoEpisodePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-csp-test"

# Every frame of every page reports its violations to the test through an exposed function
# (page.evaluate and Playwright's own scripts are not subject to the page's policy).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
  );
});
"""


class Browsing:
    """A browser context that records CSP violations, console errors and the policy headers."""

    def __init__(self, browser, origin, **context_options):
        self.origin = origin
        self.context = browser.new_context(locale="zh-CN", **context_options)
        self.violations = []
        self.policies = []
        self.context.expose_function("reportCspViolation", self._on_violation)
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.page = self.context.new_page()
        self.console_log = ConsoleLog(self.page)
        self.page.on("response", self._on_response)

    def _on_violation(self, description):
        self.violations.append(description)

    def _on_response(self, response):
        if response.request.resource_type == "document" and response.url.startswith(self.origin):
            self.policies.append(response.headers.get("content-security-policy"))

    def settle(self):
        """Give the browser a moment to report what the last action caused."""
        self.page.wait_for_timeout(300)

    def assert_enforced_and_clean(self):
        self.settle()
        assert self.policies and all(self.policies), "a page of ours without an enforced policy"
        assert self.violations == []
        assert self.console_log.errors == []


@pytest.fixture
def browsing(browser, live_server):
    sessions = []

    def start(**context_options):
        sessions.append(Browsing(browser, live_server.url, **context_options))
        return sessions[-1]

    yield start
    for session in sessions:
        session.context.close()


def phone(browsing):
    return browsing(viewport={"width": 390, "height": 844}, device_scale_factor=2)


def test_the_policy_is_enforced_and_its_violations_are_seen(live_server, site_tree, browsing):
    """The check the other tests rely on: an inline script is blocked, and reported."""
    reader = phone(browsing)
    reader.page.goto(live_server.url + "/")
    ran = reader.page.evaluate(
        """() => {
            window.injected = false;
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            return window.injected;
        }"""
    )
    reader.settle()
    assert ran is False
    assert reader.violations == [f"script-src-elem blocked inline on {live_server.url}/"]


@pytest.mark.usefixtures("corpus")
def test_search_suggestions_appear_as_the_reader_types(live_server, browsing):
    reader = phone(browsing)
    reader.page.goto(live_server.url + "/search/")
    box = reader.page.get_by_role("combobox", name="搜索谣言、辟谣和视频")

    box.press_sequentially("网传", delay=50)
    suggestions = reader.page.get_by_role("listbox", name="搜索建议")
    suggestions.get_by_role("option").first.wait_for()

    assert any("塑料大米" in text for text in suggestions.get_by_role("option").all_inner_texts())
    reader.assert_enforced_and_clean()


def test_an_uploaded_episode_plays(live_server, uploaded_episode, browsing):  # noqa: F811
    reader = phone(browsing)
    reader.page.goto(live_server.url + uploaded_episode.url)

    reader.page.locator("video").focus()
    reader.page.keyboard.press("Space")
    reader.page.wait_for_function(
        "() => document.querySelector('video').currentTime > 0.5", timeout=10_000
    )
    reader.assert_enforced_and_clean()


def test_a_platform_player_is_framed_after_play(live_server, series, browsing):  # noqa: F811
    VideoEpisodePageFactory(
        parent=series, slug="bili", embed_url="https://www.bilibili.com/video/BV1GJ411x7h7"
    )
    reader = phone(browsing)
    # The network is closed: the platform's player is answered locally.
    reader.page.route(
        re.compile(r"^https://player\.bilibili\.com/"),
        lambda route: route.fulfill(content_type="text/html", body="<title>player</title>"),
    )
    reader.page.goto(live_server.url + "/videos/truth/bili/")

    reader.page.get_by_role("button", name="播放视频").click()
    reader.page.locator("iframe.embed-facade__frame").wait_for()
    reader.page.wait_for_function("() => window.frames.length === 1")

    player = reader.page.frame_locator("iframe.embed-facade__frame")
    player.locator("title").wait_for(state="attached")
    assert reader.page.frames[1].url.startswith("https://player.bilibili.com/player.html")
    reader.assert_enforced_and_clean()


def test_an_editor_edits_a_rebuttal_with_autosave_and_saves_a_draft(
    live_server, site_tree, browsing
):
    rebuttal = RebuttalPageFactory(parent=site_tree["rumours"], slug="tap-water")
    get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)
    editor = browsing(viewport={"width": 1280, "height": 1000})
    page = editor.page
    # Wagtail snapshots the edit form two seconds after its change tracker starts, and counts
    # changes from then on; the tracker starts twice here. Wait for every snapshot.
    editor.context.add_init_script(
        """window.trackers = { started: 0, snapshots: 0 };
        for (const [name, key] of [["ready", "started"], ["watch-edits", "snapshots"]]) {
            document.addEventListener(`w-unsaved:${name}`, (event) => {
                if (event.target.id === "page-edit-form") window.trackers[key] += 1;
            });
        }"""
    )

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(f"{live_server.url}/admin/pages/{rebuttal.pk}/edit/")
    page.wait_for_function("() => trackers.started && trackers.snapshots >= trackers.started")
    with page.expect_response(
        lambda response: response.request.method == "POST" and response.url.endswith("/edit/")
    ) as autosave:
        page.fill("#id_short_answer", "县水务局复检：各项指标合格。")
    assert autosave.value.ok, "the autosave was refused"
    latest = RebuttalPage.objects.get(pk=rebuttal.pk).get_latest_revision()
    assert latest.content["short_answer"] == "县水务局复检：各项指标合格。"

    page.locator('[data-side-panel-toggle="preview"]').click()  # the live preview frames us
    page.frame_locator("#w-preview-iframe").get_by_text("县水务局复检").wait_for()

    page.fill("#id_claim_summary", "网传全城自来水有毒（草稿）")
    with page.expect_navigation():
        page.get_by_role("button", name="保存草稿").click()
    assert page.locator(".messages .success").count() == 1
    latest = RebuttalPage.objects.get(pk=rebuttal.pk).get_latest_revision()
    assert latest.content["claim_summary"] == "网传全城自来水有毒（草稿）"
    assert RebuttalPage.objects.get(pk=rebuttal.pk).has_unpublished_changes

    editor.assert_enforced_and_clean()
