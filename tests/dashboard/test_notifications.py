"""The notification bell in a real browser: the unread count on the bell and
in the tab's title, a notification arriving live from the job worker, the
list (markup as text), and a click through to the conversation."""

import json
import re
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from accounts.models import User
from conversations import services
from conversations.models import Message
from notifications.models import Notification, NotificationSetting
from tests import factories
from tests.browser import screenshot
from tests.dashboard.test_collaboration import inbox_agent
from tests.servers import job_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


MARKUP = "<img src=x onerror=alert(1)>"


def wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def conversation_of(demo, name: str):
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account_id=demo.account_id, name=name),
        inbox_id=demo.inbox_id,
    )
    return factories.ConversationFactory(contact_inbox=session)


def assign_over_http(server, demo, conversation, user) -> None:
    request = urllib.request.Request(
        f"{server.url}/api/v1/accounts/{demo.account_id}/conversations/"
        f"{conversation.display_id}/assignments",
        data=json.dumps({"assignee_id": user.pk}).encode(),
        headers={
            "Content-Type": "application/json",
            "api-access-token": demo.api_access_token,
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def test_bell_counts_lists_and_opens(signed_in, server, demo):
    """Two unread notifications show on the bell and in the title; a third
    arrives live; the list shows them with markup as text; opening one reads
    it and goes to its conversation, as opening one from the list does; read
    all clears the count."""
    admin = User.objects.get(pk=demo.user_id)
    alex = inbox_agent(demo, "Alex Agent")
    first = conversation_of(demo, "Vera <b>Visitor</b>")
    second = conversation_of(demo, "Sam Shopper")
    third = conversation_of(demo, "Nina Newcomer")
    with job_worker() as worker:
        worker.wait_started()
        # Written by the worker's jobs, enqueued with each change.
        services.assign_agent(conversation=first, assignee=alex, actor=admin)
        services.create_message(
            conversation=second,
            message_type=Message.MessageType.OUTGOING,
            content=f"[@Alex](mention://user/{alex.pk}/Alex) {MARKUP}",
            sender=admin,
            private=True,
        )
        wait_until(lambda: Notification.objects.filter(user=alex).count() == 2)

        page = signed_in(alex)
        bell = page.locator(".notification-bell")
        expect(bell.locator(".notification-count")).to_have_text("2")
        expect(page).to_have_title(re.compile(r"^\(2\) "))
        assign_over_http(server, demo, third, alex)
        expect(bell.locator(".notification-count")).to_have_text("3", timeout=20_000)
    expect(page).to_have_title(re.compile(r"^\(3\) "))

    bell.click()
    items = page.locator(".notification-item")
    expect(items).to_have_count(3)
    expect(items.first).to_contain_text(
        f"Conversation #{third.display_id} was assigned to you"
    )
    expect(page.locator(".notification-panel")).to_contain_text(f"@Alex {MARKUP}")
    expect(page.locator(".notification-panel")).to_contain_text("Vera <b>Visitor</b>")
    expect(page.locator(".notification-panel img")).to_have_count(0)
    screenshot(page, "notifications_bell")

    page.locator(".notification-item", has_text=f"#{first.display_id} was").locator(
        ".notification-open"
    ).click()
    page.wait_for_url(f"**/conversations/{first.display_id}")
    expect(page.locator(".notification-count")).to_have_text("2")
    expect(page).to_have_title(re.compile(r"^\(2\) "))

    # Opening another conversation from the list reads its notifications too.
    page.locator(".conversation-item", has_text="Nina Newcomer").click()
    expect(page.locator(".notification-count")).to_have_text("1")
    wait_until(
        lambda: (
            Notification.objects.filter(user=alex, read_at__isnull=True).count() == 1
        )
    )

    page.locator(".notification-bell").click()
    page.get_by_role("button", name="Mark all read").click()
    expect(page.locator(".notification-count")).to_be_hidden()
    expect(page).not_to_have_title(re.compile(r"^\("))
    expect(page.locator(".notification-item.unread")).to_have_count(0)


def test_profile_notification_settings(signed_in, server, demo):
    """Each kind's channels as boxes, saved at each change; a kind off in the
    list turns its other channels off; the permission is asked from a button."""
    page = signed_in()
    page.goto(f"{server.url}/app/accounts/{demo.account_id}/profile")
    table = page.locator(".notification-settings")
    email = page.get_by_label("Email: I am mentioned in a private note")
    expect(email).to_be_checked()
    email.uncheck()
    expect(email).not_to_be_checked()
    expect(
        page.get_by_role("button", name="Allow desktop notifications")
    ).to_be_visible()
    in_list = page.get_by_label(
        "In the list: A conversation waits too long in the queue"
    )
    in_list.uncheck()
    expect(
        page.get_by_label("Desktop: A conversation waits too long in the queue")
    ).to_be_disabled()
    screenshot(page, "notifications_profile")
    setting = NotificationSetting.objects.get(user_id=demo.user_id)
    assert "conversation_mention" not in setting.channels["email"]
    assert "conversation_waiting" not in setting.channels["in_app"]
    page.reload()
    expect(table).to_be_visible()
    expect(
        page.get_by_label("Email: I am mentioned in a private note")
    ).not_to_be_checked()
