"""Agents' replies mailed to a visitor who left: one job a couple of minutes
after the first unsent reply, one mail carrying every reply since the last,
threaded under the conversation's earlier mails, never a private note or an
activity line, never twice, nothing while the visitor is on the page."""

import re
from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from continuity import addresses
from continuity.models import ConversationMail
from conversations import services
from conversations.models import Message
from tests.continuity.conftest import jobs, run_jobs

pytestmark = pytest.mark.django_db

LATER = timedelta(seconds=180)


def reply(conversation, agent, content, **kwargs) -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content=content,
        sender=agent,
        **kwargs,
    )


def test_replies_go_in_one_threaded_mail(conversation, agent):
    """Two replies, a private note and an activity line: one job due after
    the delay, then one mail with both replies and neither the note nor the
    line, a Message-ID, a signed Reply-To and an HTML part. The next reply's
    mail answers the first mail; nothing is mailed twice."""
    before = timezone.now()
    reply(conversation, agent, "First answer")
    reply(conversation, agent, "Secret note", private=True)
    services.record_activity(
        conversation=conversation, kind="status.resolved", visible_to_contact=True
    )
    reply(conversation, agent, "Second answer")
    [job] = jobs("mail_replies")
    assert job.args_kwargs["kwargs"] == {"conversation_id": conversation.pk}
    assert job.run_after >= before + timedelta(seconds=120)
    assert run_jobs() == 0
    assert mail.outbox == []

    run_jobs(until=timezone.now() + LATER)
    [first] = mail.outbox
    assert first.to == ["vera@example.org"]
    assert first.subject.startswith(f"[#{conversation.display_id}]")
    assert "First answer" in first.body and "Second answer" in first.body
    assert "Secret note" not in first.body
    assert "Conversation was marked resolved" not in first.body
    [(html, kind)] = first.alternatives
    assert kind == "text/html" and "Second answer" in html
    signature = addresses.signature(conversation.uuid)
    assert first.reply_to == [
        f"reply+{conversation.uuid.hex}.{signature}@reply.example.com"
    ]
    message_id = first.extra_headers["Message-ID"]
    assert re.fullmatch(r"<[^<>@]+@reply\.example\.com>", message_id)
    assert "In-Reply-To" not in first.extra_headers
    run_jobs(until=timezone.now() + LATER)
    assert len(mail.outbox) == 1

    reply(conversation, agent, "Third answer")
    run_jobs(until=timezone.now() + LATER)
    second = mail.outbox[1]
    assert "Third answer" in second.body and "First answer" not in second.body
    assert second.extra_headers["In-Reply-To"] == message_id
    assert message_id in second.extra_headers["References"]
    assert second.extra_headers["Message-ID"] != message_id
    mailed = ConversationMail.objects.filter(kind=ConversationMail.Kind.REPLIES)
    assert mailed.count() == 2


def test_nothing_mailed_while_the_visitor_is_on_the_page(conversation, agent, present):
    """A visitor on the page reads the reply there; once they leave, the
    reply still unread is mailed."""
    present.mark()
    reply(conversation, agent, "Are you there?")
    run_jobs(until=timezone.now() + LATER)
    assert mail.outbox == []
    assert jobs() == []

    present.leave()
    services.note_visitor_page(
        contact_id=conversation.contact_id,
        inbox_id=conversation.inbox_id,
        present=False,
    )
    assert len(jobs("mail_replies")) == 1
    run_jobs(until=timezone.now() + LATER)
    [email] = mail.outbox
    assert "Are you there?" in email.body


def test_replies_read_on_the_page_are_not_mailed(conversation, agent):
    """Replies the visitor saw before the mailing ran are handled, not
    mailed, and do not come back in a later mail."""
    reply(conversation, agent, "Seen already")
    services.mark_seen_by_contact(conversation=conversation)
    run_jobs(until=timezone.now() + LATER)
    assert mail.outbox == []
    reply(conversation, agent, "Not seen")
    run_jobs(until=timezone.now() + LATER)
    [email] = mail.outbox
    assert "Not seen" in email.body and "Seen already" not in email.body


@pytest.mark.parametrize("setting", ["inbox_off", "no_email"])
def test_nothing_scheduled_without_continuity_or_email(conversation, agent, setting):
    """An inbox with continuity off, or a contact with no email: no job."""
    if setting == "inbox_off":
        conversation.inbox.continuity_via_email = False
        conversation.inbox.save()
    else:
        conversation.contact.email = ""
        conversation.contact.save()
    reply(conversation, agent, "Hello")
    assert jobs() == []


def test_markup_in_a_reply_is_shown_as_text(conversation, agent):
    """A reply's markup and the inbox's name are escaped in the HTML part,
    written in the inbox's language."""
    conversation.inbox.name = "<b>Shop</b>\r\nBcc: x@example.org"
    conversation.inbox.locale = "fr"
    conversation.inbox.save()
    reply(conversation, agent, "<script>alert(1)</script>")
    run_jobs(until=timezone.now() + LATER)
    [email] = mail.outbox
    [(html, _kind)] = email.alternatives
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Shop</b>" not in html
    assert (
        "\n" not in email.subject
        and "Bcc" not in email.message()["From"].split("<")[-1]
    )
    assert email.bcc == []
    assert '<html lang="fr">' in html
    assert "<script>alert(1)</script>" in email.body
