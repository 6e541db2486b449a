"""``POST /api/v1/widget/events``: the widget says the visitor opened it, and
the inbox's webhooks hear ``webwidget_triggered`` with what the browser is."""

import json

import pytest

from django.test import Client

from tests import factories
from webhooks import payloads
from webhooks.models import OutboxEvent
from webhooks.services import create_webhook
from widget.serializers import MAX_EVENT_INFO_BYTES

pytestmark = pytest.mark.django_db

FIREFOX_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
)
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def webhook(inbox):
    return create_webhook(
        account=inbox.account,
        url="https://93.184.215.14/hook",
        subscriptions=["webwidget_triggered"],
    )


def start(client: Client, inbox) -> str:
    """A new visitor's session token in ``inbox``'s widget."""
    response = client.post(
        f"/api/v1/widget/session?website_token={inbox.website_token}"
    )
    assert response.status_code == 200, response.content
    return response.json()["session_token"]


def send(client: Client, inbox, token: str | None, body, **headers):
    url = f"/api/v1/widget/events?website_token={inbox.website_token}&locale=fr"
    if token:
        headers["X-Widget-Session"] = token
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data, content_type="application/json", headers=headers)


def test_opening_the_widget_tells_the_webhooks_with_the_browsers_details(
    inbox, webhook
):
    """The event's info keeps what the widget said and gains the widget's and
    the browser's languages and the browser, which the visitor cannot fake."""
    client = Client()
    token = start(client, inbox)
    info = {
        "initiated_at": {"timestamp": "Mon Dec 07 2026 21:00:00 GMT+0100"},
        "referer": "https://shop.example/beans",
        "browser": "forged",
    }
    response = send(
        client,
        inbox,
        token,
        {"name": "webwidget.triggered", "event_info": info},
        user_agent=FIREFOX_ON_WINDOWS,
        accept_language="de-CH;q=0.5,fr-FR,fr;q=0.9",
    )
    assert response.status_code == 204, response.content
    row = OutboxEvent.objects.get(event="webwidget_triggered")
    assert row.targets == [f"webhook:{webhook.pk}"]
    body = payloads.build(row.source)
    assert body["event"] == "webwidget_triggered"
    assert body["inbox"]["id"] == inbox.pk
    assert body["event_info"] == {
        **info,
        "widget_language": "fr",
        "browser_language": "fr",
        "browser": {
            "browser_name": "Firefox",
            "browser_version": "128.0",
            "device_name": "",
            "platform_name": "Windows",
            "platform_version": "10",
        },
    }

    send(
        client,
        inbox,
        token,
        {"name": "webwidget.triggered"},
        user_agent=SAFARI_ON_IPHONE,
    )
    latest = OutboxEvent.objects.filter(event="webwidget_triggered").last()
    sent = payloads.build(latest.source)["event_info"]
    assert sent["browser"] == {
        "browser_name": "Mobile Safari",
        "browser_version": "17.5",
        "device_name": "iPhone",
        "platform_name": "iOS",
        "platform_version": "17.5",
    }
    assert sent["browser_language"] == ""


def test_bad_events_are_json_400s_and_send_nothing(inbox, webhook):
    """Unknown names, info that is not a small object, and broken JSON."""
    client = Client()
    token = start(client, inbox)
    too_big = {"notes": "x" * MAX_EVENT_INFO_BYTES}
    bodies = [
        {"name": "webwidget.hacked"},
        {"event_info": {}},
        {"name": "webwidget.triggered", "event_info": ["not", "an", "object"]},
        {"name": "webwidget.triggered", "event_info": too_big},
        {"name": "webwidget.triggered", "event_info": {"nul": "a\x00b"}},
        "{not json",
    ]
    for body in bodies:
        response = send(client, inbox, token, body)
        assert response.status_code == 400, (body, response.content)
        assert response["Content-Type"].startswith("application/json")
    assert not OutboxEvent.objects.filter(event="webwidget_triggered").exists()


def test_only_the_visitors_own_session_in_its_own_inbox_counts(inbox, webhook):
    """No token, a forged one or another inbox's is a JSON 401; an unknown
    website token a JSON 404."""
    other = factories.InboxFactory()
    client = Client()
    token = start(client, inbox)
    elsewhere = start(client, other)
    event = {"name": "webwidget.triggered"}
    for used in (None, "forged", elsewhere):
        response = send(client, inbox, used, event)
        assert response.status_code == 401, response.content
        assert "error" in response.json()
    response = client.post(
        "/api/v1/widget/events?website_token=nope",
        json.dumps(event),
        content_type="application/json",
        headers={"X-Widget-Session": token},
    )
    assert response.status_code == 404
    assert response.json()["error"]
    assert not OutboxEvent.objects.filter(event="webwidget_triggered").exists()


def test_a_visitor_cannot_flood_the_webhooks(inbox, webhook, settings):
    """Past the session's rate the events are refused with a JSON 429."""
    settings.ONECHAT_WIDGET_EVENT_RATES = {"session": "2/hour", "inbox": "100/hour"}
    client = Client()
    token = start(client, inbox)
    statuses = [
        send(client, inbox, token, {"name": "webwidget.triggered"}).status_code
        for _ in range(3)
    ]
    assert statuses == [204, 204, 429]
    refused = send(client, inbox, token, {"name": "webwidget.triggered"})
    assert refused.json()["error"]
    assert refused["Retry-After"]
    assert OutboxEvent.objects.filter(event="webwidget_triggered").count() == 2
    # Another visitor of the same inbox still gets through.
    other = start(client, inbox)
    assert (
        send(client, inbox, other, {"name": "webwidget.triggered"}).status_code == 204
    )
