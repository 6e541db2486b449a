"""A receiver on 127.0.0.1 that records what it is sent and answers as a
test scripts it, the webhook jobs run in the test process as the worker
would, and a webhook of the account pointed at the receiver."""

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone
from django.utils.module_loading import import_string

from webhooks.models import EVENTS, Webhook
from webhooks.services import create_webhook


@dataclass(frozen=True)
class Received:
    """One POST the receiver got."""

    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)

    @property
    def delivery_id(self) -> str:
        return self.headers["X-Chatwoot-Delivery"]

    def signed_by(self, secret: str) -> bool:
        """Whether the signature is the receiver-side check's answer."""
        timestamp = self.headers["X-Chatwoot-Timestamp"]
        expected = hmac.new(
            secret.encode(), f"{timestamp}.".encode() + self.body, hashlib.sha256
        ).hexdigest()
        return hmac.compare_digest(
            f"sha256={expected}", self.headers.get("X-Chatwoot-Signature", "")
        )


# What the receiver does with a request: a status, or a number of seconds
# to stall before answering 200.
Answer = Callable[[Received], int]


class Receiver:
    """An HTTP receiver on 127.0.0.1; ``answer`` picks each request's status
    (200 unless set); ``received`` lists every request, repeats included."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.answer: Answer = lambda request: 200
        self.stall_seconds = 0.0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                request = Received(
                    self.path, dict(self.headers), self.rfile.read(length)
                )
                with receiver.lock:
                    receiver.received.append(request)
                status = receiver.answer(request)
                if status == 0:  # stall past the sender's timeout
                    time.sleep(receiver.stall_seconds)
                    status = 200
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"{}")
                except OSError:
                    pass

            def log_message(self, *args) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(
            target=self.httpd.serve_forever, args=(0.02,), daemon=True
        ).start()

    def ids(self) -> list[str]:
        return [request.delivery_id for request in self.received]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.close()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def quick_deliveries(settings):
    """Loopback allowed (the receiver), backoff in milliseconds, a short
    timeout and hold."""
    settings.ONECHAT_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.ONECHAT_WEBHOOK_TIMEOUT_SECONDS = 0.3
    settings.ONECHAT_WEBHOOK_BACKOFF_BASE_SECONDS = 0.001
    settings.ONECHAT_WEBHOOK_BACKOFF_MAX_SECONDS = 0.004
    settings.ONECHAT_WEBHOOK_CLAIM_SECONDS = 2


@pytest.fixture
def webhook(account, receiver) -> Webhook:
    """The account's webhook, subscribed to every event, at the receiver."""
    return create_webhook(account=account, url=receiver.url, subscriptions=list(EVENTS))


def jobs() -> list[DBTaskResult]:
    """The webhook jobs waiting in the database."""
    return list(
        DBTaskResult.objects.filter(
            status="READY", task_path__startswith="webhooks.tasks."
        ).order_by("id")
    )


def run_jobs(*, until: datetime | None = None, wait: bool = True) -> int:
    """Run the waiting webhook jobs and those they enqueue, as the worker
    would; with ``wait``, retries due within a second are waited for. How
    many ran."""
    ran = 0
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        waiting = jobs()
        now = until or timezone.now()
        due = [
            job for job in waiting if job.run_after.year == 9999 or job.run_after <= now
        ]
        if not due:
            soon = [job for job in waiting if (job.run_after - now).total_seconds() < 1]
            if not (wait and soon):
                return ran
            time.sleep(0.005)
            continue
        job = due[0]
        job.delete()
        import_string(job.task_path).call(**job.args_kwargs["kwargs"])
        ran += 1
    raise AssertionError("the webhook jobs did not settle")
