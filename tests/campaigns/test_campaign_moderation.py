"""Moderation in the Wagtail admin: listing, filters, bulk approve/reject, export files."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from campaigns.factories import CampaignPageFactory, CampaignSubmissionFactory
from campaigns.models import CampaignSubmission, SubmissionStatus
from tests.campaigns.conftest import member_of

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_campaigns_campaignsubmission:list")


def bulk_url(action, submissions):
    ids = "&".join(f"id={submission.pk}" for submission in submissions)
    base = reverse("wagtail_bulk_action", args=("campaigns", "campaignsubmission", action))
    return f"{base}?{ids}&next={LIST_URL}"


@pytest.fixture
def submissions(ongoing_campaign, campaign_index):
    other = CampaignPageFactory(parent=campaign_index, title="另一个活动", slug="other")
    return {
        "pending": CampaignSubmissionFactory(
            campaign=ongoing_campaign,
            name="待审网友",
            message="等待审核的留言",
            contact="13911110000",
        ),
        "pending2": CampaignSubmissionFactory(
            campaign=ongoing_campaign, name="又一位网友", message="第二条待审留言"
        ),
        "approved": CampaignSubmissionFactory(
            campaign=ongoing_campaign,
            name="已通过网友",
            status=SubmissionStatus.APPROVED,
            message='=HYPERLINK("http://evil.example")',
            township="城东街道",
        ),
        "other": CampaignSubmissionFactory(
            campaign=other, name="别处网友", message="另一个活动的留言"
        ),
    }


def listing_names(response):
    html = response.content.decode()
    return {name for name in ("待审网友", "又一位网友", "已通过网友", "别处网友") if name in html}


def test_listing_filters_by_campaign_and_status(admin_client, submissions, ongoing_campaign):
    everything = admin_client.get(LIST_URL)
    assert everything.status_code == 200
    assert listing_names(everything) == {"待审网友", "又一位网友", "已通过网友", "别处网友"}
    assert "13911110000" not in everything.content.decode()  # contact is not a column

    by_campaign = admin_client.get(LIST_URL, {"campaign": ongoing_campaign.pk})
    assert listing_names(by_campaign) == {"待审网友", "又一位网友", "已通过网友"}

    pending_here = admin_client.get(
        LIST_URL, {"campaign": ongoing_campaign.pk, "status": SubmissionStatus.PENDING}
    )
    assert listing_names(pending_here) == {"待审网友", "又一位网友"}


@pytest.mark.parametrize(
    "junk",
    [
        {"campaign": "1" + "0" * 30},  # an OverflowError (a 500) once
        {"campaign": "-1"},
        {"campaign": "不是编号"},
        {"status": "maybe"},
        {"created_at_from": "2024-13-45"},
    ],
    ids=["huge-id", "negative-id", "text-id", "status", "date"],
)
def test_a_junk_filter_lists_and_exports_nothing(admin_client, submissions, junk):
    response = admin_client.get(LIST_URL, junk)
    assert response.status_code == 200
    assert listing_names(response) == set()

    export = admin_client.get(LIST_URL, {**junk, "export": "csv"})
    assert len(read_csv(export)) == 1  # the headings only


def test_nobody_adds_submissions_in_the_admin(admin_client, submissions):
    assert admin_client.get(
        reverse("wagtailsnippets_campaigns_campaignsubmission:add")
    ).status_code in (
        302,
        403,
    )
    assert (
        'href="/admin/snippets/campaigns/campaignsubmission/add/"'
        not in admin_client.get(LIST_URL).content.decode()
    )


def test_bulk_approve_publishes_on_the_campaign_page(
    admin_client, admin_user, client, submissions, ongoing_campaign
):
    chosen = [submissions["pending"], submissions["pending2"]]
    confirm = admin_client.get(bulk_url("approve", chosen))
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "确定将以下 2 条投稿标记为“已通过”吗？通过后将立即在活动页面公开展示" in page
    assert f"（{ongoing_campaign.title}，待审核）" in page

    response = admin_client.post(bulk_url("approve", chosen))

    assert response.status_code == 302
    for submission in chosen:
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.APPROVED
        assert submission.moderated_by == admin_user
        assert submission.moderated_at is not None
    html = client.get(ongoing_campaign.url).content.decode()
    assert "等待审核的留言" in html
    assert "第二条待审留言" in html
    assert "13911110000" not in html


@pytest.mark.parametrize("ids", ["id=abc", "id=99999999999999999999999", "id=-1", "id=1&id=x"])
def test_junk_ids_in_a_bulk_action_are_404(admin_client, submissions, ids):
    base = reverse("wagtail_bulk_action", args=("campaigns", "campaignsubmission", "approve"))
    assert admin_client.get(f"{base}?{ids}").status_code == 404


def test_bulk_reject_hides_an_approved_submission(admin_client, client, submissions):
    approved = submissions["approved"]
    admin_client.post(bulk_url("reject", [approved]))

    approved.refresh_from_db()
    assert approved.status == SubmissionStatus.REJECTED
    assert "城东街道" not in client.get(approved.campaign.url).content.decode()


def test_bulk_actions_need_the_change_permission(client, submissions):
    viewer = get_user_model().objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_campaignsubmission"),
    )
    client.force_login(viewer)

    client.post(bulk_url("approve", [submissions["pending"]]))

    submissions["pending"].refresh_from_db()
    assert submissions["pending"].status == SubmissionStatus.PENDING


def test_status_change_in_the_edit_view_records_the_moderator(
    admin_client, admin_user, submissions
):
    submission = submissions["pending"]
    url = reverse("wagtailsnippets_campaigns_campaignsubmission:edit", args=(submission.pk,))
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url,
        {
            "name": submission.name,
            "township": submission.township,
            "message": "编辑删掉了留言里的手机号",
            "video_url": "",
            "contact": submission.contact,
            "status": SubmissionStatus.APPROVED,
            "moderation_note": "",
        },
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert submission.message == "编辑删掉了留言里的手机号"
    assert submission.moderated_by == admin_user


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # Excel needs the BOM to read Chinese
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_export_follows_the_filters_and_leaves_contact_out(
    admin_client, submissions, ongoing_campaign
):
    response = admin_client.get(LIST_URL, {"campaign": ongoing_campaign.pk, "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="campaign-submissions.csv"'
    rows = read_csv(response)
    heading, records = rows[0], rows[1:]
    assert heading == [
        "编号",
        "活动",
        "姓名或昵称",
        "乡镇（街道）",
        "留言",
        "视频文件",
        "视频链接",
        "视频时长（秒）",
        "审核状态",
        "提交时间",
        "审核时间",
    ]
    by_name = {record[2]: record for record in records}
    assert set(by_name) == {"待审网友", "又一位网友", "已通过网友"}
    assert by_name["待审网友"][1] == "我想对清源说句话"
    assert by_name["待审网友"][8] == "待审核"
    # A formula typed by the public is text in the spreadsheet, not something Excel runs.
    assert by_name["已通过网友"][4] == '\'=HYPERLINK("http://evil.example")'
    assert "13911110000" not in str(rows)


def test_xlsx_export_opens_and_reads_back(admin_client, submissions):
    response = admin_client.get(LIST_URL, {"status": SubmissionStatus.PENDING, "export": "xlsx"})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:5] == ("编号", "活动", "姓名或昵称", "乡镇（街道）", "留言")
    assert {row[2] for row in rows[1:]} == {"待审网友", "又一位网友", "别处网友"}
    assert {row[8] for row in rows[1:]} == {"待审核"}
    assert "13911110000" not in str(rows)


def test_listing_query_count_does_not_grow_with_submissions(
    admin_client, submissions, ongoing_campaign, django_assert_max_num_queries
):
    admin_client.get(LIST_URL)
    with django_assert_max_num_queries(40) as baseline:
        admin_client.get(LIST_URL)
    baseline_count = len(baseline.captured_queries)
    CampaignSubmissionFactory.create_batch(30, campaign=ongoing_campaign)
    with django_assert_max_num_queries(baseline_count):
        response = admin_client.get(LIST_URL)
    assert response.content.decode().count("城关镇") >= 30


def test_anonymous_readers_cannot_reach_the_listing(client, submissions):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert CampaignSubmission.objects.count() == 4


def test_moderators_see_the_contact_in_the_admin_detail_view(admin_client, submissions):
    submission = submissions["pending"]
    url = reverse("wagtailsnippets_campaigns_campaignsubmission:inspect", args=(submission.pk,))
    html = admin_client.get(url).content.decode()
    assert "13911110000" in html
    assert "等待审核的留言" in html


def test_reviewers_moderate_and_editors_do_not_see_submissions(client, submissions):
    from core.permissions import EDITORS, REVIEWERS

    client.force_login(member_of(EDITORS))
    assert client.get(LIST_URL).status_code in (302, 403)

    client.force_login(member_of(REVIEWERS))
    assert client.get(LIST_URL).status_code == 200
    client.post(bulk_url("approve", [submissions["pending"]]))
    submissions["pending"].refresh_from_db()
    assert submissions["pending"].status == SubmissionStatus.APPROVED


def test_exports_write_beijing_time_with_the_offset(admin_client, submissions, ongoing_campaign):
    import datetime

    submission = CampaignSubmission.objects.get(name="待审网友")
    at = datetime.datetime(2024, 6, 1, 12, 15, tzinfo=datetime.UTC)  # 20:15 in Beijing
    CampaignSubmission.objects.filter(pk=submission.pk).update(created_at=at)
    rows = read_csv(admin_client.get(LIST_URL, {"export": "csv"}))
    by_name = {record[2]: record for record in rows[1:]}
    assert by_name["待审网友"][9] == "2024-06-01 20:15+08:00"


def test_moderation_and_exports_are_in_the_audit_log(admin_client, admin_user, submissions):
    from wagtail.models import ModelLogEntry

    pending = CampaignSubmission.objects.filter(status=SubmissionStatus.PENDING)
    chosen = list(pending)
    admin_client.post(bulk_url("approve", chosen))
    entries = ModelLogEntry.objects.filter(action="campaigns.submission.moderate")
    assert sorted(int(entry.object_id) for entry in entries) == sorted(s.pk for s in chosen)
    assert {(entry.user, entry.data["label"]) for entry in entries} == {(admin_user, "已通过")}

    admin_client.get(LIST_URL, {"export": "csv"})
    export = ModelLogEntry.objects.get(action="core.export")
    assert export.user == admin_user and export.data["format"] == "csv"
    history = admin_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "审核结果：已通过" in history and "导出" in history
