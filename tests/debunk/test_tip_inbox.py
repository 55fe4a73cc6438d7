"""The tip inbox in the admin: listing, filters, informants first, bulk and single status
changes, start a rebuttal, duplicates and the resurfacing counter, bumping, replies by mail."""

import csv
import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS
from debunk import triage
from debunk.factories import RebuttalPageFactory, TipFactory
from debunk.models import RebuttalIndexPage, RebuttalPage, Tip, TipStatus

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_debunk_tip:list")


def edit_url(tip):
    return reverse("wagtailsnippets_debunk_tip:edit", args=[tip.pk])


def bulk_url(action, tips):
    ids = "&".join(f"id={tip.pk}" for tip in tips)
    base = reverse("wagtail_bulk_action", args=("debunk", "tip", action))
    return f"{base}?{ids}&next={LIST_URL}"


def make_user(username, group_name=None, **fields):
    user = get_user_model().objects.create_user(
        username=username, password="pw-" + username, email=f"{username}@example.org", **fields
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", EDITORS, first_name="李编辑")


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def receive(text, **fields):
    """A tip arriving as the public form stores it (matched against the rumours)."""
    return triage.receive(Tip(text=text, **fields))


@pytest.fixture
def inbox(rumours, informant):
    older = timezone.now() - datetime.timedelta(days=3)
    return {
        "reader": receive("听说河西镇的菜市场猪肉注水，一斤能多出二两水", township="城关镇"),
        "water": receive(
            "紧急通知：明天起全县自来水有毒，千万不要喝，赶紧转发给亲人！",
            township="城关镇",
            seen_on="moments",
            email="reader@example.org",
        ),
        "informant": receive(
            "村里有人说喝热柠檬水能杀死癌细胞，老人都在买柠檬",
            township="河西镇",
            submitter=informant,
            from_informant=True,
            seen_on="wechat_group",
        ),
        "old": TipFactory(text="去年的旧线索：听说要停电", created_at=older, township="东坝乡"),
        "closed": TipFactory(text="已经处理过的线索", status=TipStatus.REJECTED),
    }


def listed(response, inbox):
    """Which inbox tips the listing shows, in order."""
    html = response.content.decode()
    found = [(html.find(tip.excerpt()), name) for name, tip in inbox.items()]
    return [name for position, name in sorted(found) if position >= 0]


# -- listing -------------------------------------------------------------------------------------


def test_informants_tips_come_first_and_are_marked(as_editor, inbox):
    response = as_editor.get(LIST_URL)
    assert response.status_code == 200
    order = listed(response, inbox)
    assert order[0] == "informant"
    assert order[-1] == "closed"  # closed tips after every open one
    html = response.content.decode()
    assert "信息员" in html and "读者求证" in html
    assert "reader@example.org" not in html  # contacts only on the tip itself
    assert "全城自来水有毒" in html and "%" in html  # the closest rebuttal and how close


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "rejected"}, {"closed"}),
        ({"township": "河西镇"}, {"informant"}),
        ({"seen_on": "moments"}, {"water"}),
        ({"channel": "informant"}, {"informant"}),
        ({"channel": "reader"}, {"reader", "water", "old", "closed"}),
        ({"created_at_to": (timezone.localdate() - datetime.timedelta(days=2))}, {"old"}),
        ({"q": "猪肉"}, {"reader"}),
        ({"status": "lost"}, set()),  # junk filters list nothing, never everything
        ({"priority": "1" + "0" * 30}, set()),
        ({"created_at_to": "2024-13-45"}, set()),
    ],
    ids=[
        *("status", "township", "source", "channel", "reader-channel", "date", "search"),
        *("junk-status", "junk-priority", "junk-date"),
    ],
)
def test_listing_filters(as_editor, inbox, params, expected):
    response = as_editor.get(LIST_URL, params)
    assert response.status_code == 200
    assert set(listed(response, inbox)) == expected


def test_csv_export_leaves_contacts_out(as_editor, inbox):
    response = as_editor.get(LIST_URL, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0][:3] == ["编号", "消息内容", "渠道"]
    assert len(rows) == 1 + len(inbox)
    assert "reader@example.org" not in body


def test_listing_query_count_does_not_grow_with_tips(
    as_editor, inbox, django_assert_max_num_queries
):
    as_editor.get(LIST_URL)
    with django_assert_max_num_queries(60) as baseline:
        as_editor.get(LIST_URL)
    for _ in range(20):
        receive("又一条关于自来水有毒的消息，千万别喝", township="城关镇")
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        response = as_editor.get(LIST_URL)
    assert response.content.decode().count("又一条关于自来水有毒") >= 20


def test_who_sees_the_inbox(client, inbox):
    assert client.get(LIST_URL).status_code == 302  # anonymous: to the login page
    client.force_login(make_user("reviewer", REVIEWERS))
    assert client.get(LIST_URL).status_code == 200
    tip = inbox["reader"]
    response = client.post(edit_url(tip), {"status": "rejected", "priority": 3})
    assert response.status_code in (302, 403)
    tip.refresh_from_db()
    assert tip.status == TipStatus.NEW  # reviewers read, they do not change
    client.force_login(make_user("nobody"))
    assert client.get(LIST_URL).status_code == 302


def test_nobody_adds_a_tip_in_the_admin(admin_client, inbox):
    response = admin_client.get(reverse("wagtailsnippets_debunk_tip:add"))
    assert response.status_code in (302, 403)
    assert Tip.objects.count() == len(inbox)


def test_the_tip_page_shows_the_message_contact_and_matches(as_editor, inbox):
    tip = inbox["water"]
    html = as_editor.get(edit_url(tip)).content.decode()
    assert tip.text in html
    assert "reader@example.org" in html
    assert "标记为此文的重复" in html and "据此起草辟谣" in html and "置顶到栏目最前" in html


# -- status changes --------------------------------------------------------------------------------


@pytest.mark.parametrize("ids", ["id=abc", "id=99999999999999999999999", "id=0"])
def test_junk_ids_in_a_bulk_status_change_are_404(as_editor, inbox, ids):
    base = reverse("wagtail_bulk_action", args=("debunk", "tip", "triage"))
    assert as_editor.get(f"{base}?{ids}").status_code == 404


def test_bulk_status_change(as_editor, editor, inbox):
    chosen = [inbox["reader"], inbox["old"]]
    confirm = as_editor.get(bulk_url("triage", chosen))
    assert confirm.status_code == 200
    assert "确定将以下 2 条线索标记为“核查中”" in confirm.content.decode()
    response = as_editor.post(bulk_url("triage", chosen))
    assert response.status_code == 302
    for tip in chosen:
        tip.refresh_from_db()
        assert tip.status == TipStatus.TRIAGED and tip.handled_by == editor
    as_editor.post(bulk_url("reject_tips", [inbox["reader"]]))
    inbox["reader"].refresh_from_db()
    assert inbox["reader"].status == TipStatus.REJECTED
    assert inbox["water"].status == TipStatus.NEW


def form_data(tip, **changes):
    data = {"status": tip.status, "priority": tip.priority, "rebuttal": "", "note": ""}
    data.update(changes)
    return data


def test_answered_needs_a_rebuttal(as_editor, inbox):
    tip = inbox["reader"]
    response = as_editor.post(edit_url(tip), form_data(tip, status="answered"))
    assert response.status_code == 200
    assert "需要选择对应的辟谣文章" in response.content.decode()
    tip.refresh_from_db()
    assert tip.status == TipStatus.NEW


def test_the_status_flow_through_the_edit_form(
    as_editor, editor, inbox, rumours, django_capture_on_commit_callbacks
):
    tip = inbox["water"]
    water = rumours["tap-water"]
    as_editor.post(edit_url(tip), form_data(tip, status="triaged", note="待核实"))
    tip.refresh_from_db()
    assert tip.status == TipStatus.TRIAGED and tip.note == "待核实" and tip.answered_at is None

    with django_capture_on_commit_callbacks(execute=True):
        response = as_editor.post(
            edit_url(tip), form_data(tip, status="duplicate", rebuttal=water.pk)
        )
    assert response.status_code == 302
    tip.refresh_from_db()
    assert tip.status == TipStatus.DUPLICATE and tip.rebuttal == water
    assert tip.answered_at is not None and tip.handled_by == editor
    # The reader who left an address gets the link, once.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.org"]
    assert f"http://testserver{water.url}" in mail.outbox[0].body
    assert "谣言" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        as_editor.post(edit_url(tip), form_data(tip, status="answered", rebuttal=water.pk))
    assert len(mail.outbox) == 1


# -- start a rebuttal ----------------------------------------------------------------------------


def test_start_a_rebuttal_from_a_tip(
    as_editor, editor, inbox, publish, django_capture_on_commit_callbacks
):
    tip = inbox["informant"]
    response = as_editor.post(reverse("debunk_tip_start_rebuttal", args=[tip.pk]))
    page = RebuttalPage.objects.get(claim_text=tip.text)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.owner == editor
    assert isinstance(page.get_parent().specific, RebuttalIndexPage)
    assert page.claim_summary == tip.text[:75]
    assert page.seen_on == ["wechat_group"] and page.region == "河西镇"
    assert page.first_seen == timezone.localdate(tip.created_at)
    assert as_editor.get(response["Location"]).status_code == 200  # the editor opens it

    tip.refresh_from_db()
    assert tip.rebuttal_id == page.pk and tip.status == TipStatus.TRIAGED
    again = as_editor.post(reverse("debunk_tip_start_rebuttal", args=[tip.pk]))
    assert (
        again.status_code == 302 and RebuttalPage.objects.filter(claim_text=tip.text).count() == 1
    )

    # Published (after review): the tip is answered and the informant told.
    page.title = "喝热柠檬水能防癌？村里在传的说法不实"
    page.short_answer = "柠檬水不能杀死癌细胞。"
    page.save_revision()
    publish(page)
    tip.refresh_from_db()
    assert tip.status == TipStatus.ANSWERED and tip.answered_at is not None
    assert [message.to for message in mail.outbox] == [[tip.submitter.email]]
    assert f"http://testserver{page.url}" in mail.outbox[0].body


def test_start_a_rebuttal_needs_page_permissions(client, inbox):
    reviewer = make_user("reviewer", REVIEWERS)
    client.force_login(reviewer)
    tip = inbox["reader"]
    response = client.post(reverse("debunk_tip_start_rebuttal", args=[tip.pk]))
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not RebuttalPage.objects.filter(claim_text=tip.text).exists()
    chief = make_user("chief", CHIEF_EDITORS)
    client.force_login(chief)
    assert client.post(reverse("debunk_tip_start_rebuttal", args=[tip.pk])).status_code == 302


# -- duplicates and resurfacing -------------------------------------------------------------------


def test_a_close_tip_counts_as_resurfacing_on_arrival(inbox, rumours):
    water = RebuttalPage.objects.get(pk=rumours["tap-water"].pk)
    lemon = RebuttalPage.objects.get(pk=rumours["lemon-cancer"].pk)
    assert water.resurfaced_count == 1 and water.resurfaced_on == timezone.localdate()
    assert inbox["water"].counted_as_resurfacing
    # The informant's tip is about lemons too, but retold: not close enough to count by itself.
    assert lemon.resurfaced_count == 0


def test_mark_as_duplicate_links_counts_and_replies(
    as_editor, inbox, rumours, django_capture_on_commit_callbacks
):
    tip = inbox["informant"]
    lemon = rumours["lemon-cancer"]
    url = reverse("debunk_tip_duplicate", args=[tip.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = as_editor.post(url, {"duplicate_of": lemon.pk})
    assert response.status_code == 302 and response["Location"] == edit_url(tip)
    tip.refresh_from_db()
    lemon.refresh_from_db()
    assert tip.status == TipStatus.DUPLICATE and tip.rebuttal_id == lemon.pk
    assert lemon.resurfaced_count == 1
    assert mail.outbox[0].to == ["grid@example.org"]  # the informant's account
    # Marking it again counts nothing more and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        as_editor.post(url, {"duplicate_of": lemon.pk})
    lemon.refresh_from_db()
    assert lemon.resurfaced_count == 1 and len(mail.outbox) == 1


def test_mark_as_duplicate_with_a_bad_choice_says_so(as_editor, inbox):
    tip = inbox["reader"]
    url = reverse("debunk_tip_duplicate", args=[tip.pk])
    for value in ["", "abc", "999999"]:
        response = as_editor.post(url, {"duplicate_of": value}, follow=True)
        assert response.status_code == 200
        html = response.content.decode()
        assert "请选择这条线索重复的辟谣文章" in html or "找不到这篇辟谣文章" in html
    tip.refresh_from_db()
    assert tip.status == TipStatus.NEW


def test_readers_see_that_a_rumour_is_spreading_again(client, inbox, rumours):
    water = rumours["tap-water"]
    html = client.get(water.url).content.decode()
    assert "近期再次流传" in html
    column_html = client.get(water.get_parent().url).content.decode()
    assert column_html.count("近期再次流传") == 1
    # Long ago is not "recently".
    RebuttalPage.objects.filter(pk=water.pk).update(
        resurfaced_on=timezone.localdate() - datetime.timedelta(days=200)
    )
    assert "近期再次流传" not in client.get(water.url).content.decode()


def test_a_resurfaced_page_keeps_its_query_count(client, inbox, rumours, django_assert_num_queries):
    from tests.debunk.test_rebuttal_page import REBUTTAL_PAGE_QUERIES

    url = rumours["tap-water"].url
    client.get(url)
    with django_assert_num_queries(REBUTTAL_PAGE_QUERIES):
        response = client.get(url)
    assert "近期再次流传" in response.content.decode()


def test_publishing_a_revision_keeps_the_counter(inbox, rumours, publish):
    water = RebuttalPage.objects.get(pk=rumours["tap-water"].pk)
    assert water.resurfaced_count == 1
    revision = water.save_revision()  # saved by an editor before more tips arrived
    receive("紧急通知：明天起全城自来水有毒，千万别喝！", township="城关镇")
    revision.publish()
    water.refresh_from_db()
    assert water.resurfaced_count == 2


# -- bumping ---------------------------------------------------------------------------------------


def test_bump_puts_a_rebuttal_back_on_top_of_the_column(as_editor, client, inbox, rumours, column):
    water = rumours["tap-water"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    newer = RebuttalPageFactory(parent=column, published_date=yesterday)
    first = list(column.rebuttals()[:1])
    assert first[0].pk == newer.pk

    url = reverse("debunk_rebuttal_bump", args=[water.pk])
    next_url = edit_url(inbox["water"])
    confirm = as_editor.get(url, {"next": next_url})
    assert "再次求证 1 次" in confirm.content.decode()
    response = as_editor.post(url, {"next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url

    water.refresh_from_db()
    assert water.bumped_on == timezone.localdate()
    assert water.published_date == datetime.date(2025, 3, 1)  # what readers see is unchanged
    assert [page.pk for page in column.rebuttals()[:2]] == [water.pk, newer.pk]
    assert water.column_date == timezone.localdate()
    html = client.get(column.url).content.decode()
    assert 0 < html.find(water.title) < html.find(newer.title)

    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page=water, action=triage.BUMP_ACTION).exists()


def test_bump_is_offered_in_the_page_header_and_needs_edit_rights(client, inbox, rumours):
    water = rumours["tap-water"]
    editor = make_user("editor2", EDITORS)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[water.pk])).content.decode()
    assert "置顶到栏目最前（再次流传 1 次）" in html
    client.force_login(make_user("reviewer", REVIEWERS))
    url = reverse("debunk_rebuttal_bump", args=[water.pk])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    water.refresh_from_db()
    assert water.bumped_on is None


def test_bump_refuses_an_offsite_next(as_editor, inbox, rumours):
    water = rumours["tap-water"]
    url = reverse("debunk_rebuttal_bump", args=[water.pk])
    response = as_editor.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[water.pk])


# -- replies ---------------------------------------------------------------------------------------


def test_no_address_no_reply(inbox, rumours, django_capture_on_commit_callbacks):
    tip = inbox["reader"]
    with django_capture_on_commit_callbacks(execute=True):
        triage.change_status([tip], TipStatus.ANSWERED, rebuttal=rumours["5g-virus"])
    assert mail.outbox == []


def test_a_duplicate_of_a_draft_is_replied_to_when_it_is_published(
    inbox, column, publish, django_capture_on_commit_callbacks
):
    draft = RebuttalPageFactory(parent=column, live=False, slug="draft-water")
    tip = inbox["water"]
    with django_capture_on_commit_callbacks(execute=True):
        triage.mark_duplicate(tip, draft)
    assert mail.outbox == []  # no link to send yet
    publish(draft)
    assert len(mail.outbox) == 1
    assert f"http://testserver{RebuttalPage.objects.get(pk=draft.pk).url}" in mail.outbox[0].body
    tip.refresh_from_db()
    assert tip.replied_at is not None


def test_a_copied_rebuttal_starts_with_no_resurfacing(inbox, rumours, column):
    water = RebuttalPage.objects.get(pk=rumours["tap-water"].pk)
    RebuttalPage.objects.filter(pk=water.pk).update(bumped_on=timezone.localdate())
    water.refresh_from_db()
    copy = water.copy(update_attrs={"slug": "tap-water-copy", "title": "副本"})
    copy = RebuttalPage.objects.get(pk=copy.pk)
    assert copy.resurfaced_count == 0 and copy.resurfaced_on is None and copy.bumped_on is None
    assert copy.column_date == copy.published_date == water.published_date


def test_status_changes_are_in_the_audit_log_and_publishing_keeps_who_answered(
    as_editor, editor, inbox, column, publish, django_capture_on_commit_callbacks
):
    from wagtail.models import ModelLogEntry

    draft = RebuttalPageFactory(parent=column, live=False, slug="draft-answer")
    tip = inbox["water"]
    as_editor.post(edit_url(tip), form_data(tip, status="answered", rebuttal=draft.pk))
    tip.refresh_from_db()
    assert tip.handled_by == editor
    publish(draft)  # publishing the answer must not forget who answered
    tip.refresh_from_db()
    assert tip.handled_by == editor

    entries = ModelLogEntry.objects.filter(action=triage.TIP_STATUS_ACTION, object_id=str(tip.pk))
    assert [(entry.user, entry.data["label"]) for entry in entries] == [(editor, "已答复")]
    history = as_editor.get(reverse("wagtailsnippets_debunk_tip:history", args=[tip.pk]))
    assert "状态改为“已答复”" in history.content.decode()


def test_the_tips_export_writes_beijing_time_with_the_offset(as_editor, inbox):
    tip = inbox["reader"]
    at = datetime.datetime(2024, 6, 1, 12, 15, tzinfo=datetime.UTC)
    Tip.objects.filter(pk=tip.pk).update(created_at=at)
    response = as_editor.get(LIST_URL, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body[1:])))
    created = rows[0].index("提交时间")
    assert [row[created] for row in rows[1:] if row[0] == str(tip.pk)] == ["2024-06-01 20:15+08:00"]
