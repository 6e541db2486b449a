"""The outbox: a delivery row per event and subscribed receiver, written in
the change's transaction, in Chatwoot's payload shapes; private notes only
to webhooks asking for them; agent bots told what Chatwoot tells them."""

import pytest

from django.db import transaction

from agentbots.models import AgentBot, AgentBotInbox
from contacts import services as contact_services
from contacts.signals import webwidget_triggered
from conversations import services
from conversations.models import Message
from tests.webhooks.conftest import jobs
from webhooks import payloads, selectors
from webhooks.models import OutboxEvent
from webhooks.services import create_webhook, deliver_to_url, update_webhook

pytestmark = pytest.mark.django_db


def incoming(conversation, content="Hello?") -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
    )


def note(conversation, sender, content="Between us") -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content=content,
        sender=sender,
        private=True,
    )


def body(row: OutboxEvent) -> dict:
    """The body the job sends for ``row`` (built from its source)."""
    return payloads.build(row.source)


def events(**filters) -> list[str]:
    return list(
        OutboxEvent.objects.filter(**filters)
        .order_by("id")
        .values_list("event", flat=True)
    )


def test_no_webhook_no_row(conversation):
    """With nobody subscribed, a message writes no delivery and no job."""
    incoming(conversation)
    assert not OutboxEvent.objects.exists()
    assert not jobs()


def test_a_message_is_one_row_and_one_job_in_chatwoots_shape(
    webhook, conversation, account, inbox
):
    message = incoming(conversation, "Where is <b>my</b> order?")
    row = OutboxEvent.objects.get(event="message_created")
    body_ = body(row)
    assert body_["event"] == "message_created"
    assert body_["id"] == message.pk
    assert body_["content"] == "Where is <b>my</b> order?"
    assert body_["message_type"] == "incoming"
    assert body_["private"] is False
    assert body_["account"] == {"id": account.pk, "name": account.name}
    assert body_["inbox"] == {"id": inbox.pk, "name": inbox.name}
    assert body_["conversation"]["id"] == conversation.display_id
    assert body_["sender"]["type"] == "contact"
    assert body_["sender"]["id"] == conversation.contact.pk
    assert row.conversation_id == conversation.pk
    assert row.targets == [f"webhook:{webhook.pk}"]
    assert [job.args_kwargs["kwargs"] for job in jobs()] == [{"event_id": row.pk}]


def test_a_rolled_back_change_leaves_no_row_and_no_job(webhook, conversation):
    with pytest.raises(RuntimeError), transaction.atomic():
        incoming(conversation)
        assert OutboxEvent.objects.count() == 1
        raise RuntimeError("the change fails after its message")
    assert not OutboxEvent.objects.exists()
    assert not jobs()


def test_conversation_events_carry_changed_attributes(
    webhook, conversation, administrator
):
    services.change_status(
        conversation=conversation, status="resolved", actor=administrator
    )
    names = events()
    assert "conversation_status_changed" in names
    assert "conversation_updated" in names
    changed = body(OutboxEvent.objects.get(event="conversation_status_changed"))
    assert changed["status"] == "resolved"
    assert {
        "status": {"previous_value": "open", "current_value": "resolved"}
    } in changed["changed_attributes"]


def test_contact_and_typing_events(webhook, account, conversation, administrator):
    contact = contact_services.create_contact(account=account, name="Nia New")
    contact_services.update_contact(contact=contact, name="Nia Known")
    services.set_typing(conversation=conversation, actor=administrator, is_typing=True)
    services.set_typing(conversation=conversation, actor=administrator, is_typing=False)
    assert events(event__startswith="contact") == ["contact_created", "contact_updated"]
    updated = body(OutboxEvent.objects.get(event="contact_updated"))
    assert updated["name"] == "Nia Known" and updated["type"] == "contact"
    assert updated["account"]["id"] == account.pk
    typing = OutboxEvent.objects.filter(event__startswith="conversation_typing")
    assert [row.event for row in typing.order_by("id")] == [
        "conversation_typing_on",
        "conversation_typing_off",
    ]
    on = body(typing.order_by("id").first())
    assert on["user"] == {
        "id": administrator.pk,
        "name": administrator.name,
        "email": administrator.email,
        "type": "user",
    }
    assert on["is_private"] is False


def test_only_subscribed_events_and_only_the_webhooks_inbox(
    account, conversation, receiver
):
    create_webhook(account=account, url=receiver.url, subscriptions=["contact_created"])
    other_inbox = account.inboxes.create(name="Other", channel_type="website")
    create_webhook(
        account=account,
        url=receiver.url,
        subscriptions=["message_created"],
        inbox=other_inbox,
    )
    incoming(conversation)
    assert not OutboxEvent.objects.exists()


def test_private_notes_only_to_webhooks_that_ask(
    account, conversation, administrator, receiver
):
    plain = create_webhook(
        account=account, url=receiver.url, subscriptions=["message_created"]
    )
    asking = create_webhook(
        account=account,
        url=receiver.url,
        subscriptions=["message_created"],
        include_private_notes=True,
    )
    note(conversation, administrator)
    assert list(OutboxEvent.objects.values_list("targets", flat=True)) == [
        [f"webhook:{asking.pk}"]
    ]
    update_webhook(webhook=plain, include_private_notes=True)
    note(conversation, administrator)
    assert OutboxEvent.objects.order_by("id").last().targets == [
        f"webhook:{plain.pk}",
        f"webhook:{asking.pk}",
    ]


def test_a_disabled_webhook_is_not_written_to(webhook, conversation):
    update_webhook(webhook=webhook, enabled=False)
    incoming(conversation)
    assert not OutboxEvent.objects.exists()


def test_the_inboxes_bot_hears_messages_and_openings_not_notes(
    account, inbox, conversation, administrator, receiver
):
    bot = AgentBot.objects.create(
        account=account, name="Helper", outgoing_url=receiver.url
    )
    AgentBotInbox.objects.create(inbox=inbox, agent_bot=bot)
    incoming(conversation)
    note(conversation, administrator)
    services.change_status(
        conversation=conversation, status="resolved", actor=administrator
    )
    services.change_status(
        conversation=conversation, status="open", actor=administrator
    )
    rows = OutboxEvent.objects.filter(targets=[f"bot:{bot.pk}"]).order_by("id")
    assert [row.event for row in rows] == [
        "message_created",
        "conversation_resolved",
        "conversation_opened",
    ]
    assert body(rows[0])["event"] == "message_created"
    assert body(rows[1])["event"] == "conversation_resolved"


def test_deliver_to_url_records_an_ad_hoc_delivery(account, conversation):
    with transaction.atomic():
        deliver_to_url(
            account_id=account.pk,
            url="https://93.184.215.14/automation",
            event="automation_event.message_created",
            payload={"id": 7},
            conversation_id=conversation.pk,
        )
    row = OutboxEvent.objects.get()
    assert row.targets == ["url:https://93.184.215.14/automation"]
    assert row.payload == {"id": 7, "event": "automation_event.message_created"}
    assert row.source is None
    assert row.conversation_id == conversation.pk
    assert len(jobs()) == 1


def test_the_chat_path_reads_the_listeners_from_the_cache(
    webhook, conversation, django_assert_num_queries
):
    incoming(conversation)  # fills the cache
    with django_assert_num_queries(0):
        assert selectors.listeners(account_id=conversation.account_id)


def test_webwidget_triggered_goes_to_webhooks_and_the_bot(
    webhook, account, inbox, contact_session, conversation, receiver
):
    bot = AgentBot.objects.create(
        account=account, name="Helper", outgoing_url=receiver.url
    )
    AgentBotInbox.objects.create(inbox=inbox, agent_bot=bot)
    webwidget_triggered.send(
        sender=None,
        contact_inbox=contact_session,
        event_info={"name": "clicked_pricing", "<b>": "<i>"},
    )
    hook_event, bot_event = OutboxEvent.objects.order_by("id")
    assert hook_event.targets == [f"webhook:{webhook.pk}"]
    assert bot_event.targets == [f"bot:{bot.pk}"]
    sent = body(hook_event)
    assert sent["event"] == "webwidget_triggered"
    assert sent["event_info"] == {"name": "clicked_pricing", "<b>": "<i>"}
    assert sent["source_id"] == str(contact_session.source_id)
    assert sent["contact"]["id"] == contact_session.contact_id
    assert sent["inbox"]["id"] == inbox.pk
    assert sent["current_conversation"]["id"] == conversation.display_id
