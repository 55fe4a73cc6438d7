"""A reader takes part in a campaign; a moderator approves; the message appears on the page."""

import pytest

from campaigns.factories import CampaignPageFactory, days_from_today
from campaigns.models import CampaignSubmission, SubmissionStatus
from tests.campaigns.conftest import make_video

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MESSAGE = "我想对清源说：转发之前先求证，谣言止于智者！"


@pytest.fixture
def campaign(site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return CampaignPageFactory(
        parent=site_tree["campaigns"],
        title="我想对清源说句话",
        slug="say-something",
        start_date=days_from_today(-1),
        end_date=days_from_today(1),
        accepts_submissions=True,
    )


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_superuser("moderator", password="审核-secret-123")


def test_reader_submits_and_sees_it_after_approval(
    live_server, campaign, moderator, phone_page, browser, tmp_path
):
    # The reader, on a phone.
    phone_page.goto(live_server.url + campaign.url)
    form = phone_page.locator("#participate form")
    form.get_by_label("姓名或昵称", exact=True).fill("城关小李")
    form.get_by_label("联系方式", exact=True).fill("13800001234")
    form.get_by_label("乡镇（街道）", exact=True).fill("城关镇")
    form.get_by_label("留言", exact=True).fill(MESSAGE)
    form.get_by_label("上传短视频（可选）", exact=True).set_input_files(
        make_video(tmp_path / "clip.mp4")
    )
    form.get_by_label("我同意在本活动页面公开展示").check()
    form.get_by_role("button", name="提交投稿").click()

    phone_page.wait_for_url("**/say-something/submitted/")
    assert phone_page.get_by_role("status").inner_text().startswith("投稿已收到，等待审核")
    assert MESSAGE not in phone_page.content()
    submission = CampaignSubmission.objects.get()
    assert submission.status == SubmissionStatus.PENDING
    assert submission.video_duration == 1

    # The moderator, at a desk.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    admin = desk.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.get_by_label("用户名").fill("moderator")
    admin.get_by_placeholder("输入密码").fill("审核-secret-123")
    admin.get_by_role("button", name="登录").click()
    admin.wait_for_url(live_server.url + "/admin/")
    admin.get_by_role("link", name="活动投稿").click()
    row = admin.locator("tr", has_text="城关小李")
    row.locator("input[type=checkbox]").check()
    admin.get_by_role("link", name="通过所选投稿并公开展示").click()
    admin.wait_for_url("**/admin/bulk/campaigns/campaignsubmission/approve/**")
    assert "确定将以下 1 条投稿标记为“已通过”吗" in admin.locator("main").inner_text()
    admin.get_by_role("button", name="通过").click()
    admin.wait_for_url("**/admin/snippets/campaigns/campaignsubmission/**")
    assert "已将 1 条投稿标记为“已通过”" in admin.content()
    desk.close()

    # The reader looks again.
    phone_page.goto(live_server.url + campaign.url)
    wall = phone_page.locator("#wall")
    assert MESSAGE in wall.inner_text()
    assert "城关镇 · 城关小李" in wall.inner_text()
    assert wall.locator("video").count() == 1
    assert "13800001234" not in phone_page.content()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone_page.console_log.errors == []
    # It plays from the campaign page's route (the file is in private storage); last, as the
    # player drops the rest of the file once it has what it needs (a request Chromium reports
    # as failed).
    duration = phone_page.evaluate(
        """() => new Promise((resolve, reject) => {
            const video = document.querySelector("#wall video");
            video.addEventListener("loadedmetadata", () => resolve(video.duration));
            video.addEventListener("error", () => reject(new Error("video error")));
            video.preload = "metadata";
            video.load();
        })"""
    )
    assert duration == pytest.approx(1, abs=0.2)


def test_reader_is_told_what_to_fix(live_server, campaign, phone_page):
    phone_page.goto(live_server.url + campaign.url)
    form = phone_page.locator("#participate form")
    form.get_by_label("姓名或昵称", exact=True).fill("<script>alert(1)</script>")
    form.get_by_label("联系方式", exact=True).fill("13800001234")
    form.get_by_label("乡镇（街道）", exact=True).fill("城关镇")
    form.get_by_label("留言", exact=True).fill("你好")
    form.get_by_label("我同意在本活动页面公开展示").check()
    form.get_by_role("button", name="提交投稿").click()

    phone_page.wait_for_load_state()
    assert "请不要输入网页代码或脚本" in phone_page.locator("#participate").inner_text()
    assert CampaignSubmission.objects.count() == 0
    assert phone_page.console_log.errors == []
