"""Two sign-offs of the same page at once (a double click, two chief editors): one publish,
no 500. Real requests to the live test server from two threads."""

import threading

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import PageLogEntry

import pytest
import requests

from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS

from .helpers import rebuttal_form, submit_new_page, workflow_action_url

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pw-concurrent"


def staff_user(username, group_name):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def logged_in_session(live_server, username) -> requests.Session:
    session = requests.Session()
    login_url = live_server.url + "/admin/login/"
    session.get(login_url, timeout=30)
    response = session.post(
        login_url,
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login_url},
        timeout=30,
    )
    assert response.status_code == 200 and "/admin/login/" not in response.url
    return session


@pytest.fixture
def in_sign_off(editorial_setup, site_tree):
    editor = staff_user("editor", EDITORS)
    reviewer = staff_user("reviewer", REVIEWERS)
    staff_user("chief", CHIEF_EDITORS)
    staff_user("chief2", CHIEF_EDITORS)
    client = Client()
    client.force_login(editor)
    page = submit_new_page(client, site_tree["rumours"], rebuttal_form("同时签发", "twice"))
    client.force_login(reviewer)
    task_state = page.current_workflow_task_state
    client.post(
        workflow_action_url(page, "approve", task_state),
        {"sources_checked": "on", "review_task_state": task_state.pk},
    )
    page.refresh_from_db()
    assert page.current_workflow_task.specific.__class__.__name__ == "SignOffTask"
    return page


@pytest.mark.parametrize(
    "chiefs", [("chief", "chief"), ("chief", "chief2")], ids=["double click", "two chiefs"]
)
def test_two_sign_offs_at_once_publish_once(live_server, in_sign_off, chiefs):
    page = in_sign_off
    url = live_server.url + workflow_action_url(page, "approve", page.current_workflow_task_state)
    sessions = [logged_in_session(live_server, username) for username in chiefs]
    barrier = threading.Barrier(len(sessions))
    statuses, errors = [], []

    def sign_off(session):
        try:
            barrier.wait(timeout=30)
            response = session.post(
                url,
                data={"comment": "", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                headers={"Referer": url},
                timeout=60,
                allow_redirects=False,
            )
            statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=sign_off, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert all(status < 500 for status in statuses), statuses
    page.refresh_from_db()
    assert page.live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    assert requests.get(live_server.url + page.url, timeout=30).status_code == 200
