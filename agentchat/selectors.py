"""Reads of agent chats: only ever a member's own, in their own account."""

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from accounts.models import AccountUser, User
from agentchat.models import AgentChat, AgentChatMessage
from common.errors import DomainError

MESSAGES_PER_PAGE = 50


def member_chats(*, membership: AccountUser) -> QuerySet[AgentChat]:
    """The member's chats in the account, each with ``unread_count``: others'
    messages after the member last read it."""
    unread = Q(messages__created_at__gt=F("agentchatmember__last_read_at")) | Q(
        agentchatmember__last_read_at__isnull=True
    )
    return (
        AgentChat.objects.filter(
            account_id=membership.account_id,
            agentchatmember__user_id=membership.user_id,
        )
        .select_related("conversation")
        .prefetch_related("members")
        .annotate(
            unread_count=Count(
                "messages",
                filter=unread & ~Q(messages__sender_id=membership.user_id),
                distinct=True,
            )
        )
    )


def get_chat(*, membership: AccountUser, chat_id: int) -> AgentChat:
    """One of the member's chats; 404 for anyone else's."""
    chat = member_chats(membership=membership).filter(pk=chat_id).first()
    if chat is None:
        raise Http404("Chat not found")
    return chat


def chat_messages(
    *, chat: AgentChat, q: str = "", before: int | None = None
) -> list[AgentChatMessage]:
    """The latest messages (before ``before``), oldest first; ``q`` searches."""
    messages = chat.messages.select_related("sender")
    if q:
        messages = messages.filter(content__icontains=q)
    if before is not None:
        messages = messages.filter(pk__lt=before)
    return list(reversed(messages.order_by("-id")[:MESSAGES_PER_PAGE]))


class ChatMembersRefused(DomainError):
    """A chat's members are not agents of the account, or too few or too many
    (a 400 on ``user_ids``)."""

    code = "chat_members_refused"

    def __init__(self, message: str) -> None:
        super().__init__(message, field="user_ids")


def get_chat_candidates(*, membership: AccountUser, user_ids: list[int]) -> list[User]:
    """The account's agents by id; raises ``ChatMembersRefused`` naming an id
    that is not."""
    users = {
        user.pk: user
        for user in User.objects.filter(
            pk__in=user_ids,
            is_active=True,
            memberships__account_id=membership.account_id,
        )
    }
    for user_id in user_ids:
        if user_id not in users:
            raise ChatMembersRefused(f"User {user_id} is not an agent of this account.")
    return [users[user_id] for user_id in dict.fromkeys(user_ids)]
