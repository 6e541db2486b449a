"""An event that cannot be built or sent costs only itself: the request that
made the change answers, and the other events of its transaction go out."""

import dataclasses
import json
import logging

import pytest

from django.db import transaction

from conversations import services
from conversations.models import Message
from realtime import events as registry
from realtime import fanout
from realtime.hub import EVENT, Envelope
from tests.api.conftest import client_for

# Real commits: the callbacks run inside the request, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent(monkeypatch, settings):
    """The names of the events handed to the fan-out, in order; failures are
    logged as in production instead of raised at the call."""
    settings.ONECHAT_EVENTS_CHECK_AT_PUBLISH = False
    names: list[str] = []

    def record(envelope: Envelope) -> None:
        if envelope.kind == EVENT:
            names.append(json.loads(envelope.body)["event"])

    monkeypatch.setattr(fanout, "send", record)
    return names


def broken(monkeypatch, name: str, **fields) -> None:
    """Replace parts of the registered event ``name`` (its payload, audience)."""
    event = dataclasses.replace(registry.EVENTS[name], **fields)
    monkeypatch.setitem(registry.EVENTS, name, event)


def raising(*args):
    raise RuntimeError("cannot build this")


def failures(caplog) -> str:
    return "\n".join(
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.ERROR
    )


def test_a_failing_payload_leaves_the_request_and_the_other_events(
    monkeypatch, caplog, sent, conversation, agent
):
    """conversation.status_changed cannot be built: resolving still answers 200,
    conversation.updated and the activity line go out, and the failure is
    logged by the event's name."""
    broken(monkeypatch, "conversation.status_changed", payload=raising)
    url = (
        f"/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/toggle_status"
    )
    response = client_for(agent).post(url, {"status": "resolved"}, format="json")
    assert response.status_code == 200
    assert "conversation.updated" in sent
    assert "message.created" in sent
    assert "conversation.status_changed" not in sent
    assert "conversation.status_changed" in failures(caplog)


def test_a_payload_failing_after_commit_leaves_the_request_and_the_others(
    monkeypatch, caplog, sent, conversation, agent
):
    """message.created is encoded after commit: when it cannot be, the reply
    still answers 200 and first.reply.created, of the same publish, goes out."""
    broken(monkeypatch, "message.created", payload=raising)
    url = (
        f"/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/messages"
    )
    response = client_for(agent).post(url, {"content": "hello"}, format="json")
    assert response.status_code == 200
    assert "first.reply.created" in sent
    assert "message.created" not in sent
    assert "message.created" in failures(caplog)


def test_a_failing_audience_leaves_the_others(
    monkeypatch, caplog, sent, conversation, agent
):
    """An audience that cannot be built leaves out its event alone."""
    broken(monkeypatch, "conversation.updated", audience=raising)
    services.change_status(conversation=conversation, status="pending")
    assert "conversation.status_changed" in sent
    assert "message.created" in sent
    assert "conversation.updated" not in sent
    assert "conversation.updated" in failures(caplog)


def test_a_failing_send_leaves_the_later_ones(
    monkeypatch, caplog, settings, conversation, agent
):
    """The fan-out refusing one event neither stops the transaction's later
    events nor escapes the commit."""
    settings.ONECHAT_EVENTS_CHECK_AT_PUBLISH = False
    names: list[str] = []

    def send(envelope) -> None:
        name = json.loads(envelope.body)["event"]
        if name == "conversation.status_changed":
            raise ConnectionError("the feed is gone")
        names.append(name)

    monkeypatch.setattr(fanout, "send", send)
    with transaction.atomic():
        services.change_status(conversation=conversation, status="pending")
        services.create_message(
            conversation=conversation,
            message_type=Message.MessageType.INCOMING,
            content="later",
            sender=conversation.contact,
        )
    assert names == ["conversation.updated", "message.created", "message.created"]
    assert "conversation.status_changed" in failures(caplog)
