"""What an agent may do with a conversation now: the one place that decides.

Role, assignee, status and participation decide. Whoever handles the
conversation (an administrator, its assignee, or any agent of the inbox while
nobody is assigned) may reply, resolve, transfer, and invite and consult
while it is not resolved; an invited agent may reply and invite; a consultant
writes private notes only.
A participant may leave, and so may the assignee of a conversation not resolved.
Every agent who sees the conversation may write notes. The API's gate asks
``require`` for the capability each write declares before the view acts, so
the server refuses exactly what the dashboard does not offer.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import AccountUser, InboxMember, User
from accounts.selectors import inbox_agents
from collaboration.models import Participant
from common.errors import Forbidden
from conversations.models import Conversation

SEND_MESSAGE = "send_message"
ADD_NOTE = "add_note"
TYPING = "typing"
RESOLVE = "resolve"
TRANSFER = "transfer"
INVITE = "invite"
CONSULT = "consult"
LEAVE = "leave"
UPDATE_ATTRIBUTES = "update_attributes"

ALL = (
    SEND_MESSAGE,
    ADD_NOTE,
    TYPING,
    RESOLVE,
    TRANSFER,
    INVITE,
    CONSULT,
    LEAVE,
    UPDATE_ATTRIBUTES,
)


@dataclass(frozen=True)
class CapabilityChange:
    """What one agent may do with a conversation now that it changed."""

    conversation: Conversation
    user: User
    capabilities: list[str]


class CapabilityMissing(Forbidden):
    """The agent may not do this with the conversation now (a 403 naming the
    capability in ``capability``)."""

    code = "capability_missing"

    def __init__(self, capability: str) -> None:
        super().__init__(
            _("You may not do this in this conversation now (%(capability)s).")
            % {"capability": capability}
        )
        self.capability = capability

    @property
    def extra(self) -> dict[str, str]:
        """The missing capability's name."""
        return {"capability": self.capability}


def participation_of(*, conversation: Conversation, user_id: int) -> str | None:
    """The kind of the user's participation in the conversation, if any."""
    return (
        Participant.objects.filter(conversation_id=conversation.pk, user_id=user_id)
        .values_list("kind", flat=True)
        .first()
    )


def participations_of(
    *, conversation_ids: Iterable[int], user_id: int
) -> dict[int, str]:
    """The kind of the user's participation in each of the conversations it
    takes part in, by conversation id (one query for a list)."""
    return dict(
        Participant.objects.filter(
            conversation_id__in=list(conversation_ids), user_id=user_id
        ).values_list("conversation_id", "kind")
    )


def capabilities_of(
    *,
    conversation: Conversation,
    membership: AccountUser,
    participations: Mapping[int, str] | None = None,
) -> list[str]:
    """The capabilities, in ``ALL`` order, of a member who may see the
    conversation; ``participations`` (``participations_of`` the member over a
    list) spares a query per conversation."""
    if participations is None:
        kind = participation_of(conversation=conversation, user_id=membership.user_id)
    else:
        kind = participations.get(conversation.pk)
    return granted(
        is_administrator=membership.is_administrator,
        user_id=membership.user_id,
        assignee_id=conversation.assignee_id,
        status=conversation.status,
        kind=kind,
    )


def can_reply(capabilities: Iterable[str]) -> bool:
    """Whether an agent with ``capabilities`` may reply to the contact now:
    ``can_reply`` on every API. OneChat's channels (website widget, API) have
    no reply window, so the capability alone decides."""
    return SEND_MESSAGE in capabilities


def granted(
    *,
    is_administrator: bool,
    user_id: int,
    assignee_id: int | None,
    status: str,
    kind: str | None,
) -> list[str]:
    """The capabilities, in ``ALL`` order, that a role, the conversation's
    assignee and status, and a participation (``kind``, or None) give."""
    invited = kind == Participant.Kind.INVITED
    handles = (
        is_administrator
        or assignee_id == user_id
        or (assignee_id is None and kind != Participant.Kind.CONSULTING)
    )
    is_open = status != Conversation.Status.RESOLVED
    allowed = {
        SEND_MESSAGE: handles or invited,
        ADD_NOTE: True,
        TYPING: True,
        RESOLVE: handles,
        # Assigning a resolved conversation stays possible, as in the reference.
        TRANSFER: handles,
        INVITE: (handles or invited) and is_open,
        CONSULT: handles and is_open,
        # The assignee leaves by handing the conversation on (routing).
        LEAVE: kind is not None or (assignee_id == user_id and is_open),
        UPDATE_ATTRIBUTES: handles or invited,
    }
    return [name for name in ALL if allowed[name]]


def require(
    *, conversation: Conversation, membership: AccountUser, capability: str
) -> None:
    """Raise ``CapabilityMissing`` unless the member has ``capability`` now."""
    if capability not in capabilities_of(
        conversation=conversation, membership=membership
    ):
        raise CapabilityMissing(capability)


### What a change changes


def changes_after(
    *, conversation: Conversation, assignee_id: int | None, status: str
) -> list[CapabilityChange]:
    """The agents of the conversation's inbox whose capabilities differ from
    those its former ``assignee_id`` and ``status`` gave them."""
    kinds = dict(
        Participant.objects.filter(conversation_id=conversation.pk).values_list(
            "user_id", "kind"
        )
    )
    memberships = AccountUser.objects.filter(
        account_id=conversation.account_id,
        user__in=inbox_agents(
            account_id=conversation.account_id, inbox_id=conversation.inbox_id
        ),
    ).select_related("user")
    changes = []
    for membership in memberships.order_by("user_id"):
        person = {
            "is_administrator": membership.is_administrator,
            "user_id": membership.user_id,
            "kind": kinds.get(membership.user_id),
        }
        now = granted(
            **person, assignee_id=conversation.assignee_id, status=conversation.status
        )
        if now != granted(**person, assignee_id=assignee_id, status=status):
            changes.append(CapabilityChange(conversation, membership.user, now))
    return changes


def changes_of_save(
    *, conversation: Conversation, changes: dict[str, tuple[Any, Any]]
) -> list[CapabilityChange]:
    """The capabilities a saved change of the conversation changed
    (``changes``: its tracked fields' (old, new)); none unless its assignee or
    status moved."""
    if "assignee_id" not in changes and "status" not in changes:
        return []
    return changes_after(
        conversation=conversation,
        assignee_id=changes.get("assignee_id", (conversation.assignee_id,))[0],
        status=changes.get("status", (conversation.status,))[0],
    )


def change_of(*, conversation: Conversation, user_id: int) -> CapabilityChange | None:
    """One agent's capabilities now (their participation changed), or None when
    they are no longer a member of the conversation's account."""
    membership = (
        AccountUser.objects.filter(account_id=conversation.account_id, user_id=user_id)
        .select_related("user")
        .first()
    )
    if membership is None:
        return None
    allowed = capabilities_of(conversation=conversation, membership=membership)
    return CapabilityChange(conversation, membership.user, allowed)


def changes_of_role(*, membership: AccountUser) -> list[CapabilityChange]:
    """What the member may now do with each conversation their new role changed
    it for: those not resolved, of the inboxes they work, that someone else
    handles (assigned to another agent, or consulted on while unassigned)."""
    user_id = membership.user_id
    conversations = (
        Conversation.objects.filter(
            account_id=membership.account_id,
            inbox_id__in=InboxMember.objects.filter(user_id=user_id).values("inbox_id"),
        )
        .exclude(status=Conversation.Status.RESOLVED)
        .filter(
            (Q(assignee__isnull=False) & ~Q(assignee_id=user_id))
            | Q(
                assignee__isnull=True,
                participants__user_id=user_id,
                participants__kind=Participant.Kind.CONSULTING,
            )
        )
        .distinct()
        .order_by("pk")
    )
    kinds = dict(
        Participant.objects.filter(
            user_id=user_id, conversation__in=conversations
        ).values_list("conversation_id", "kind")
    )
    return [
        CapabilityChange(
            conversation,
            membership.user,
            granted(
                is_administrator=membership.is_administrator,
                user_id=user_id,
                assignee_id=conversation.assignee_id,
                status=conversation.status,
                kind=kinds.get(conversation.pk),
            ),
        )
        for conversation in conversations
    ]
