"""The email digest: the first emailable notification schedules one digest a
few minutes later; it mails, once, every unread notification not yet
emailed, in the user's language, markup shown as text."""

from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from conversations import services
from conversations.models import Message
from notifications import services as notification_services
from notifications.models import Channel, Kind, Notification
from tests.notifications.conftest import jobs, run_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ONECHAT_NOTIFICATION_EMAIL_DELAY_SECONDS = 240


def mention_note(conversation, sender, user, words="look") -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content=f"[@{user.name}](mention://user/{user.pk}/{user.name}) {words}",
        sender=sender,
        private=True,
    )


def test_one_digest_for_several_notifications(conversation, agent, administrator):
    """An assignment then two mentions: one digest job, due after the delay
    read at call time, and one mail listing all three; nothing is mailed
    twice."""
    before = timezone.now()
    services.assign_agent(
        conversation=conversation, assignee=agent, actor=administrator
    )
    run_jobs()
    mention_note(conversation, administrator, agent)
    run_jobs()
    [digest] = jobs("send_digest")
    assert digest.args_kwargs["kwargs"] == {"user_id": agent.pk}
    assert digest.run_after >= before + timedelta(seconds=240)
    mention_note(conversation, administrator, agent, "again")
    run_jobs()
    assert len(jobs("send_digest")) == 1
    assert mail.outbox == []
    run_jobs(until=timezone.now() + timedelta(seconds=300))
    [email] = mail.outbox
    assert email.to == [agent.email]
    assert email.subject == "3 new notifications on OneChat"
    assert f"Conversation #{conversation.display_id} was assigned to you" in email.body
    assert email.body.count("You were mentioned") == 2
    assert f"/app/accounts/{conversation.account_id}/conversations/" in email.body
    html, kind = email.alternatives[0]
    assert kind == "text/html"
    assert "was assigned to you" in html
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
    run_jobs(until=timezone.now() + timedelta(hours=1))
    assert len(mail.outbox) == 1


def test_read_before_the_digest_is_not_mailed(conversation, agent, administrator):
    """A notification read before the digest runs is left out; with nothing
    left, no mail goes."""
    mention_note(conversation, administrator, agent)
    run_jobs()
    notification_services.mark_read(notification=Notification.objects.get())
    run_jobs(until=timezone.now() + timedelta(hours=1))
    assert mail.outbox == []


def test_email_setting_off_schedules_no_digest(conversation, agent, administrator):
    """A kind the user does not want by email schedules nothing."""
    notification_services.update_settings(
        user_id=agent.pk,
        account_id=conversation.account_id,
        channels={Channel.EMAIL: [Kind.CONVERSATION_WAITING]},
    )
    mention_note(conversation, administrator, agent)
    run_jobs()
    assert jobs("send_digest") == []


def test_digest_in_the_users_language_markup_as_text(
    conversation, agent, administrator
):
    """The mail speaks the user's language; a contact name and a note with
    markup appear as text in the HTML part."""
    agent.ui_settings = {"locale": "de"}
    agent.save()
    mention_note(
        conversation, administrator, agent, "<b>urgent</b> & <script>x</script>"
    )
    run_jobs()
    run_jobs(until=timezone.now() + timedelta(hours=1))
    [email] = mail.outbox
    html = email.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;b&gt;urgent&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;" in html
    assert "<b>urgent</b> & <script>x</script>" in email.body
    assert 'lang="de"' in html
