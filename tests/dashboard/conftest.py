"""One OneChat server for the dashboard's page tests, and the people who use it."""

import contextlib
import json
import urllib.request
from collections.abc import Iterator

import pytest
from websockets.sync.client import connect

from django.conf import settings
from django.test import Client

from accounts.models import User
from onechat.demo import DemoAccount, seed_demo_account
from tests.servers import Server, onechat_server

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="package")
def server(django_db_setup, django_db_blocker) -> Iterator[Server]:
    """A daphne process on the test database, shared by the dashboard tests."""
    with django_db_blocker.unblock(), onechat_server() as running:
        yield running


@pytest.fixture
def demo() -> DemoAccount:
    """The demo account, committed so the server process sees it."""
    return seed_demo_account()


def http_json(url: str, body: dict | None = None, method: str = "POST") -> dict:
    """Send JSON to the server and return its JSON answer."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body or {}).encode(),
        method=method,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


class Visitor:
    """A website visitor talking through the public client API over HTTP."""

    def __init__(self, server: Server, inbox_identifier: str, name: str) -> None:
        self.base = f"{server.url}/public/api/v1/inboxes/{inbox_identifier}"
        session = http_json(f"{self.base}/contacts", {"name": name})
        self.source_id = session["source_id"]
        self.contact_id = session["id"]
        self.pubsub_token = session["pubsub_token"]
        self.cable_url = server.cable_url
        self.conversation_id: int | None = None

    def start_conversation(self) -> int:
        conversation = http_json(f"{self.base}/contacts/{self.source_id}/conversations")
        self.conversation_id = conversation["id"]
        return self.conversation_id

    @property
    def conversation_url(self) -> str:
        return (
            f"{self.base}/contacts/{self.source_id}/conversations/"
            f"{self.conversation_id}"
        )

    def say(self, content: str) -> dict:
        return http_json(f"{self.conversation_url}/messages", {"content": content})

    def typing(self, status: str) -> None:
        http_json(f"{self.conversation_url}/toggle_typing", {"typing_status": status})

    def read(self) -> None:
        http_json(f"{self.conversation_url}/update_last_seen")

    @contextlib.contextmanager
    def online(self) -> Iterator[None]:
        """Subscribe to /cable as the widget does, report presence once and
        stay subscribed: a closed widget socket counts as the visitor leaving
        the page (realtime/visitors.py), which takes their online dot away."""
        identifier = json.dumps(
            {"channel": "RoomChannel", "pubsub_token": self.pubsub_token}
        )
        presence = json.dumps(
            {
                "command": "message",
                "identifier": identifier,
                "data": json.dumps({"action": "update_presence"}),
            }
        )
        with connect(self.cable_url, subprotocols=["actioncable-v1-json"]) as socket:
            socket.send(json.dumps({"command": "subscribe", "identifier": identifier}))
            while True:
                frame = json.loads(socket.recv(timeout=10))
                if frame.get("type") == "confirm_subscription":
                    socket.send(presence)
                message = frame.get("message")
                if isinstance(message, dict) and message["event"] == "presence.update":
                    break
            yield


@pytest.fixture
def visitor_factory(server, demo):
    def make(name: str = "Vera Visitor") -> Visitor:
        return Visitor(server, demo.inbox_identifier, name)

    return make


@pytest.fixture
def signed_in(chromium, server, demo):
    """Open the dashboard signed in as a user (the demo administrator by default)
    and wait for its /cable subscription. Signing in through the form has its own
    test; here the session cookie is made directly, which is quicker."""
    contexts = []

    def open_page(user=None, viewport=DESKTOP):
        user = user or User.objects.get(pk=demo.user_id)
        client = Client()
        client.force_login(user)
        context = chromium.new_context(viewport=viewport)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{server.url}/")
        page.wait_for_url("**/app/accounts/*/conversations")
        wait_until_live(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def wait_until_live(page) -> None:
    """Wait for the /cable subscription: the dashboard's presence answer arrives."""
    page.wait_for_function(
        "() => document.body.dataset.cable === 'connected'", timeout=10_000
    )
