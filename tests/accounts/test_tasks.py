"""Invitation emails sent by a real job worker process."""

import email
import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.test import Client

from accounts import services
from accounts.models import AccountUser
from tests.accounts.test_invitation_emails import LINK, NEW_PASSWORD
from tests.servers import job_worker

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


def wait_until(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_worker_emails_a_working_link(tmp_path, account, administrator):
    """The worker sends the email an invitation enqueued (here through the
    file backend); its link lets the new person join the account."""
    services.invite_agent(
        account=account, email="worker@example.com", inviter=administrator
    )
    env = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path),
    }
    with job_worker(env=env):
        wait_until(lambda: DBTaskResult.objects.successful().count() == 1)
    [sent] = tmp_path.iterdir()
    message = email.message_from_string(sent.read_text())
    assert message["To"] == "worker@example.com"
    text = next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )
    [path] = LINK.findall(text)
    body = {"name": "W", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    assert Client().post(path, body).status_code == 302
    assert AccountUser.objects.filter(
        account=account, user__email="worker@example.com"
    ).exists()
