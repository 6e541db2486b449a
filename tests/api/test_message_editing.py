"""Editing and deleting messages through the Application API: who may, what the
answer is, and the audit trail administrators read."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from conversations.models import Message, MessageRevision
from conversations.services import create_message, record_activity
from tests import factories

pytestmark = pytest.mark.django_db

DELETED = "This message was deleted"


@pytest.fixture
def messages_url(base, conversation) -> str:
    return f"{base}/conversations/{conversation.display_id}/messages"


@pytest.fixture
def colleague(account, inbox):
    """Another agent of the same inbox."""
    user = factories.UserFactory(name="Cleo Colleague")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


def reply(conversation, sender, content="Original words", **kwargs) -> Message:
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=sender,
        content=content,
        **kwargs,
    )


def customer_message(conversation) -> Message:
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        sender=conversation.contact,
        content="Customer words",
    )


### Delete


def test_agent_deletes_own_reply_and_the_original_is_kept(
    as_agent, messages_url, conversation, agent
):
    """The reply reads Chatwoot's placeholder, flagged deleted, its attachment
    gone; the revision keeps the words, the attachment's metadata, who and when."""
    upload = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
    message = reply(conversation, agent, attachments=[upload])
    response = as_agent.delete(f"{messages_url}/{message.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["content"] == DELETED
    assert body["content_attributes"]["deleted"] is True
    assert not body.get("attachments")
    assert "Original words" not in str(body)
    revision = MessageRevision.objects.get(message=message)
    assert revision.action == "delete"
    assert revision.content == "Original words"
    assert revision.actor == agent
    assert revision.attachments[0]["extension"] == "txt"
    assert revision.attachments[0]["file_size"] == 5
    assert revision.created_at is not None


def test_agent_deletes_own_note(as_agent, messages_url, conversation, agent):
    """A private note of the agent's own may be deleted."""
    note = reply(conversation, agent, private=True)
    response = as_agent.delete(f"{messages_url}/{note.pk}")
    assert response.status_code == 200
    assert response.json()["content_attributes"]["deleted"] is True


@pytest.mark.parametrize("whose", ["colleague", "customer", "template"])
def test_agent_cannot_delete_others_messages(
    as_agent, messages_url, conversation, colleague, whose
):
    """Another agent's reply, the customer's message, a bot prompt: 403 naming
    why, nothing changed and nothing recorded."""
    message = {
        "colleague": lambda: reply(conversation, colleague),
        "customer": lambda: customer_message(conversation),
        "template": lambda: create_message(
            conversation=conversation,
            message_type=Message.MessageType.TEMPLATE,
            content="Get notified by email",
        ),
    }[whose]()
    original = message.content
    response = as_agent.delete(f"{messages_url}/{message.pk}")
    assert response.status_code == 403
    assert "your own messages" in response.json()["error"]
    message.refresh_from_db()
    assert message.content == original
    assert not MessageRevision.objects.exists()


@pytest.mark.parametrize("client", ["as_agent", "as_admin"])
def test_nobody_deletes_or_edits_an_activity_line(
    request, client, messages_url, conversation
):
    """Activity lines are the record of what happened: 403 for every role."""
    api = request.getfixturevalue(client)
    line = record_activity(conversation=conversation, kind="status.resolved")
    for response in (
        api.delete(f"{messages_url}/{line.pk}"),
        api.patch(f"{messages_url}/{line.pk}", {"content": "x"}, format="json"),
    ):
        assert response.status_code == 403
        assert "Activity lines" in response.json()["error"]
    line.refresh_from_db()
    assert line.content == "Conversation was marked resolved"


def test_admin_deletes_any_message(
    as_admin, messages_url, conversation, agent, colleague
):
    """An administrator deletes the customer's message and an agent's note."""
    for message in (customer_message(conversation), reply(conversation, colleague)):
        response = as_admin.delete(f"{messages_url}/{message.pk}")
        assert response.status_code == 200
        message.refresh_from_db()
        assert message.content == DELETED
    assert MessageRevision.objects.filter(action="delete").count() == 2


def test_deleting_twice_is_refused(as_agent, messages_url, conversation, agent):
    """A deleted message stays as it is: the second delete is a 403, one revision."""
    message = reply(conversation, agent)
    as_agent.delete(f"{messages_url}/{message.pk}")
    response = as_agent.delete(f"{messages_url}/{message.pk}")
    assert response.status_code == 403
    assert MessageRevision.objects.filter(message=message).count() == 1


def test_another_accounts_message_is_404(
    as_admin, base, messages_url, other_account_conversation
):
    """Another account's message, by its id or its conversation's: 404, untouched."""
    theirs = factories.MessageFactory(
        conversation=other_account_conversation,
        message_type=Message.MessageType.OUTGOING,
    )
    other_url = f"{base}/conversations/{other_account_conversation.display_id}/messages"
    for url in (f"{messages_url}/{theirs.pk}", f"{other_url}/{theirs.pk}"):
        assert as_admin.delete(url).status_code == 404
        assert as_admin.patch(url, {"content": "x"}, format="json").status_code == 404
        assert as_admin.get(f"{url}/revisions").status_code == 404
    theirs.refresh_from_db()
    assert theirs.content_attributes == {}


### Edit


def test_agent_edits_own_reply(as_agent, messages_url, conversation, agent):
    """The new text is served, ``edited_at`` set, the old text kept as a revision."""
    message = reply(conversation, agent)
    response = as_agent.patch(
        f"{messages_url}/{message.pk}", {"content": "Better words"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["content"] == "Better words"
    assert isinstance(body["content_attributes"]["edited_at"], int)
    revision = MessageRevision.objects.get(message=message)
    assert (revision.action, revision.content, revision.actor) == (
        "edit",
        "Original words",
        agent,
    )


def test_edited_markup_is_drawn_as_text(as_agent, messages_url, conversation, agent):
    """Markup in an edit is escaped in ``processed_message_content``."""
    message = reply(conversation, agent)
    response = as_agent.patch(
        f"{messages_url}/{message.pk}",
        {"content": "<script>alert(1)</script><img src=x onerror=alert(1)>"},
        format="json",
    )
    processed = response.json()["processed_message_content"]
    assert "<script" not in processed
    assert "<img" not in processed


@pytest.mark.parametrize("client", ["as_agent", "as_admin"])
def test_nobody_edits_someone_elses_message(
    request, client, messages_url, conversation, colleague
):
    """Not an agent, not an administrator: 403, the words unchanged."""
    api = request.getfixturevalue(client)
    for message in (reply(conversation, colleague), customer_message(conversation)):
        original = message.content
        response = api.patch(
            f"{messages_url}/{message.pk}", {"content": "Rewritten"}, format="json"
        )
        assert response.status_code == 403
        assert "your own messages" in response.json()["error"]
        message.refresh_from_db()
        assert message.content == original


@pytest.mark.parametrize("body", [{}, {"content": "   "}, {"content": 5 * "x"}])
def test_edit_refuses_bad_content(
    as_agent, messages_url, conversation, agent, settings, body
):
    """Missing, blank or overlong content: 400 naming ``content``."""
    settings.MAX_MESSAGE_LENGTH = 4
    message = reply(conversation, agent, content="abc")
    response = as_agent.patch(f"{messages_url}/{message.pk}", body, format="json")
    assert response.status_code == 400
    assert "content" in response.json()["errors"]
    message.refresh_from_db()
    assert message.content == "abc"


def test_a_deleted_message_cannot_be_edited(
    as_agent, messages_url, conversation, agent
):
    """Once deleted, the placeholder stays."""
    message = reply(conversation, agent)
    as_agent.delete(f"{messages_url}/{message.pk}")
    response = as_agent.patch(
        f"{messages_url}/{message.pk}", {"content": "Back"}, format="json"
    )
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.content == DELETED


### Revisions


def test_admin_reads_the_trail_agents_do_not(
    as_admin, as_agent, messages_url, conversation, agent
):
    """Edit then delete: administrators read both revisions oldest first;
    agents, even the author, get a 403."""
    message = reply(conversation, agent)
    url = f"{messages_url}/{message.pk}"
    as_agent.patch(url, {"content": "Second words"}, format="json")
    as_agent.delete(url)
    response = as_admin.get(f"{url}/revisions")
    assert response.status_code == 200
    payload = response.json()["payload"]
    assert [(r["action"], r["content"]) for r in payload] == [
        ("edit", "Original words"),
        ("delete", "Second words"),
    ]
    assert payload[0]["actor"]["id"] == agent.pk
    assert isinstance(payload[0]["created_at"], int)
    refused = as_agent.get(f"{url}/revisions")
    assert refused.status_code == 403
    assert "Original words" not in refused.content.decode()
