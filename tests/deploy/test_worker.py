"""Background jobs queued in the database and run by the real worker process
(`manage.py db_worker`, django-tasks-db): a video probe, a reply e-mail, a worker stopped and
started again, a failing job retried and shown to site admins."""

import email
import re

from django.core.files import File
from django.urls import reverse

from wagtail.models import Collection

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.publishing import publishing_allowed
from debunk.factories import RebuttalPageFactory, TipFactory
from debunk.models import Tip, TipStatus
from debunk.replies import send_replies_task
from video.demo import make_test_pattern
from video.models import ProbeStatus, VideoMedia

from .conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def answered_tip(site_tree):
    rebuttal = RebuttalPageFactory(parent=site_tree["rumours"], title="网传停水", slug="water")
    with publishing_allowed("测试数据"):
        rebuttal.save_revision().publish()
    return TipFactory(status=TipStatus.ANSWERED, rebuttal=rebuttal, email="reader@example.org")


def replied(tip) -> bool:
    return Tip.objects.filter(pk=tip.pk, replied_at__isnull=False).exists()


def statuses(task) -> list[str]:
    return list(
        DBTaskResult.objects.filter(task_path=task.module_path)
        .order_by("enqueued_at")
        .values_list("status", flat=True)
    )


def test_an_upload_is_probed_by_the_worker(worker, tmp_path):
    clip = make_test_pattern(tmp_path / "clip.mp4", seconds=2, title="测试", size="320x180")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    media = VideoMedia(title="上传的视频", type="video")
    with clip.open("rb") as handle:
        media.file.save(clip.name, File(handle), save=False)
        media.save()  # enqueues the probe after the commit
    # Queued in the database, not run in this process.
    assert DBTaskResult.objects.filter(task_path="video.tasks.probe_media").exists()
    assert wait_for(lambda: VideoMedia.objects.get(pk=media.pk).probe_status == ProbeStatus.DONE), (
        worker.log_path.read_text()
    )
    media.refresh_from_db()
    assert media.width == 320 and media.height == 180 and media.thumbnail


def test_a_reply_email_is_sent_by_the_worker(worker, answered_tip):
    send_replies_task.enqueue([answered_tip.pk])
    assert wait_for(lambda: replied(answered_tip)), worker.log_path.read_text()
    (message,) = [path.read_text() for path in worker.mail_dir.iterdir()]
    assert "reader@example.org" in message and "/water/" in message


def test_jobs_wait_while_the_worker_is_down_and_run_when_it_returns(worker, answered_tip):
    worker.stop()
    send_replies_task.enqueue([answered_tip.pk])
    assert statuses(send_replies_task) == [TaskResultStatus.READY]
    assert not replied(answered_tip)
    worker.start()
    assert wait_for(lambda: replied(answered_tip)), worker.log_path.read_text()
    assert statuses(send_replies_task) == [TaskResultStatus.SUCCESSFUL]


def test_a_failing_job_is_retried_then_kept_for_the_admin(worker, answered_tip, admin_client):
    # The mail server refuses every connection: each run fails.
    worker.stop()
    worker.env.update(
        {
            "TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_URL": "smtp://127.0.0.1:9",
            "TASK_MAX_ATTEMPTS": "3",
            "TASK_RETRY_DELAY_SECONDS": "1",
        }
    )
    worker.start()
    send_replies_task.enqueue([answered_tip.pk])
    failed = [TaskResultStatus.FAILED] * 3
    assert wait_for(lambda: statuses(send_replies_task) == failed, timeout=60), (
        statuses(send_replies_task),
        worker.log_path.read_text(),
    )
    # Retries waited longer each time (1 s, then 2 s).
    runs = list(DBTaskResult.objects.filter(task_path=send_replies_task.module_path))
    runs.sort(key=lambda run: run.enqueued_at)
    waits = [round((run.run_after - run.enqueued_at).total_seconds()) for run in runs[1:]]
    assert waits == [1, 2]
    assert not replied(answered_tip)

    # A site admin finds them, with the exception, in the admin.
    listing = admin_client.get(reverse("task_results:index"), {"status": "FAILED"})
    assert listing.status_code == 200
    assert listing.content.decode().count("debunk.replies.send_replies_task") >= 3
    detail = admin_client.get(reverse("task_results:inspect", args=[runs[0].pk]))
    assert "ConnectionRefusedError" in detail.content.decode()


def test_the_job_list_is_for_site_admins_only(client, admin_client, django_user_model):
    listing = admin_client.get(reverse("task_results:index"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "后台任务" in page and "失败" in page  # the status filter, in Chinese
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("task_results:index")).status_code in (302, 403)


def mails_to(worker, address) -> list[email.message.Message]:
    if not worker.mail_dir.exists():
        return []
    messages = [email.message_from_string(p.read_text()) for p in worker.mail_dir.iterdir()]
    return [m for m in messages if address in m["To"]]


def body_of(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_a_reader_subscription_is_mailed_by_the_worker(worker, site_tree, client, admin_client):
    """有结果了告诉我 on the worker path: the confirmation and the answer both leave through
    the queue, never from the request."""
    reader = "waiting@example.org"
    subscribed = client.post("/tips/subscribe/", {"email": reader, "query": "明天全城停水"})
    assert subscribed.status_code == 200
    assert wait_for(lambda: mails_to(worker, reader), timeout=60), worker.log_path.read_text()
    [confirmation] = mails_to(worker, reader)
    [confirm_path] = re.findall(
        r"https?://[^/\s]+(/tips/subscribe/confirm/\S+/)", body_of(confirmation)
    )
    assert "订阅已确认" in client.post(confirm_path).content.decode()

    rebuttal = RebuttalPageFactory(
        parent=site_tree["rumours"], title="明天全城停水？假的", slug="no-cut"
    )
    with publishing_allowed("测试数据"):
        rebuttal.save_revision().publish()
    for path in worker.mail_dir.iterdir():
        path.unlink()
    assert admin_client.post(f"/admin/rebuttals/{rebuttal.pk}/notify/").status_code == 302
    assert wait_for(lambda: mails_to(worker, reader), timeout=60), worker.log_path.read_text()
    [answer] = mails_to(worker, reader)
    assert "/rumours/no-cut/" in body_of(answer)
    assert answer["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
