"""The bodies of webhook deliveries, in Chatwoot's shapes (its models'
``webhook_data`` merged with ``event``): the conversation is its push shape,
a message carries its account, inbox, conversation and sender, a contact its
account and ``type: "contact"``.

The chat path records only what a body is built from (``*_source``: a kind,
an id, what changed); the job builds it (``build``) at the first attempt, as
Chatwoot builds its bodies in its job, so the chat path pays no
serialisation."""

import json
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder

from accounts.models import Inbox, User
from agentbots.models import AgentBot
from contacts.models import Contact, ContactInbox
from contacts.serializers import ContactSerializer
from conversations.models import Conversation, Message
from conversations.selectors import with_list_data, with_message_data
from conversations.serializers import ConversationSerializer, MessageSerializer

# Message fields a webhook carries, as Chatwoot's ``Message#webhook_data``.
MESSAGE_FIELDS = (
    "id",
    "content",
    "content_type",
    "content_attributes",
    "additional_attributes",
    "message_type",
    "private",
    "source_id",
    "created_at",
    "attachments",
)
MESSAGE_TYPES = {0: "incoming", 1: "outgoing", 2: "activity", 3: "template"}


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON types (times as ISO 8601, others as text)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, default=str))


def account_data(account_id: int, name: str) -> dict:
    return {"id": account_id, "name": name}


def inbox_data(inbox: Inbox) -> dict:
    return {"id": inbox.pk, "name": inbox.name}


def user_data(user: User) -> dict:
    return {"id": user.pk, "name": user.name, "email": user.email, "type": "user"}


def contact_data(contact: Contact) -> dict:
    """Chatwoot's ``Contact#webhook_data``."""
    data = ContactSerializer(contact).data
    return {
        "account": account_data(contact.account_id, contact.account.name),
        "additional_attributes": data["additional_attributes"],
        "avatar": data["thumbnail"],
        "custom_attributes": data["custom_attributes"],
        "email": data["email"],
        "id": contact.pk,
        "identifier": data["identifier"],
        "name": data["name"],
        "phone_number": data["phone_number"],
        "thumbnail": data["thumbnail"],
        "blocked": data["blocked"],
        "type": "contact",
    }


def sender_data(sender: Any) -> dict | None:
    if sender is None:
        return None
    if isinstance(sender, Contact):
        return contact_data(sender)
    if isinstance(sender, AgentBot):
        # Chatwoot's ``AgentBot#webhook_data``.
        return {"id": sender.pk, "name": sender.name, "type": "agent_bot"}
    return user_data(sender)


def conversation_data(conversation: Conversation) -> dict:
    """Chatwoot's ``Conversation#webhook_data``: the conversation's push shape."""
    return jsonable(ConversationSerializer(conversation).data)


def conversation_event(
    event: str, conversation: Conversation, changes: dict | None = None
) -> dict:
    """A ``conversation_*`` body; ``changed_attributes`` as Chatwoot lists
    them (one ``{field: {previous_value, current_value}}`` per field)."""
    body = {**conversation_data(conversation), "event": event}
    if changes is not None:
        body["changed_attributes"] = jsonable(
            [
                {field: {"previous_value": old, "current_value": new}}
                for field, (old, new) in changes.items()
            ]
        )
    return body


def message_event(event: str, message: Message) -> dict:
    """A ``message_*`` body: Chatwoot's ``Message#webhook_data``."""
    conversation = message.conversation
    pushed = MessageSerializer(
        message, context={"contact_inbox": conversation.contact_inbox}
    ).data
    body = {field: pushed[field] for field in MESSAGE_FIELDS if field in pushed}
    body.update(
        message_type=MESSAGE_TYPES.get(message.message_type, "incoming"),
        account=account_data(message.account_id, conversation.account.name),
        inbox=inbox_data(conversation.inbox),
        conversation=conversation_data(conversation),
        sender=sender_data(message.sender),
        event=event,
    )
    return jsonable(body)


def contact_event(event: str, contact: Contact) -> dict:
    return {**contact_data(contact), "event": event}


def typing_event(
    event: str, conversation: Conversation, actor: Any, is_private: bool
) -> dict:
    """``conversation_typing_on`` / ``_off``, as Chatwoot's listener builds them."""
    return {
        "event": event,
        "user": sender_data(actor),
        "conversation": conversation_data(conversation),
        "is_private": is_private,
    }


class Gone(LookupError):
    """The subject of an event was deleted before its body was built."""


def conversation_source(event: str, conversation_id: int, changes: dict | None) -> dict:
    source = {"kind": "conversation", "event": event, "id": conversation_id}
    if changes is not None:
        source["changes"] = jsonable(changes)
    return source


def message_source(event: str, message_id: int) -> dict:
    return {"kind": "message", "event": event, "id": message_id}


def contact_source(event: str, contact_id: int) -> dict:
    return {"kind": "contact", "event": event, "id": contact_id}


def typing_source(
    event: str, conversation_id: int, actor: Any, is_private: bool
) -> dict:
    return {
        "kind": "typing",
        "event": event,
        "id": conversation_id,
        "actor": ["contact" if isinstance(actor, Contact) else "user", actor.pk],
        "is_private": is_private,
    }


def _conversation(pk: int) -> Conversation:
    """The conversation with what its push shape reads, in a few queries."""
    return (
        with_list_data(Conversation.objects.filter(pk=pk))
        .select_related("account")
        .get()
    )


def widget_source(event: str, contact_inbox_id: int, event_info: dict) -> dict:
    return {
        "kind": "contact_inbox",
        "event": event,
        "id": contact_inbox_id,
        "event_info": jsonable(event_info),
    }


def widget_event(event: str, contact_inbox: ContactInbox, event_info: dict) -> dict:
    """``webwidget_triggered``: Chatwoot's ``ContactInbox#webhook_data``
    with the visitor's ``event_info``."""
    contact = contact_inbox.contact
    current = contact_inbox.conversations.order_by("-id").values_list("pk", flat=True)
    current_id = current.first()
    return {
        "id": contact_inbox.pk,
        "contact_id": contact.pk,
        "inbox": inbox_data(contact_inbox.inbox),
        "account": account_data(contact.account_id, contact.account.name),
        "current_conversation": (
            conversation_data(_conversation(current_id)) if current_id else None
        ),
        "contact": contact_data(contact),
        "source_id": str(contact_inbox.source_id),
        "event": event,
        "event_info": event_info,
    }


def build(source: dict) -> dict:
    """The body ``source`` describes, from its subject as it is now."""
    kind, event, pk = source["kind"], source["event"], source["id"]
    try:
        if kind == "message":
            message = with_message_data(Message.objects.filter(pk=pk)).get()
            message.conversation = _conversation(message.conversation_id)
            return message_event(event, message)
        if kind == "contact_inbox":
            contact_inbox = ContactInbox.objects.select_related(
                "contact__account", "inbox"
            ).get(pk=pk)
            return widget_event(event, contact_inbox, source["event_info"])
        if kind == "contact":
            return contact_event(
                event, Contact.objects.select_related("account").get(pk=pk)
            )
        conversation = _conversation(pk)
        if kind == "typing":
            actor_kind, actor_id = source["actor"]
            model = Contact if actor_kind == "contact" else User
            actor = model.objects.get(pk=actor_id)
            return typing_event(event, conversation, actor, source["is_private"])
        return conversation_event(event, conversation, source.get("changes"))
    except ObjectDoesNotExist as error:
        raise Gone(f"the {kind} of this event was deleted") from error
