"""A conversation's transcript for agents who see it: messages in order,
with their authors, times in the account's time zone and attachments as
URLs. Markup stays text: nothing here is rendered."""

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from accounts.models import Account
from conversations.models import Attachment, Conversation, Message

MESSAGE_TYPES = {
    Message.MessageType.INCOMING: "incoming",
    Message.MessageType.OUTGOING: "outgoing",
    Message.MessageType.ACTIVITY: "activity",
    Message.MessageType.TEMPLATE: "template",
}

UrlOf = Callable[[Attachment], str]


def account_zone(account: Account) -> ZoneInfo:
    """The account's time zone (``custom_attributes.timezone``), UTC when unset."""
    try:
        return ZoneInfo(account.custom_attributes.get("timezone") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def author_of(message: Message) -> dict:
    """Who wrote a message: type, id and name (the system for none)."""
    if message.sender_user_id:
        user = message.sender_user
        return {"type": "user", "id": user.pk, "name": user.available_name}
    if message.sender_contact_id:
        contact = message.sender_contact
        return {"type": "contact", "id": contact.pk, "name": str(contact)}
    if message.sender_agent_bot_id:
        bot = message.sender_agent_bot
        return {"type": "agent_bot", "id": bot.pk, "name": bot.name}
    return {"type": "system", "id": None, "name": _("System")}


def message_entry(message: Message, *, zone: ZoneInfo, url_of: UrlOf) -> dict:
    """One message as the transcript and a contact's data export give it."""
    deleted = bool(message.content_attributes.get("deleted"))
    return {
        "id": message.pk,
        "created_at": message.created_at.astimezone(zone).isoformat(),
        "author": author_of(message),
        "message_type": MESSAGE_TYPES[message.message_type],
        "content_type": message.content_type,
        "private": message.private,
        "deleted": deleted,
        "content": "" if deleted else message.content,
        "content_attributes": {
            key: value
            for key, value in message.content_attributes.items()
            if key in ("submitted_values", "submitted_email", "items")
        },
        "attachments": [
            {
                "id": attachment.pk,
                "file_type": attachment.file_type,
                "url": url_of(attachment),
                "file_size": attachment.file_size,
            }
            for attachment in message.attachments.all()
        ],
    }


def transcript(
    *, conversation: Conversation, messages: list[Message], url_of: UrlOf
) -> dict:
    """The JSON transcript of ``conversation``."""
    zone = account_zone(conversation.account)
    return {
        "conversation": {
            "id": conversation.display_id,
            "inbox": conversation.inbox.name,
            "status": conversation.status,
            "contact": {
                "id": conversation.contact_id,
                "name": str(conversation.contact),
            },
            "created_at": conversation.created_at.astimezone(zone).isoformat(),
        },
        "time_zone": str(zone),
        "messages": [
            message_entry(message, zone=zone, url_of=url_of) for message in messages
        ],
    }


def transcript_text(data: dict) -> str:
    """The plain-text transcript of a ``transcript()`` dict."""
    conversation = data["conversation"]
    lines = [
        _("Conversation #%(id)s in %(inbox)s with %(contact)s")
        % {
            "id": conversation["id"],
            "inbox": conversation["inbox"],
            "contact": conversation["contact"]["name"],
        },
        _("Times in %(zone)s") % {"zone": data["time_zone"]},
        "",
    ]
    for entry in data["messages"]:
        when = entry["created_at"][:19].replace("T", " ")
        author = entry["author"]["name"]
        if entry["private"]:
            author = _("%(author)s (private note)") % {"author": author}
        content = _("(deleted)") if entry["deleted"] else entry["content"]
        lines.append(f"[{when}] {author}: {content}")
        lines.extend(
            "    " + _("Attachment: %(url)s") % {"url": attachment["url"]}
            for attachment in entry["attachments"]
        )
    return "\n".join(lines) + "\n"
