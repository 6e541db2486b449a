"""Reads of a conversation's participants and the agents who may join it."""

from django.db.models import F, QuerySet

from accounts.models import AccountUser, User
from conversations.models import Conversation
from conversations.selectors import get_assignable_agent


def participant_memberships(*, conversation: Conversation) -> QuerySet[AccountUser]:
    """The participants' account memberships, each annotated with
    ``participant_type``, as ``ParticipantSerializer`` shows them."""
    return (
        AccountUser.objects.filter(
            account_id=conversation.account_id,
            user__conversation_participations__conversation=conversation,
        )
        .select_related("user")
        .annotate(participant_type=F("user__conversation_participations__kind"))
        .order_by("user__conversation_participations__id")
    )


def get_candidates(*, conversation: Conversation, user_ids: list[int]) -> list[User]:
    """The users, in order, when each may work the conversation's inbox; raises
    ``ValueError`` naming the first who may not (another account's or inbox's)."""
    users = []
    for user_id in dict.fromkeys(user_ids):
        user = get_assignable_agent(inbox=conversation.inbox, user_id=user_id)
        if user is None:
            raise ValueError(f"User {user_id} is not an agent of this inbox.")
        users.append(user)
    return users
