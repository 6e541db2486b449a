"""Wrap-up on resolve: labels and a private note given with the resolve, per
the inbox's ``wrap_up`` setting."""

import pytest

from accounts.models import Inbox
from conversations.models import Conversation, Label, Message
from tests import factories
from tests.realtime.capture import capture_events

pytestmark = pytest.mark.django_db

__all__ = ["capture_events"]


@pytest.fixture
def toggle(base, conversation) -> str:
    return f"{base}/conversations/{conversation.display_id}/toggle_status"


@pytest.fixture
def billing(account) -> Label:
    return Label.objects.create(account=account, title="billing", color="#ff0000")


def set_wrap_up(inbox: Inbox, value: str) -> None:
    inbox.wrap_up = value
    inbox.save(update_fields=["wrap_up"])


def test_inbox_wrap_up_setting(as_admin, as_agent, base, inbox):
    """Administrators set an inbox's wrap-up; it is in the inbox's shape; a
    value outside off/optional/required is a 400 naming the field."""
    url = f"{base}/inboxes/{inbox.pk}"
    assert as_admin.get(url).json()["wrap_up"] == "off"
    changed = as_admin.patch(url, {"wrap_up": "required"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["wrap_up"] == "required"
    listed = as_agent.get(f"{base}/inboxes").json()["payload"]
    assert [row["wrap_up"] for row in listed] == ["required"]
    bad = as_admin.patch(url, {"wrap_up": "sometimes"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["error"].startswith("wrap_up")
    refused = as_agent.patch(url, {"wrap_up": "off"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]


def test_resolve_with_wrap_up_adds_labels_and_a_private_note(
    as_agent, toggle, conversation, billing, agent, capture_events
):
    """The labels join the conversation's, the note is a private note of the
    agent's, never published to the contact's token; the conversation is resolved."""
    set_wrap_up(conversation.inbox, "optional")
    body = {
        "status": "resolved",
        "wrap_up": {"labels": ["billing"], "note": "Refunded"},
    }
    with capture_events() as events:
        response = as_agent.post(toggle, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["payload"]["current_status"] == "resolved"
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED
    assert list(conversation.labels.values_list("title", flat=True)) == ["billing"]
    note = conversation.messages.get(content="Refunded")
    assert note.private is True
    assert note.message_type == Message.MessageType.OUTGOING
    assert note.sender_user_id == agent.pk
    token = conversation.contact_inbox.pubsub_token
    created = [e for e in events.named("message.created") if e.data["id"] == note.pk]
    assert len(created) == 1
    assert token not in created[0].streams
    assert created[0].streams, "the note reaches the agents"
    updated = events.named("conversation.updated")[-1]
    assert updated.data["labels"] == ["billing"]
    assert updated.data["status"] == "resolved"


def test_plain_resolve_works_unless_required(as_agent, toggle, conversation):
    """Off or optional, Chatwoot's plain toggle_status resolves as before."""
    for setting in ("off", "optional"):
        set_wrap_up(conversation.inbox, setting)
        response = as_agent.post(toggle, {"status": "resolved"}, format="json")
        assert response.json()["payload"]["current_status"] == "resolved"
        as_agent.post(toggle, {"status": "open"}, format="json")
    set_wrap_up(conversation.inbox, "required")
    response = as_agent.post(toggle, {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert "wrap_up.labels" in body["error"] and "wrap_up.note" in body["error"]
    assert "wrap_up" in body["errors"]
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN


def test_required_wrap_up_names_what_is_missing(
    as_agent, toggle, conversation, billing
):
    """A required wrap-up missing its note is refused naming the note, and
    nothing is written: no label, no note, still open."""
    set_wrap_up(conversation.inbox, "required")
    body = {"status": "resolved", "wrap_up": {"labels": ["billing"], "note": " "}}
    response = as_agent.post(toggle, body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert "wrap_up.note" in error and "wrap_up.labels" not in error
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN
    assert not conversation.labels.exists()
    assert not conversation.messages.filter(private=True).exists()
    body["wrap_up"]["note"] = "Done"
    assert as_agent.post(toggle, body, format="json").status_code == 200
    # Reopening needs no wrap-up.
    reopened = as_agent.post(toggle, {"status": "open"}, format="json")
    assert reopened.json()["payload"]["current_status"] == "open"


def test_wrap_up_is_one_transaction(as_agent, toggle, conversation):
    """An agent's unknown label refuses the whole resolve: no note is kept."""
    set_wrap_up(conversation.inbox, "optional")
    body = {"wrap_up": {"labels": ["nosuch"], "note": "Gone"}}
    response = as_agent.post(toggle, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"].startswith("labels")
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN
    assert not conversation.messages.filter(content="Gone").exists()


@pytest.mark.parametrize(
    "wrap_up",
    [
        "labels",
        {"labels": "billing"},
        {"labels": [{"x": 1}]},
        {"note": ["x"]},
    ],
)
def test_bad_wrap_up_is_a_400(as_agent, toggle, wrap_up):
    """A malformed wrap-up is a 400 with a JSON error, never a 500."""
    response = as_agent.post(
        toggle, {"status": "resolved", "wrap_up": wrap_up}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("wrap_up")


def test_wrap_up_only_with_a_resolve(as_agent, toggle, conversation):
    """A wrap-up sent with another status is a 400 naming it."""
    response = as_agent.post(
        toggle, {"status": "pending", "wrap_up": {"note": "x"}}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("wrap_up")


def test_required_labels_are_met_by_the_conversations_own(
    as_agent, toggle, conversation, billing
):
    """A conversation already labelled needs only the note to resolve."""
    set_wrap_up(conversation.inbox, "required")
    conversation.labels.add(billing)
    body = {"status": "resolved", "wrap_up": {"note": "Sorted"}}
    response = as_agent.post(toggle, body, format="json")
    assert response.status_code == 200, response.json()
    assert list(conversation.labels.values_list("title", flat=True)) == ["billing"]


def test_wrap_up_on_another_accounts_conversation_is_not_found(as_admin, base):
    """Another account's conversation is a JSON 404, and it stays open."""
    theirs = factories.ConversationFactory()
    set_wrap_up(theirs.inbox, "optional")
    response = as_admin.post(
        f"{base}/conversations/{theirs.display_id}/toggle_status",
        {"status": "resolved", "wrap_up": {"note": "x"}},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["error"]
    theirs.refresh_from_db()
    assert theirs.status == Conversation.Status.OPEN
    assert not theirs.messages.exists()
