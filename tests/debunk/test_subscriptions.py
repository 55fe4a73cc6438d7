"""有结果了告诉我: a subscription's whole life through the real views, the real review workflow
and the background task, and what bad input gets."""

import io
import re

from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

import pytest

from debunk import subscriptions
from debunk.factories import RebuttalPageFactory
from debunk.models import Category, Subscription
from tests.workflow import conftest as workflow_fixtures
from tests.workflow.helpers import approve_fact_check, rebuttal_form, sign_off, submit_new_page

editor = workflow_fixtures.editor
reviewer = workflow_fixtures.reviewer
chief = workflow_fixtures.chief
as_user = workflow_fixtures.as_user

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/tips/subscribe/"
LINK = re.compile(r"http://testserver(/tips/[^\s]+/)")
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a request queues on commit (the task enqueue) as a real request would."""

    def run(callable_, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return callable_(*args, **kwargs)

    return run


@pytest.mark.guarded_publishing
def test_a_subscription_from_search_to_unsubscribe(
    site_tree, reader, commit, editor, reviewer, chief, as_user
):
    # A search that finds nothing offers the form.
    page = reader.get("/search/", {"q": "明天全城停水"})
    assert "有结果了告诉我" in page.content.decode()

    mail.outbox.clear()
    response = commit(
        reader.post, SUBSCRIBE, {"email": "Reader@Example.org", "query": "明天全城停水"}
    )
    assert response.status_code == 200 and "请查收确认邮件" in response.content.decode()
    [confirmation] = mail.outbox
    assert confirmation.to == ["Reader@Example.org"]
    [confirm_path] = links_in(confirmation)
    stored = Subscription.objects.get()
    assert stored.email == "" and len(stored.email_hash) == 64  # only the hash until confirmed
    assert not stored.confirmed

    assert "确认订阅" in reader.get(confirm_path).content.decode()  # a button, not a click-through
    assert not Subscription.objects.get().confirmed
    confirmed = reader.post(confirm_path)
    assert "订阅已确认" in confirmed.content.decode()
    assert Subscription.objects.get().email == "Reader@Example.org"
    assert "订阅早已确认" in reader.post(confirm_path).content.decode()  # twice: harmless
    assert Subscription.objects.count() == 1

    # A matching rebuttal goes through the review workflow: nothing is mailed on publish.
    mail.outbox.clear()
    rebuttal = commit(
        submit_new_page,
        as_user(editor),
        site_tree["rumours"],
        rebuttal_form("停水？假的", "no-cut"),
    )
    commit(approve_fact_check, as_user(reviewer), rebuttal)
    commit(sign_off, as_user(chief), rebuttal)
    rebuttal.refresh_from_db()
    assert rebuttal.live
    assert not [m for m in mail.outbox if "Reader@Example.org" in m.to]

    # The chief editor is offered to tell the waiting reader (on the dashboard they land on
    # after signing off, and on the page), and confirms.
    admin = as_user(chief)
    dashboard = admin.get("/admin/").content.decode()
    assert "通知 1 位等待这条辟谣的读者？" in dashboard
    edit = admin.get(f"/admin/pages/{rebuttal.pk}/edit/").content.decode()
    assert "通知 1 位等待这条辟谣的读者" in edit
    ask = admin.get(f"/admin/rebuttals/{rebuttal.pk}/notify/").content.decode()
    assert "通知 1 位等待这条辟谣的读者？" in ask
    assert commit(admin.post, f"/admin/rebuttals/{rebuttal.pk}/notify/").status_code == 302
    [answer] = [m for m in mail.outbox if m.to == ["Reader@Example.org"]]
    assert "http://testserver/rumours/no-cut/" in answer.body
    assert "谣言" in answer.body
    [unsubscribe_path] = [p for p in links_in(answer) if "unsubscribe" in p]
    assert answer.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe_path}>"
    assert answer.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Told once: confirming again sends nothing more.
    mail.outbox.clear()
    commit(admin.post, f"/admin/rebuttals/{rebuttal.pk}/notify/")
    assert mail.outbox == []

    # One-click unsubscribe (the mail client's POST, no CSRF token): the address is deleted.
    assert "确认退订" in reader.get(unsubscribe_path).content.decode()
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe_path, {"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200 and "已退订" in one_click.content.decode()
    assert not Subscription.objects.exists()
    # Confirming after unsubscribing changes nothing and brings nothing back.
    again = reader.post(confirm_path)
    assert again.status_code == 400 and "已经取消或不存在" in again.content.decode()
    assert not Subscription.objects.exists()
    assert reader.post(unsubscribe_path).status_code == 200  # twice: harmless

    # Another matching rebuttal: no one is waiting any more, no mail.
    second = commit(
        submit_new_page, as_user(editor), site_tree["rumours"], rebuttal_form("又说停水", "again")
    )
    commit(approve_fact_check, as_user(reviewer), second)
    commit(sign_off, as_user(chief), second)
    mail.outbox.clear()
    assert "等待这条辟谣的读者" not in admin.get(f"/admin/pages/{second.pk}/edit/").content.decode()
    assert mail.outbox == []


def test_mail_goes_through_the_task_queue_not_the_request(site_tree, reader, commit):
    """With a queue that only records (django-tasks' dummy backend), the request sends
    nothing: the mail leaves when the worker runs the task."""
    with override_settings(TASKS=DUMMY_TASKS):
        from django_tasks import default_task_backend

        default_task_backend.clear()
        mail.outbox.clear()
        commit(reader.post, SUBSCRIBE, {"email": "a@example.org", "query": "自来水有毒"})
        assert mail.outbox == []
        [queued] = default_task_backend.results
        assert queued.task.name == "send_confirmation"
        queued.task.call(*queued.args, **queued.kwargs)  # what the worker does
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.org"]


def test_only_an_editor_who_may_publish_notifies(site_tree, editor, as_user):
    page = RebuttalPageFactory(parent=site_tree["rumours"])
    refused = as_user(editor).post(f"/admin/rebuttals/{page.pk}/notify/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's refusal


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "query": "自来水"}, "不是有效的邮箱地址"),
        ({"email": "", "query": "自来水"}, "请填写邮箱地址"),
        ({"email": "x@mailinator.com", "query": "自来水"}, "临时邮箱"),
        ({"email": "x@YOPMAIL.com", "query": "自来水"}, "临时邮箱"),
        ({"email": "x@example.org"}, "请写下想知道的说法，或选择一个分类"),
        ({"email": "x@example.org", "query": "？？！"}, "请写下你想知道真假的说法"),
        ({"email": "x@example.org", "query": "<script>x</script>"}, "请不要输入网页代码"),
        ({"email": "x@example.org", "query": "谣" * 201}, "200"),
        ({"email": "x@example.org", "category": "no-such"}, "选择一个有效的选项"),
    ],
)
def test_bad_addresses_and_queries_get_a_message(site_tree, reader, data, message):
    response = reader.post(SUBSCRIBE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_flood_is_rate_limited_per_client_and_per_address(site_tree, reader, commit, settings):
    settings.SUBSCRIPTIONS_PER_IP = 3
    settings.SUBSCRIPTIONS_PER_ADDRESS = 2
    data = {"email": "flood@example.org", "query": "自来水有毒"}
    for _ in range(2):
        assert commit(reader.post, SUBSCRIBE, data).status_code == 200
    # The same address from another network: still limited.
    refused = reader.post(SUBSCRIBE, data, REMOTE_ADDR="10.1.1.1")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    # One network, many addresses.
    assert reader.post(SUBSCRIBE, {**data, "email": "b@example.org"}).status_code == 200
    assert reader.post(SUBSCRIBE, {**data, "email": "c@example.org"}).status_code == 429
    # Repeats of one subscription keep one row (and one address hash).
    assert Subscription.objects.filter(query="自来水有毒").count() == 2


def test_weekly_category_digest(site_tree, reader, commit):
    food = Category.objects.get(slug="food-safety")
    mail.outbox.clear()
    commit(reader.post, SUBSCRIBE, {"email": "weekly@example.org", "category": "food-safety"})
    [confirm_path] = links_in(mail.outbox[0])
    reader.post(confirm_path)
    page = RebuttalPageFactory(parent=site_tree["rumours"], category=food, slug="milk")
    page.save_revision().publish()
    RebuttalPageFactory(parent=site_tree["rumours"], slug="other").save_revision().publish()
    mail.outbox.clear()
    assert subscriptions.send_weekly_digests.call() == 1
    [digest] = mail.outbox
    assert "食品安全" in digest.subject and "http://testserver/rumours/milk/" in digest.body
    assert "/rumours/other/" not in digest.body
    assert "List-Unsubscribe" in digest.extra_headers
    # Sent this week already: the weekly cron command sends nothing twice.
    mail.outbox.clear()
    call_command("send_digests", stdout=io.StringIO())
    assert mail.outbox == []
    Subscription.objects.update(last_sent_at=None)  # a week later
    call_command("send_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_honeypot_stores_nothing(site_tree, reader):
    response = reader.post(
        SUBSCRIBE, {"email": "bot@example.org", "query": "自来水", "website": "http://spam"}
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
