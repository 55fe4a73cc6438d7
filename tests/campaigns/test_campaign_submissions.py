"""The public submission form: what it accepts, what it refuses, and what the page then shows."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest
from wagtail_factories import ImageFactory

from campaigns.factories import (
    CampaignPageFactory,
    CampaignPostPageFactory,
    CampaignSubmissionFactory,
    days_from_today,
)
from campaigns.models import CampaignSubmission, SubmissionStatus
from campaigns.models.pages import WALL_PER_PAGE
from core.markup import contains_markup, plain_text

pytestmark = pytest.mark.django_db

VALID = {
    "name": "小林",
    "contact": "13800001234",
    "township": "城关镇",
    "message": "我想对清源说：谣言止于智者，转发之前先求证！",
    "video_url": "",
    "consent": "on",
}


def post(client, campaign, data=None, **extra):
    return client.post(campaign.url + "submit/", {**VALID, **(data or {})}, **extra)


def upload(name, content, content_type="video/mp4"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# The happy path ----------------------------------------------------------------------------------


def test_valid_submission_is_stored_pending_and_confirmed(client, ongoing_campaign):
    response = post(client, ongoing_campaign)

    assert response.status_code == 302
    assert response["Location"] == ongoing_campaign.url + "submitted/"
    submission = CampaignSubmission.objects.get()
    assert submission.campaign_id == ongoing_campaign.pk
    assert submission.status == SubmissionStatus.PENDING
    assert (submission.name, submission.contact, submission.township) == (
        "小林",
        "13800001234",
        "城关镇",
    )
    html = client.get(response["Location"]).content.decode()
    assert "投稿已收到，等待审核" in html
    assert "谣言止于智者" not in html  # pending: not on the wall


def test_submission_with_a_short_video_keeps_the_file_privately_with_its_duration(
    client, ongoing_campaign, media_root, private_media_root, short_mp4
):
    video = upload("我的视频.MP4", short_mp4.read_bytes())
    response = post(client, ongoing_campaign, {"video": video})

    assert response.status_code == 302
    submission = CampaignSubmission.objects.get()
    assert submission.video_duration == 1
    assert submission.video.name.startswith("campaign-submissions/")
    assert submission.video.name.endswith(".mp4")
    assert "我的视频" not in submission.video.name  # an unguessable name, not the sender's
    assert (private_media_root / submission.video.name).read_bytes() == short_mp4.read_bytes()
    assert not (media_root / submission.video.name).exists()  # nothing the web server serves


def test_submission_with_a_video_link(client, ongoing_campaign):
    post(client, ongoing_campaign, {"video_url": "https://www.douyin.com/video/123"})
    assert CampaignSubmission.objects.get().video_url == "https://www.douyin.com/video/123"


def test_form_is_shown_only_while_the_campaign_is_ongoing(client, campaign_index):
    kinds = {
        "ongoing": (days_from_today(-1), days_from_today(1)),
        "upcoming": (days_from_today(1), days_from_today(9)),
        "ended": (days_from_today(-9), days_from_today(-1)),
    }
    shown = {}
    for kind, (start, end) in kinds.items():
        campaign = CampaignPageFactory(
            parent=campaign_index, slug=kind, start_date=start, end_date=end
        )
        campaign.accepts_submissions = True
        campaign.save_revision().publish()
        shown[kind] = 'action="/campaigns/' in client.get(campaign.url).content.decode()
    assert shown == {"ongoing": True, "upcoming": False, "ended": False}


# Refusals: a clear message and nothing stored ----------------------------------------------------


def assert_refused(response, message, status=200):
    assert response.status_code == status
    assert message in response.content.decode()
    assert CampaignSubmission.objects.count() == 0


def test_submission_after_the_end_date_is_refused(client, ongoing_campaign):
    ongoing_campaign.start_date = datetime.date(2024, 6, 1)
    ongoing_campaign.end_date = datetime.date(2024, 6, 30)
    ongoing_campaign.save_revision().publish()

    assert_refused(
        post(client, ongoing_campaign), "本活动已于 2024年6月30日 结束，不再接收投稿", 403
    )


def test_submission_before_the_start_date_is_refused(client, ongoing_campaign):
    ongoing_campaign.start_date = days_from_today(3)
    ongoing_campaign.end_date = days_from_today(30)
    ongoing_campaign.save_revision().publish()

    assert_refused(post(client, ongoing_campaign), "开始，届时欢迎投稿", 403)


def test_campaign_without_submissions_refuses_them(client, campaign_index):
    campaign = CampaignPageFactory(parent=campaign_index, accepts_submissions=False)
    assert_refused(post(client, campaign), "本活动未开放公众投稿", 403)


def test_submission_without_consent_is_refused(client, ongoing_campaign):
    data = {key: value for key, value in VALID.items() if key != "consent"}
    response = client.post(ongoing_campaign.url + "submit/", data)
    assert_refused(response, "请勾选同意公开展示")
    # What the reader typed is still in the form.
    assert "谣言止于智者" in response.content.decode()


@pytest.mark.parametrize("field", ["name", "contact", "township", "message"])
def test_missing_required_text_is_refused(client, ongoing_campaign, field):
    assert_refused(post(client, ongoing_campaign, {field: "   "}), "提交未成功")


def test_oversized_video_is_refused(client, ongoing_campaign, media_root, settings):
    settings.CAMPAIGN_VIDEO_MAX_MB = 1
    big = upload("big.mp4", b"\0" * (1024 * 1024 + 1))
    assert_refused(post(client, ongoing_campaign, {"video": big}), "视频文件太大：最大 1 MB")
    assert not media_root.exists() or not any(media_root.rglob("*.mp4"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"just text", "只接受 MP4、MOV 或 WebM 格式的视频文件"),
        ("run.exe", b"MZ\x90\x00", "只接受 MP4、MOV 或 WebM 格式的视频文件"),
        ("fake.mp4", b"this is not a video at all", "只接受 MP4、MOV 或 WebM 格式的视频"),
        # A playlist dressed as a video: ffprobe must never be left to follow it.
        ("list.mp4", b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n", "只接受 MP4、MOV 或 WebM"),
        # The right first bytes, then garbage.
        ("broken.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200, "无法识别这个文件"),
    ],
)
def test_files_that_are_not_videos_are_refused(
    client, ongoing_campaign, media_root, name, content, message
):
    response = post(client, ongoing_campaign, {"video": upload(name, content)})
    assert_refused(response, message)


def test_an_image_renamed_to_mp4_is_refused(client, ongoing_campaign, media_root):
    from wagtail.images.tests.utils import get_test_image_file

    png = get_test_image_file().file.getvalue()
    assert_refused(
        post(client, ongoing_campaign, {"video": upload("photo.mp4", png)}),
        "只接受 MP4、MOV 或 WebM 格式的视频",
    )


def test_a_video_longer_than_allowed_is_refused(
    client, ongoing_campaign, media_root, settings, long_mp4
):
    settings.CAMPAIGN_VIDEO_MAX_SECONDS = 3
    video = upload("long.mp4", long_mp4.read_bytes())
    assert_refused(
        post(client, ongoing_campaign, {"video": video}), "视频太长了：最长 3 秒，这个视频有 5 秒"
    )


def test_a_file_and_a_link_together_are_refused(client, ongoing_campaign, media_root, short_mp4):
    data = {"video": upload("a.mp4", short_mp4.read_bytes()), "video_url": "https://b.example/v"}
    assert_refused(post(client, ongoing_campaign, data), "上传视频和填写链接请二选一")


@pytest.mark.parametrize("field", ["name", "contact", "township", "message"])
@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<<script>script>alert(1)<</script>/script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        '<a href="javascript:alert(1)">点我</a>',
    ],
)
def test_scripts_in_any_text_field_are_refused(client, ongoing_campaign, field, attack):
    response = post(client, ongoing_campaign, {field: attack[:30]})
    assert_refused(response, "请不要输入网页代码或脚本")
    assert "<script>alert" not in response.content.decode()
    assert "<img src=x" not in response.content.decode()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/v.mp4", "data:text/html,<b>x</b>"]
)
def test_links_other_than_http_are_refused(client, ongoing_campaign, url):
    assert_refused(post(client, ongoing_campaign, {"video_url": url}), "提交未成功")


def test_thousands_of_characters_are_refused(client, ongoing_campaign):
    response = post(client, ongoing_campaign, {"message": "谣" * 3000})
    assert_refused(response, "留言最多 500 个字，现在是 3000 个字")


def test_a_too_long_name_is_refused(client, ongoing_campaign):
    assert_refused(post(client, ongoing_campaign, {"name": "名" * 31}), "姓名或昵称最多 30 个字")


def test_plain_text_that_looks_like_markup_is_accepted(client, ongoing_campaign):
    post(client, ongoing_campaign, {"message": "1 < 2，爱你 <3，AT&T"})
    assert CampaignSubmission.objects.get().message == "1 < 2，爱你 <3，AT&T"


# Rate limit, honeypot, CSRF ----------------------------------------------------------------------


def test_submissions_faster_than_the_rate_limit_are_refused(client, ongoing_campaign, settings):
    settings.CAMPAIGN_SUBMISSIONS_PER_IP = 2
    settings.CAMPAIGN_SUBMISSIONS_WINDOW_SECONDS = 600
    assert post(client, ongoing_campaign).status_code == 302
    assert post(client, ongoing_campaign).status_code == 302

    response = post(client, ongoing_campaign, {"message": "第三条，太快了"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "提交太频繁了" in html
    assert "每 10 分钟最多提交 2 次" in html
    assert "你填写的内容没有保存" in html
    assert "第三条，太快了" in html  # typed text is put back into the form
    assert 0 < int(response["Retry-After"]) <= 600
    assert CampaignSubmission.objects.count() == 2
    assert not CampaignSubmission.objects.filter(message="第三条，太快了").exists()
    # Another address is not affected.
    assert post(client, ongoing_campaign, REMOTE_ADDR="10.9.8.7").status_code == 302


def test_rate_limit_uses_the_address_the_trusted_proxy_saw(client, ongoing_campaign, settings):
    settings.CAMPAIGN_SUBMISSIONS_PER_IP = 1
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed = {"HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.5"}
    assert post(client, ongoing_campaign, **spoofed).status_code == 302
    # A client cannot escape the limit by prepending addresses of its own.
    again = {"HTTP_X_FORWARDED_FOR": "2.2.2.2, 203.0.113.5"}
    assert post(client, ongoing_campaign, **again).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    assert post(client, ongoing_campaign, **other).status_code == 302


def test_honeypot_pretends_success_and_stores_nothing(client, ongoing_campaign):
    response = post(client, ongoing_campaign, {"website": "http://spam.example"})
    assert response.status_code == 302
    assert CampaignSubmission.objects.count() == 0


def test_post_without_csrf_token_gets_a_chinese_explanation(ongoing_campaign):
    strict = Client(enforce_csrf_checks=True)
    response = post(strict, ongoing_campaign)
    assert_refused(response, "为了安全，这次提交没有被接收", 403)


def test_form_carries_a_csrf_token_and_a_hidden_honeypot(client, ongoing_campaign):
    html = client.get(ongoing_campaign.url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<div class="form__hp" aria-hidden="true">' in html
    assert 'name="website"' in html


def test_get_on_the_submit_url_goes_back_to_the_form(client, ongoing_campaign):
    response = client.get(ongoing_campaign.url + "submit/")
    assert response.status_code == 302
    assert response["Location"] == ongoing_campaign.url + "#participate"


# What the page shows -----------------------------------------------------------------------------


def test_only_approved_submissions_appear_on_the_wall(client, ongoing_campaign):
    for status in SubmissionStatus.values:
        CampaignSubmissionFactory(
            campaign=ongoing_campaign, status=status, message=f"状态为{status}的留言"
        )

    html = client.get(ongoing_campaign.url).content.decode()

    assert "状态为approved的留言" in html
    assert "状态为pending的留言" not in html
    assert "状态为rejected的留言" not in html
    assert "大家说" in html


def test_contact_details_never_reach_the_page(client, ongoing_campaign):
    CampaignSubmissionFactory(
        campaign=ongoing_campaign, status=SubmissionStatus.APPROVED, contact="13912345678"
    )
    html = client.get(ongoing_campaign.url).content.decode()
    assert "城关镇" in html
    assert "13912345678" not in html


def test_stored_markup_is_cleaned_on_save_and_never_displayed(client, ongoing_campaign):
    # Written around the form (an admin edit, an import): the model cleans it on save…
    saved = CampaignSubmissionFactory(
        campaign=ongoing_campaign,
        status=SubmissionStatus.APPROVED,
        name="<b>小王</b>",
        message="<script>alert(1)</script>你好",
    )
    assert (saved.name, saved.message) == ("小王", "alert(1)你好")
    # …and a row changed behind the model's back is cleaned again when shown.
    CampaignSubmission.objects.filter(pk=saved.pk).update(
        message='<img src=x onerror="alert(2)">再见', township="<i>城东</i>"
    )

    html = client.get(ongoing_campaign.url).content.decode()

    assert "<img src=x" not in html
    assert "<i>城东" not in html
    assert "再见" in html
    assert "城东" in html


def test_video_links_on_the_wall_cannot_carry_referrers_or_rank(client, ongoing_campaign):
    CampaignSubmissionFactory(
        campaign=ongoing_campaign,
        status=SubmissionStatus.APPROVED,
        video_url="https://v.example.org/1",
    )
    html = client.get(ongoing_campaign.url).content.decode()
    assert (
        '<a class="wall__link" href="https://v.example.org/1" '
        'rel="nofollow ugc noopener noreferrer" target="_blank">'
    ) in html


def add_gallery_and_posts(campaign, count):
    for n in range(count):
        campaign.gallery_images.create(image=ImageFactory(), caption=f"图{n}")
        CampaignPostPageFactory(parent=campaign)
    campaign.organisers.create(name="县委网信办")
    campaign.save_revision().publish()


def test_campaign_page_query_count_is_constant_with_many_approved_submissions(
    client, ongoing_campaign, django_assert_max_num_queries
):
    add_gallery_and_posts(ongoing_campaign, 1)
    CampaignSubmissionFactory.create_batch(
        3, campaign=ongoing_campaign, status=SubmissionStatus.APPROVED
    )
    client.get(ongoing_campaign.url)  # renders (and stores) the gallery renditions once
    with django_assert_max_num_queries(20) as baseline:
        client.get(ongoing_campaign.url)
    baseline_count = len(baseline.captured_queries)

    CampaignSubmissionFactory.create_batch(
        80, campaign=ongoing_campaign, status=SubmissionStatus.APPROVED
    )
    CampaignSubmissionFactory.create_batch(20, campaign=ongoing_campaign)  # pending
    add_gallery_and_posts(ongoing_campaign, 5)
    client.get(ongoing_campaign.url)

    with django_assert_max_num_queries(baseline_count):
        response = client.get(ongoing_campaign.url)
    html = response.content.decode()
    assert html.count('class="wall__item"') == 24  # one page of the wall
    assert "83 条" in html
    assert html.count('class="campaign-gallery__item"') == 6
    assert html.count('class="post-list__item"') == 6
    assert (
        client.get(ongoing_campaign.url + "?wall=4").content.decode().count('class="wall__item"')
        == 83 - 3 * 24
    )


@pytest.fixture
def three_wall_pages(ongoing_campaign):
    CampaignSubmissionFactory.create_batch(
        2 * WALL_PER_PAGE + 1, campaign=ongoing_campaign, status=SubmissionStatus.APPROVED
    )
    return ongoing_campaign


def test_wall_pages_keep_the_other_query_parameters(client, three_wall_pages):
    html = client.get(three_wall_pages.url + "?from=weixin&wall=2").content.decode()

    assert "第 2 / 3 页" in html
    assert 'rel="prev" href="?from=weixin#wall"' in html  # the first page has no wall=
    assert 'rel="next" href="?from=weixin&amp;wall=3#wall"' in html


@pytest.mark.parametrize("wall", ["abc", "0", "-2", "1.5", "", "%00"])
def test_junk_wall_page_numbers_show_the_first_page(client, three_wall_pages, wall):
    response = client.get(three_wall_pages.url + f"?wall={wall}")

    assert response.status_code == 200
    assert "第 1 / 3 页" in response.content.decode()


def test_wall_pages_past_the_end_are_404(client, three_wall_pages):
    assert client.get(three_wall_pages.url + "?wall=4").status_code == 404
    assert client.get(three_wall_pages.url + "?wall=99999999999999999999").status_code == 404


# The sanitiser on its own ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean", "markup"),
    [
        ("你好", "你好", False),
        ("1 < 2 且 3 > 2", "1 < 2 且 3 > 2", False),
        ("AT&T", "AT&T", False),
        ("<b>粗体</b>", "粗体", True),
        ("<script>alert(1)</script>", "alert(1)", True),
        ("<<script>script>alert(1)<</script>/script>", "alert(1)", True),
        ("&lt;b&gt;x", "x", True),
        ("<!-- 注释 -->正文", "正文", True),
        ("第一行\r\n第二行", "第一行\n第二行", False),
        ("零宽\u202e反转", "零宽反转", False),
    ],
)
def test_plain_text_and_contains_markup(raw, clean, markup):
    assert plain_text(raw) == clean
    assert contains_markup(raw) is markup
    assert plain_text(plain_text(raw)) == plain_text(raw)


def test_missing_ffprobe_asks_for_a_link_instead_of_failing(
    client, ongoing_campaign, media_root, settings, short_mp4
):
    settings.FFPROBE_PATH = "/nonexistent/ffprobe"
    video = upload("clip.mp4", short_mp4.read_bytes())
    assert_refused(post(client, ongoing_campaign, {"video": video}), "请改为填写视频链接")


def test_a_stored_submission_keeps_comparisons_and_entities_as_typed(ongoing_campaign):
    submission = CampaignSubmissionFactory(
        campaign=ongoing_campaign, message="a<b 和 b>c，&lt;不是标签&gt;，<b>加粗</b>"
    )
    submission.refresh_from_db()
    assert submission.message == "a<b 和 b>c，&lt;不是标签&gt;，加粗"
