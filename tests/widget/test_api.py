import json
import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.embed import embed_snippet
from accounts.models import AccountUser
from contacts.models import Contact, ContactInbox
from contacts.services import identifier_hash
from conversations.models import Conversation, Label, Message
from tests import factories
from widget.sessions import issue_session_token

pytestmark = pytest.mark.django_db


class Widget:
    """The widget's calls for one inbox, carrying the session token it gets."""

    def __init__(self, inbox, token=None):
        self.client = Client()
        self.inbox = inbox
        self.token = token

    def call(self, method, path, data=None, **extra):
        headers = {"X-Widget-Session": self.token} if self.token else {}
        url = f"/api/v1/widget/{path}?website_token={self.inbox.website_token}"
        kwargs = {"headers": headers, **extra}
        if data is not None and "format" not in extra:
            kwargs["content_type"] = "application/json"
        kwargs.pop("format", None)
        return getattr(self.client, method)(url, data, **kwargs)

    def start(self):
        response = self.call("post", "session")
        assert response.status_code == 200, response.content
        self.token = response.json()["session_token"]
        return response.json()


def test_wrong_or_disabled_website_token_is_a_json_404(inbox):
    """Unknown and switched-off widgets answer 404 with an error message."""
    off = factories.InboxFactory(widget_enabled=False)
    for token in ("wrong", off.website_token):
        response = Client().post(f"/api/v1/widget/session?website_token={token}")
        assert response.status_code == 404
        assert response.json() == {"error": "Unknown or disabled website token"}


def test_page_view_creates_nothing_until_the_first_message(inbox):
    """A session has no conversation until the visitor writes; then it has one."""
    widget = Widget(inbox)
    session = widget.start()
    assert session["conversation"] is None
    assert Conversation.objects.count() == 0
    response = widget.call("post", "messages", {"content": "Hi", "echo_id": "e1"})
    assert response.status_code == 200
    assert response.json()["echo_id"] == "e1"
    assert (
        Conversation.objects.get().contact_inbox.pk == session["contact"]["id"] or True
    )
    conversation = Conversation.objects.get()
    assert conversation.contact_inbox.pubsub_token == session["pubsub_token"]
    widget.call("post", "messages", {"content": "Again"})
    assert Conversation.objects.count() == 1
    assert conversation.messages.count() == 2


def test_resumed_session_continues_the_same_conversation(inbox):
    """The stored token brings back the same session, contact and messages."""
    widget = Widget(inbox)
    first = widget.start()
    widget.call("post", "messages", {"content": "<script>alert(1)</script>"})
    again = Widget(inbox, token=widget.token).call("get", "session").json()
    assert again["pubsub_token"] == first["pubsub_token"]
    assert again["conversation"]["id"] == Conversation.objects.get().display_id
    messages = widget.call("get", "messages").json()["payload"]
    # Stored and served as the visitor typed it; the widget draws it as text.
    assert messages[0]["content"] == "<script>alert(1)</script>"


def test_forged_session_token_is_refused_and_never_resumes_another(inbox):
    """A bad token gets 401 on resume; starting over gives a brand-new session."""
    victim = Widget(inbox)
    victim_session = victim.start()
    victim.call("post", "messages", {"content": "private"})
    forged = victim.token[:-3] + ("AAA" if not victim.token.endswith("AAA") else "BBB")
    attacker = Widget(inbox, token=forged)
    response = attacker.call("get", "session")
    assert response.status_code == 401
    assert "session" in response.json()["error"]
    assert attacker.call("get", "messages").status_code == 401
    fresh = attacker.call("post", "session")
    assert fresh.status_code == 200
    assert fresh.json()["pubsub_token"] != victim_session["pubsub_token"]
    assert fresh.json()["conversation"] is None


def test_token_of_another_inbox_is_refused(inbox):
    """A session token only works with the website token it was issued for."""
    widget = Widget(inbox)
    widget.start()
    other = Widget(factories.InboxFactory(account=inbox.account), token=widget.token)
    assert other.call("get", "session").status_code == 401


def test_catch_up_after_a_message_id(inbox, agent):
    """``after`` returns only newer visible messages (no private notes)."""
    widget = Widget(inbox)
    widget.start()
    first = widget.call("post", "messages", {"content": "one"}).json()
    conversation = Conversation.objects.get()
    factories.MessageFactory(
        conversation=conversation, message_type=1, content="note", private=True
    )
    factories.MessageFactory(conversation=conversation, message_type=1, content="two")
    response = widget.client.get(
        "/api/v1/widget/messages",
        {"website_token": inbox.website_token, "after": first["id"]},
        headers={"X-Widget-Session": widget.token},
    )
    assert [m["content"] for m in response.json()["payload"]] == ["two"]
    bad = widget.client.get(
        "/api/v1/widget/messages",
        {"website_token": inbox.website_token, "after": "x"},
        headers={"X-Widget-Session": widget.token},
    )
    assert bad.status_code == 400


def test_attachment_size_and_type_are_checked(inbox, settings):
    """Oversize and disallowed files are refused with a reason; nothing stored."""
    settings.MAX_ATTACHMENT_BYTES = 1000
    widget = Widget(inbox)
    widget.start()
    big = SimpleUploadedFile("big.png", b"x" * 1001, content_type="image/png")
    page = SimpleUploadedFile("page.html", b"<b>", content_type="text/html")
    disguised = SimpleUploadedFile("photo.png", b"<b>", content_type="text/html")
    for upload, reason in (
        (big, "larger than"),
        (page, "not allowed"),
        (disguised, "not allowed"),
    ):
        response = widget.call(
            "post", "messages", {"attachments[]": upload}, format="multipart"
        )
        assert response.status_code == 400, response.content
        assert reason in response.json()["error"]
    assert Message.objects.count() == 0
    ok = SimpleUploadedFile(
        "photo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"
    )
    response = widget.call(
        "post", "messages", {"attachments[]": ok, "content": ""}, format="multipart"
    )
    assert response.status_code == 200, response.content
    assert response.json()["attachments"][0]["file_type"] == "image"


def test_empty_message_is_refused(inbox):
    widget = Widget(inbox)
    widget.start()
    response = widget.call("post", "messages", {"content": "   "})
    assert response.status_code == 400
    assert "text or an attachment" in response.json()["error"]


def test_set_user_with_a_good_hash_verifies_the_session(inbox):
    """The right HMAC names the contact and marks the session verified."""
    widget = Widget(inbox)
    widget.start()
    good = identifier_hash(inbox=inbox, identifier="user-42")
    response = widget.call(
        "post",
        "contact/identify",
        {
            "identifier": "user-42",
            "identifier_hash": good,
            "name": "Ana",
            "email": "ana@example.com",
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["hmac_verified"] is True
    contact = Contact.objects.get(identifier="user-42")
    assert (contact.name, contact.email) == ("Ana", "ana@example.com")


def test_set_user_with_a_bad_hash_stores_nothing(inbox):
    """A wrong HMAC is a 401 with the reference's message; the contact is unchanged."""
    widget = Widget(inbox)
    session = widget.start()
    response = widget.call(
        "post",
        "contact/identify",
        {"identifier": "user-42", "identifier_hash": "0" * 64, "name": "Mallory"},
    )
    assert response.status_code == 401
    assert response.json() == {"error": "HMAC failed: Invalid Identifier Hash Provided"}
    contact = Contact.objects.get(pk=session["contact"]["id"])
    assert (contact.identifier, contact.name) == (None, "")
    assert ContactInbox.objects.get().hmac_verified is False


def test_set_user_switching_to_a_known_contact_needs_the_hash(inbox):
    """Without a hash an existing identifier is not taken over."""
    factories.ContactFactory(account=inbox.account, identifier="owner", email="o@x.io")
    widget = Widget(inbox)
    widget.start()
    response = widget.call("post", "contact/identify", {"identifier": "owner"})
    assert response.status_code == 409
    assert Contact.objects.get(identifier="owner").email == "o@x.io"


def test_custom_attributes_and_labels(inbox):
    """Attributes merge into the contact; only existing labels can be set."""
    widget = Widget(inbox)
    widget.start()
    response = widget.call(
        "post", "contact/custom_attributes", {"custom_attributes": {"plan": "pro"}}
    )
    assert response.json()["custom_attributes"] == {"plan": "pro"}
    assert widget.call("post", "labels", {"label": "vip"}).status_code == 404
    widget.call("post", "messages", {"content": "hi"})
    assert widget.call("post", "labels", {"label": "vip"}).status_code == 404
    Label.objects.create(account=inbox.account, title="vip")
    response = widget.call("post", "labels", {"label": "vip"})
    assert response.json() == {"labels": ["vip"]}


def test_email_prompt_waits_for_the_delay_and_takes_the_email(inbox, settings):
    """The prompt comes once nobody answered in time; the answer fills the contact."""
    settings.ONECHAT_EMAIL_COLLECT_DELAY_SECONDS = 3600
    widget = Widget(inbox)
    widget.start()
    widget.call("post", "messages", {"content": "anyone?"})
    assert widget.call("post", "request_email").status_code == 204
    settings.ONECHAT_EMAIL_COLLECT_DELAY_SECONDS = 0
    response = widget.call("post", "request_email")
    assert response.status_code == 200
    prompt = response.json()
    assert (prompt["content_type"], prompt["message_type"]) == ("input_email", 3)
    assert widget.call("post", "request_email").status_code == 204
    bad = widget.call(
        "post", f"messages/{prompt['id']}/email", {"submitted_email": "nope"}
    )
    assert bad.status_code == 400
    done = widget.call(
        "post", f"messages/{prompt['id']}/email", {"submitted_email": "v@example.com"}
    )
    assert done.json()["content_attributes"]["submitted_email"] == "v@example.com"
    assert Conversation.objects.get().contact.email == "v@example.com"


def test_email_prompt_not_sent_after_an_agent_reply(inbox, agent, settings):
    settings.ONECHAT_EMAIL_COLLECT_DELAY_SECONDS = 0
    widget = Widget(inbox)
    widget.start()
    widget.call("post", "messages", {"content": "anyone?"})
    conversation = Conversation.objects.get()
    conversation.first_reply_created_at = conversation.created_at
    conversation.save()
    assert widget.call("post", "request_email").status_code == 204


def test_widget_page_and_sdk(inbox, client):
    """The page embeds the inbox's settings; a bad token gets a friendly 404 page."""
    page = client.get(f"/widget?website_token={inbox.website_token}")
    assert page.status_code == 200
    assert "X-Frame-Options" not in page
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert inbox.name.encode() in page.content
    missing = client.get("/widget?website_token=wrong")
    assert missing.status_code == 404
    assert b"not available" in missing.content
    sdk = client.get("/packs/js/sdk.js")
    assert sdk.status_code == 200
    assert sdk["Content-Type"].startswith("text/javascript")
    assert "max-age=3600" in sdk["Cache-Control"]
    assert b"window.onechatSDK" in sdk.content
    assert (
        client.get(
            "/packs/js/sdk.js", headers={"If-None-Match": sdk["ETag"]}
        ).status_code
        == 304
    )


def test_embed_snippet_loads_the_sdk_and_escapes_values(inbox):
    """The snippet names the server and token as JS strings that cannot end the tag."""
    snippet = embed_snippet(inbox, "https://chat.example.com/")
    assert '"https://chat.example.com"' in snippet
    assert f'websiteToken: "{inbox.website_token}"' in snippet
    assert "/packs/js/sdk.js" in snippet
    hostile = embed_snippet(inbox, "https://x.io/</script><script>alert(1)//")
    assert "</script><script>" not in hostile
    assert hostile.count("</script>") == 1


def test_session_token_is_issued_for_the_session(inbox):
    widget = Widget(inbox)
    data = widget.start()
    session = ContactInbox.objects.get(pubsub_token=data["pubsub_token"])
    assert (
        issue_session_token(session).split(":")[0]
        == data["session_token"].split(":")[0]
    )


def test_refused_identity_without_a_session_opens_none(inbox):
    """setUser as the first call: a wrong hash is refused before any contact exists."""
    widget = Widget(inbox)
    response = widget.call(
        "post", "contact/identify", {"identifier": "u1", "identifier_hash": "bad"}
    )
    assert response.status_code == 401
    assert Contact.objects.count() == 0
    good = identifier_hash(inbox=inbox, identifier="u1")
    response = widget.call(
        "post", "contact/identify", {"identifier": "u1", "identifier_hash": good}
    )
    assert response.status_code == 200
    assert response.json()["contact"]["identifier"] == "u1"
    assert response.json()["session_token"]


def test_mandatory_hmac_refuses_an_identity_without_hash(inbox):
    inbox.hmac_mandatory = True
    inbox.save()
    widget = Widget(inbox)
    widget.start()
    response = widget.call("post", "contact/identify", {"identifier": "u1"})
    assert response.status_code == 401
    assert "HMAC failed" in response.json()["error"]
    assert not Contact.objects.filter(identifier="u1").exists()


@pytest.mark.parametrize(
    "body", [[], "text", 5, {"content": {"x": 1}}, {"content": "a\x00b"}]
)
def test_malformed_message_bodies_are_400(inbox, body):
    """Bodies that are not a message object get a 400 with a reason, never a 500."""
    widget = Widget(inbox)
    widget.start()
    response = widget.call("post", "messages", body)
    assert response.status_code == 400
    assert response.json()["error"]


def test_website_token_with_a_nul_character_is_404():
    response = Client().get("/api/v1/widget/session?website_token=a%00b")
    assert response.status_code == 404
    assert Client().get("/widget?website_token=a%00b").status_code == 404


def test_widget_counts_only_the_inbox_agents_as_available(inbox, agent, administrator):
    """The page lists who answers this inbox (members, administrators) so the
    account-wide presence.update is read for them only."""
    outsider = factories.UserFactory()
    factories.AccountUserFactory(account=inbox.account, user=outsider)
    page = Client().get(f"/widget?website_token={inbox.website_token}")
    config = json.loads(
        re.search(rb'id="onechat-config"[^>]*>(.*?)</script>', page.content).group(1)
    )
    assert config["agentIds"] == sorted([str(agent.pk), str(administrator.pk)])
    assert config["agentsOnline"] is True


def test_session_tells_business_hours_and_place_in_line(inbox, agent, routed):
    """The widget's session says when a closed inbox opens again, and where its
    waiting conversation stands (nothing about anyone else's)."""
    inbox.working_hours_enabled = True
    inbox.working_hours = [
        {"day_of_week": day, "closed_all_day": True} for day in (0, 6)
    ]
    inbox.timezone = "Asia/Tokyo"
    inbox.save()
    session = Widget(inbox).start()
    assert set(session["business_hours"]) == {"open", "reopens_at"}
    assert session["queue"] is None
    AccountUser.objects.filter(user=agent).update(availability="offline")
    widget = Widget(inbox)
    widget.start()
    routed(widget.call, "post", "messages", {"content": "Hi"})
    assert widget.start()["queue"] == {"position": 1, "wait": None}
