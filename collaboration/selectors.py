"""Reads of a conversation's participants and the agents who may join it."""

from django.db.models import F, QuerySet

from accounts.models import AccountUser, User
from common.errors import DomainError
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


class NotAnAgentOfInbox(DomainError):
    """Someone brought into a conversation cannot work its inbox (a 400 on
    the input that named them)."""

    code = "not_an_agent_of_inbox"


def get_candidates(
    *, conversation: Conversation, user_ids: list[int], field: str = "user_ids"
) -> list[User]:
    """The users, in order, when each may work the conversation's inbox; raises
    ``NotAnAgentOfInbox`` on ``field`` (the input the ids came from) naming
    the first who may not (another account's or inbox's)."""
    users = []
    for user_id in dict.fromkeys(user_ids):
        user = get_assignable_agent(inbox=conversation.inbox, user_id=user_id)
        if user is None:
            raise NotAnAgentOfInbox(
                f"User {user_id} is not an agent of this inbox.", field=field
            )
        users.append(user)
    return users
