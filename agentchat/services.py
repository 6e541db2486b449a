"""Writes on agent chats: start, write, read, type, complete.

Each service opens its own transaction; the events named in its docstring follow
through ``realtime/receivers.py`` once it commits. Callers pass members they
found with ``selectors.get_chat_candidates`` (agents of the same account).
"""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account, User
from agentchat.models import AgentChat, AgentChatMember, AgentChatMessage
from agentchat.selectors import ChatMembersRefused
from agentchat.signals import (
    chat_message_posted,
    chat_started,
    chat_typing_changed,
    chat_updated,
)
from conversations.models import Conversation


def start_chat(
    *,
    account: Account,
    creator: User,
    members: Sequence[User],
    topic: str = "",
    conversation: Conversation | None = None,
) -> AgentChat:
    """Open a chat between ``creator`` and ``members``. Publishes
    ``agent_chat.created`` to its members."""
    everyone = list({user.pk: user for user in [creator, *members]}.values())
    if len(everyone) < 2:
        raise ChatMembersRefused(_("A chat needs another agent."))
    if len(everyone) > AgentChat.MAX_MEMBERS:
        raise ChatMembersRefused(
            f"A chat holds at most {AgentChat.MAX_MEMBERS} agents."
        )
    with transaction.atomic():
        chat = AgentChat.objects.create(
            account=account, topic=topic, conversation=conversation, created_by=creator
        )
        AgentChatMember.objects.bulk_create(
            AgentChatMember(chat=chat, user=user) for user in everyone
        )
        chat_started.send(sender=AgentChat, chat=chat)
        return chat


def post_chat_message(
    *, chat: AgentChat, sender: User, content: str
) -> AgentChatMessage:
    """Write in an active chat; the sender has read up to it. Publishes
    ``agent_chat.message_created`` to the chat's members."""
    with transaction.atomic():
        message = AgentChatMessage.objects.create(
            chat=chat, sender=sender, content=content
        )
        AgentChat.objects.filter(pk=chat.pk).update(last_activity_at=message.created_at)
        AgentChatMember.objects.filter(chat=chat, user=sender).update(
            last_read_at=message.created_at
        )
        chat_message_posted.send(sender=AgentChatMessage, message=message)
        return message


def mark_chat_read(*, chat: AgentChat, user: User) -> None:
    """The member has read the chat up to now (its unread count drops to 0)."""
    AgentChatMember.objects.filter(chat=chat, user=user).update(
        last_read_at=timezone.now()
    )


def complete_chat(*, chat: AgentChat) -> AgentChat:
    """Close the chat for writing. Publishes ``agent_chat.updated``."""
    with transaction.atomic():
        chat.state = AgentChat.State.COMPLETED
        chat.save(update_fields=["state"])
        chat_updated.send(sender=AgentChat, chat=chat)
        return chat


def set_chat_typing(*, chat: AgentChat, user: User, is_typing: bool) -> None:
    """Tell the other members that ``user`` types (or stopped). Publishes
    ``agent_chat.typing_on`` or ``agent_chat.typing_off``."""
    chat_typing_changed.send(
        sender=AgentChat, chat=chat, user=user, is_typing=is_typing
    )
