import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Inbox
from collaboration.models import Participant
from conversations.models import Attachment, Conversation, Message
from conversations.services import RaceLost, create_message
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages_url(base, conversation) -> str:
    return f"{base}/conversations/{conversation.display_id}/messages"


def add_messages(conversation, count: int) -> list[Message]:
    return [
        factories.MessageFactory(conversation=conversation, content=f"m{n}")
        for n in range(count)
    ]


### List


def test_list_gives_latest_20_with_meta(as_agent, messages_url, conversation, contact):
    """No cursor: the latest 20, oldest first, with meta and has_more."""
    rows = add_messages(conversation, 25)
    response = as_agent.get(messages_url)
    assert response.status_code == 200
    body = response.json()
    assert [m["id"] for m in body["payload"]] == [m.pk for m in rows[5:]]
    assert body["meta"]["contact"]["id"] == contact.pk
    assert body["meta"]["has_more"] is True


def test_before_pages_back(as_agent, messages_url, conversation):
    """before=<id> gives the 20 messages before it."""
    rows = add_messages(conversation, 25)
    response = as_agent.get(f"{messages_url}?before={rows[5].pk}")
    assert [m["id"] for m in response.json()["payload"]] == [m.pk for m in rows[:5]]
    assert response.json()["meta"]["has_more"] is False


def test_after_catches_up_to_100(as_agent, messages_url, conversation):
    """after=<id> returns up to 100 newer messages, oldest first."""
    rows = add_messages(conversation, 103)
    response = as_agent.get(f"{messages_url}?after={rows[1].pk}")
    payload = response.json()["payload"]
    assert [m["id"] for m in payload] == [m.pk for m in rows[2:102]]
    assert response.json()["meta"]["has_more"] is True
    rest = as_agent.get(f"{messages_url}?after={payload[-1]['id']}").json()
    assert [m["id"] for m in rest["payload"]] == [rows[102].pk]
    assert rest["meta"]["has_more"] is False


def test_agents_see_notes_and_activity(as_agent, messages_url, conversation):
    """The agents' list includes private notes and activity lines."""
    create_message(conversation=conversation, message_type=1, content="n", private=True)
    factories.MessageFactory(conversation=conversation, message_type=2)
    assert len(as_agent.get(messages_url).json()["payload"]) == 2


@pytest.mark.parametrize(
    "query", ["before=x", "after=-1", "before=1&after=2", "before=0"]
)
def test_list_refuses_bad_cursors(as_agent, messages_url, query):
    """Cursors are ids, one at a time."""
    response = as_agent.get(f"{messages_url}?{query}")
    assert response.status_code == 400
    assert response.json()["error"]


def test_messages_are_scoped(
    as_outsider, as_stranger, messages_url, conversation, base
):
    """Without the inbox or from another account: 404."""
    add_messages(conversation, 1)
    assert as_outsider.get(messages_url).status_code == 404
    assert as_stranger.get(messages_url).status_code == 404
    assert (
        as_outsider.post(messages_url, {"content": "x"}, format="json").status_code
        == 404
    )
    assert conversation.messages.count() == 1


### Create


def test_agent_replies_with_echo_id(as_agent, agent, messages_url, conversation):
    """A reply is outgoing from the agent; the echo id comes back."""
    response = as_agent.post(
        messages_url, {"content": "On it!", "echo_id": "tmp-1"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["message_type"] == 1
    assert body["echo_id"] == "tmp-1"
    assert body["sender"]["id"] == agent.pk
    assert body["conversation_id"] == conversation.display_id


def test_reply_comes_back_with_its_markdown_drawn(as_agent, messages_url):
    """``processed_message_content`` is the reply's Markdown as safe HTML."""
    content = "**Done**, see https://example.com <script>x</script>"
    response = as_agent.post(messages_url, {"content": content}, format="json")
    body = response.json()
    assert body["content"] == content
    assert body["processed_message_content"] == (
        '<p><strong>Done</strong>, see <a href="https://example.com" '
        'target="_blank" rel="noopener noreferrer nofollow">https://example.com</a> '
        "&lt;script&gt;x&lt;/script&gt;</p>"
    )
    listed = as_agent.get(messages_url).json()["payload"][-1]
    assert listed["processed_message_content"] == body["processed_message_content"]


def test_menu_with_content_attributes(as_agent, messages_url):
    """content_type and its attributes are stored; a question cannot be a
    private note (rules: tests/conversations/test_rich_api.py)."""
    body = {
        "content": "Pick one",
        "content_type": "input_select",
        "content_attributes": {"items": [{"title": "A", "value": "a"}]},
    }
    note = as_agent.post(messages_url, {**body, "private": True}, format="json")
    assert note.status_code == 400
    assert "content_type" in note.json()["errors"]
    response = as_agent.post(messages_url, body, format="json")
    assert response.status_code == 200
    message = Message.objects.get(pk=response.json()["id"])
    assert message.private is False
    assert message.content_type == "input_select"
    assert message.content_attributes["items"][0]["value"] == "a"


def test_api_inbox_relays_incoming_messages(as_admin, base, account, contact):
    """In an API inbox, message_type incoming records the contact's message."""
    api_inbox = factories.InboxFactory(
        account=account, channel_type=Inbox.ChannelType.API
    )
    session = factories.ContactInboxFactory(contact=contact, inbox=api_inbox)
    conversation = factories.ConversationFactory(contact_inbox=session)
    response = as_admin.post(
        f"{base}/conversations/{conversation.display_id}/messages",
        {"content": "from the app", "message_type": "incoming"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["message_type"] == 0
    assert response.json()["sender"]["type"] == "contact"


@pytest.fixture
def api_conversation(account, inbox, agent, contact):
    """A conversation of an API inbox that ``agent`` works, assigned to a
    colleague: the agent may write notes, not reply nor change its status."""
    api_inbox = factories.InboxFactory(
        account=account, channel_type=Inbox.ChannelType.API
    )
    factories.InboxMemberFactory(inbox=api_inbox, user=agent)
    colleague = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=colleague)
    factories.InboxMemberFactory(inbox=api_inbox, user=colleague)
    session = factories.ContactInboxFactory(contact=contact, inbox=api_inbox)
    return factories.ConversationFactory(
        contact_inbox=session,
        assignee=colleague,
        status=Conversation.Status.RESOLVED,
    )


def url_of(base, conversation) -> str:
    return f"{base}/conversations/{conversation.display_id}/messages"


@pytest.mark.parametrize("message_type", ["outgoing", "incoming", 0, 1])
def test_incoming_is_refused_as_a_reply_is(
    as_agent, base, api_conversation, message_type
):
    """An agent refused send_message cannot write as the contact either: the
    same 403 for incoming as for outgoing, nothing stored, not reopened."""
    response = as_agent.post(
        url_of(base, api_conversation),
        {"content": "I take it all back", "message_type": message_type},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["capability"] == "send_message"
    assert not api_conversation.messages.exists()
    api_conversation.refresh_from_db()
    assert api_conversation.status == Conversation.Status.RESOLVED


def test_incoming_reopens_only_for_who_may_resolve(
    as_agent, as_admin, base, agent, api_conversation
):
    """An invited agent may reply but not change the status: the contact's
    words in a resolved conversation, which would reopen it, are refused
    naming resolve; in an open one they are stored. An administrator's reopen."""
    Participant.objects.create(
        account=api_conversation.account,
        conversation=api_conversation,
        user=agent,
        kind=Participant.Kind.INVITED,
    )
    url = url_of(base, api_conversation)
    body = {"content": "from the app", "message_type": "incoming"}
    refused = as_agent.post(url, body, format="json")
    assert refused.status_code == 403
    assert refused.json()["capability"] == "resolve"
    assert not api_conversation.messages.exists()
    api_conversation.refresh_from_db()
    assert api_conversation.status == Conversation.Status.RESOLVED
    # A reaction reopens nothing, so it needs no more than a reply.
    as_admin.post(url, {"content": "hello"}, format="json")
    first = api_conversation.messages.get()
    reaction = {
        "content": "👍",
        "message_type": "incoming",
        "content_type": "reaction",
        "content_attributes": {"in_reply_to": first.pk},
    }
    assert as_agent.post(url, reaction, format="json").status_code == 200
    api_conversation.refresh_from_db()
    assert api_conversation.status == Conversation.Status.RESOLVED

    reopened = as_admin.post(url, body, format="json")
    assert reopened.status_code == 200
    assert reopened.json()["sender"]["type"] == "contact"
    message = Message.objects.get(pk=reopened.json()["id"])
    assert message.sender_contact_id == api_conversation.contact_id
    assert message.sender_user_id is None
    api_conversation.refresh_from_db()
    assert api_conversation.status == Conversation.Status.OPEN

    stored = as_agent.post(url, body, format="json")
    assert stored.status_code == 200
    assert stored.json()["sender"]["type"] == "contact"


def test_a_status_change_meanwhile_refuses_the_reopen(agent, api_conversation):
    """The caller saw the conversation open, it was resolved before the write:
    a caller who may not reopen it loses the race (409), nothing stored."""
    with pytest.raises(RaceLost):
        create_message(
            conversation=api_conversation,
            message_type=Message.MessageType.INCOMING,
            content="late",
            sender=api_conversation.contact,
            may_reopen=False,
        )
    assert not api_conversation.messages.exists()


@pytest.mark.parametrize("private", [False, True])
def test_incoming_in_a_website_inbox_is_a_400(
    as_admin, messages_url, conversation, private
):
    """A website inbox's contact writes through the widget only: incoming from
    the Application API is a 400 naming message_type, for any caller; so is
    an incoming private note anywhere."""
    response = as_admin.post(
        messages_url,
        {"content": "hi", "message_type": "incoming", "private": private},
        format="json",
    )
    assert response.status_code == 400
    assert "API inboxes" in response.json()["errors"]["message_type"]
    assert not conversation.messages.exists()


def test_incoming_to_another_account_s_conversation_is_a_404(
    as_admin, as_stranger, base, account, api_conversation, other_account_conversation
):
    """Another account's conversation, or a conversation of an account one is
    not in: 404, nothing stored."""
    other_base = f"/api/v1/accounts/{other_account_conversation.account_id}"
    body = {"content": "hi", "message_type": "incoming"}
    response = as_admin.post(
        url_of(other_base, other_account_conversation), body, format="json"
    )
    assert response.status_code == 404
    response = as_stranger.post(url_of(base, api_conversation), body, format="json")
    assert response.status_code == 404
    assert not Message.objects.exists()


def test_attachments_upload_as_multipart(as_agent, messages_url, settings, tmp_path):
    """attachments[] files are stored with type, size and extension."""
    settings.MEDIA_ROOT = tmp_path
    image = SimpleUploadedFile(
        "pic.png", b"\x89PNG\r\n\x1a\n fake", content_type="image/png"
    )
    doc = SimpleUploadedFile("a.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = as_agent.post(
        messages_url,
        {"content": "files", "attachments[]": [image, doc]},
        format="multipart",
    )
    assert response.status_code == 200
    attachments = response.json()["attachments"]
    assert [a["file_type"] for a in attachments] == ["image", "file"]
    assert [a["extension"] for a in attachments] == ["png", "pdf"]
    assert attachments[0]["data_url"].startswith("http://testserver/media/")


def test_attachment_urls_cannot_be_guessed(as_agent, messages_url, settings, tmp_path):
    """/media needs no session, so each file sits in a folder of its own named
    by 128 random bits: the same file name sent twice gets two unrelated URLs."""
    settings.MEDIA_ROOT = tmp_path
    urls = []
    for _ in range(2):
        upload = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4", "application/pdf")
        response = as_agent.post(
            messages_url, {"attachments[]": [upload]}, format="multipart"
        )
        assert response.status_code == 200
        urls.append(response.json()["attachments"][0]["data_url"])
    folders = [
        re.fullmatch(
            r"http://testserver/media/attachments/([0-9a-f]{32})/invoice.pdf", url
        )
        for url in urls
    ]
    assert all(folders), urls
    assert folders[0].group(1) != folders[1].group(1)
    assert (tmp_path / "attachments" / folders[0].group(1) / "invoice.pdf").exists()


@pytest.mark.parametrize(
    ("name", "content_type", "size"),
    [
        ("page.html", "text/html", 10),
        ("logo.svg", "image/svg+xml", 10),
        ("big.png", "image/png", 2049),
    ],
)
def test_attachments_refuse_bad_types_and_sizes(
    as_agent, messages_url, settings, tmp_path, conversation, name, content_type, size
):
    """Script-capable types and files over the limit are refused; nothing stored."""
    settings.MEDIA_ROOT = tmp_path
    settings.MAX_ATTACHMENT_BYTES = 2048
    upload = SimpleUploadedFile(name, b"x" * size, content_type=content_type)
    response = as_agent.post(
        messages_url, {"content": "x", "attachments[]": [upload]}, format="multipart"
    )
    assert response.status_code == 400
    assert name in response.json()["error"]
    assert not conversation.messages.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"content": "   "},
        {"content": "hi", "message_type": 2},
        {"content": "hi", "message_type": "sideways"},
        {"content": "hi", "message_type": True},
        {"content": "hi", "content_type": "html"},
        {"content": "hi", "content_attributes": "[1]"},
        {"content": "hi", "echo_id": "e" * 65},
        {"content": "hi", "message_type": "incoming"},
        {"content": ["hi"]},
    ],
)
def test_create_refuses_bad_input(as_agent, messages_url, conversation, body):
    """Empty content, activity or unknown types, bad attributes: 400, nothing sent."""
    response = as_agent.post(messages_url, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert not conversation.messages.exists()


def test_create_refuses_oversize_content(
    as_agent, messages_url, conversation, settings
):
    """Content over MAX_MESSAGE_LENGTH is refused."""
    settings.MAX_MESSAGE_LENGTH = 100
    response = as_agent.post(messages_url, {"content": "x" * 101}, format="json")
    assert response.status_code == 400
    assert "100" in response.json()["error"]
    assert not conversation.messages.exists()


### Delete (the rules per role: tests/api/test_message_editing.py)


def test_delete_cannot_reach_other_conversations(
    as_agent, messages_url, account, inbox, other_account_conversation
):
    """A message id of another conversation or account is a 404, untouched."""
    theirs = factories.MessageFactory(conversation=other_account_conversation)
    response = as_agent.delete(f"{messages_url}/{theirs.pk}")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.content_attributes == {}
