"""An agent bot end to end: a real receiver on loopback plays the bot. The
job worker delivers the visitor's message to its outgoing URL; the bot
answers through the API with its token (text, then a question), and at the
visitor's second message hands off (``toggle_status`` open). The visitor
reads the bot's answers; the agents' dashboard shows the conversation open,
the bot's message under the bot's name."""

import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.test import Client

from accounts.models import User
from agentbots.models import AgentBot, AgentBotInbox
from conversations.models import Conversation
from onechat.demo import seed_demo_account
from tests.dashboard.conftest import DESKTOP, Visitor, wait_until_live
from tests.servers import Server, embedded_server_and_worker

pytestmark = [
    pytest.mark.server,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

STEP_SECONDS = 15
# Markup in a bot's name is text wherever it is drawn.
BOT_NAME = "Robo <i>One</i>"
QUESTION = {
    "content": "What do you need?",
    "content_type": "input_select",
    "content_attributes": {
        "items": [
            {"title": "Billing", "value": "billing"},
            {"title": "A person", "value": "human"},
        ]
    },
}


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker) -> Iterator[Server]:
    """A server and a job worker that may deliver to loopback."""
    env = {"WEBHOOK_ALLOWED_NETWORKS": "127.0.0.1/32"}
    with django_db_blocker.unblock(), embedded_server_and_worker(env=env) as running:
        yield running


@pytest.fixture(autouse=True)
def worker_done(server) -> Iterator[None]:
    """Each test ends once the worker has no job due or running (the flush
    after the test must not delete the row of a job it still runs)."""
    yield
    deadline = time.monotonic() + STEP_SECONDS
    while (
        DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists()
    ):
        assert time.monotonic() < deadline, "the worker is still busy"
        time.sleep(0.1)


def call_api(url: str, token: str, body: dict) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "api_access_token": token},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


class BotReceiver:
    """The bot: an HTTP receiver that answers the visitor's messages through
    the API, in a thread of its own so each delivery is acknowledged first."""

    def __init__(self, api_url: str) -> None:
        self.api_url = api_url
        self.token = ""
        self.events: list[dict] = []
        self.answers: list[dict] = []
        self.errors: list[BaseException] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                payload = json.loads(self.rfile.read(length))
                self.send_response(200)
                self.end_headers()
                receiver.events.append(payload)
                threading.Thread(target=receiver.act, args=(payload,)).start()

            def log_message(self, *args) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_port}/bot"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def act(self, payload: dict) -> None:
        if payload.get("event") != "message_created":
            return
        if payload.get("message_type") != "incoming":
            return
        conversation = (
            f"{self.api_url}/api/v1/accounts/{payload['account']['id']}"
            f"/conversations/{payload['conversation']['id']}"
        )
        try:
            visitor_messages = sum(
                1
                for event in self.events
                if event.get("event") == "message_created"
                and event.get("message_type") == "incoming"
            )
            if visitor_messages == 1:
                call_api(
                    f"{conversation}/toggle_typing_status",
                    self.token,
                    {"typing_status": "on"},
                )
                self.answers.append(
                    call_api(
                        f"{conversation}/messages",
                        self.token,
                        {"content": "Hi, I am Robo."},
                    )
                )
                self.answers.append(
                    call_api(f"{conversation}/messages", self.token, QUESTION)
                )
            else:
                self.answers.append(
                    call_api(
                        f"{conversation}/toggle_status", self.token, {"status": "open"}
                    )
                )
        except BaseException as error:  # reported by the test
            self.errors.append(error)

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


def wait_until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + STEP_SECONDS
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_a_bot_answers_the_visitor_and_hands_off_to_the_agents(server, chromium):
    demo = seed_demo_account()
    receiver = BotReceiver(server.url)
    try:
        bot = AgentBot.objects.create(
            account_id=demo.account_id, name=BOT_NAME, outgoing_url=receiver.url
        )
        receiver.token = bot.access_token
        AgentBotInbox.objects.create(inbox_id=demo.inbox_id, agent_bot=bot)

        visitor = Visitor(server, demo.inbox_identifier, "Vera Visitor")
        display_id = visitor.start_conversation()
        conversation = Conversation.objects.get(
            account_id=demo.account_id, display_id=display_id
        )
        assert conversation.status == Conversation.Status.PENDING

        visitor.say("Hello, anyone there?")
        wait_until(
            lambda: len(receiver.answers) >= 2 or receiver.errors,
            "the bot answers",
        )
        assert not receiver.errors, receiver.errors
        seen = get_json(f"{visitor.conversation_url}/messages")
        from_bot = [m for m in seen if m.get("sender_type") == "AgentBot"]
        assert [m["content"] for m in from_bot] == [
            "Hi, I am Robo.",
            "What do you need?",
        ]
        assert from_bot[0]["sender"]["name"] == BOT_NAME
        assert from_bot[1]["content_type"] == "input_select"
        conversation.refresh_from_db()
        assert conversation.status == Conversation.Status.PENDING

        visitor.say("A person, please")
        wait_until(
            lambda: len(receiver.answers) >= 3 or receiver.errors, "the bot hands off"
        )
        assert not receiver.errors, receiver.errors
        assert receiver.answers[2]["payload"]["current_status"] == "open"

        client = Client()
        client.force_login(User.objects.get(pk=demo.user_id))
        context = chromium.new_context(viewport=DESKTOP)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": server.url,
                }
            ]
        )
        page = context.new_page()
        page.goto(
            f"{server.url}/app/accounts/{demo.account_id}/conversations/{display_id}"
        )
        wait_until_live(page)
        page.locator(".chip.status-open").first.wait_for(timeout=10_000)
        page.get_by_text(f"{BOT_NAME} (bot)", exact=True).first.wait_for(timeout=10_000)
        page.get_by_text("Hi, I am Robo.").first.wait_for(timeout=10_000)
        assert page.locator(".message-meta i").count() == 0

        # The Bots settings page lists the bot and the inbox it answers.
        page.goto(f"{server.url}/app/accounts/{demo.account_id}/settings/bots")
        card = page.locator(f'.bot-card[data-bot-id="{bot.pk}"]')
        card.locator(".bot-name", has_text=BOT_NAME).wait_for(timeout=10_000)
        assert card.locator(".bot-name i").count() == 0
        assert card.locator(".bot-token").inner_text() == bot.access_token
        choice = page.locator(f'select[data-inbox-id="{demo.inbox_id}"]')
        choice.wait_for(timeout=10_000)
        assert choice.input_value() == str(bot.pk)
        context.close()
    finally:
        receiver.close()
