"""Agents working a conversation together: invite, consult, leave, transfer.

Each service opens its own transaction; the events named in its docstring follow
from its writes through ``realtime/receivers.py`` once the transaction commits.
Callers check capabilities (``collaboration/capabilities.py``) and that each
user may work the conversation's inbox (``selectors.get_candidate``).
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AccountUser, Team, User
from collaboration.models import Participant
from collaboration.signals import (
    conversation_transferred,
    operation_failed,
    participant_joined,
    participant_left,
)
from common.errors import Conflict
from conversations import lines
from conversations import services as conversation_services
from conversations.models import Conversation, Message
from conversations.services import RaceLost  # noqa: F401 (raised by these services)
from routing.services import pass_on


class ReceiverOffline(Conflict):
    """The agent a conversation was handed to is offline (a 409)."""

    code = "receiver_offline"


def report_failure(
    *, user: User, conversation: Conversation, operation: str, code: str, reason: str
) -> None:
    """Tell the agent, on their own stream, that ``operation`` they started on
    the conversation was refused: ``code`` names why, ``reason`` says it in
    their language. The API calls it for every refused write on a
    conversation. Publishes ``operation.failed``."""
    with transaction.atomic():
        operation_failed.send(
            sender=Conversation,
            user=user,
            conversation=conversation,
            operation=operation,
            code=code,
            reason=reason,
        )


def assign_conversation(
    *,
    conversation: Conversation,
    actor: User,
    seen_assignee_id: int | None,
    **changes: User | Team | None,
) -> Conversation:
    """Assign an agent (``assignee``) and/or a team (``team``), each when given,
    together or not at all.

    ``seen_assignee_id`` is the assignee the actor's right to assign was checked
    against: when another agent (or the routing) took the conversation
    meanwhile, nothing changes and ``RaceLost`` is raised (the API tells the
    actor, ``report_failure``). Publishes what ``assign_agent`` and
    ``assign_team`` do.
    """
    with transaction.atomic():
        if "assignee" in changes:
            conversation = conversation_services.assign_agent(
                conversation=conversation,
                assignee=changes["assignee"],
                actor=actor,
                seen_assignee_id=seen_assignee_id,
            )
        if "team" in changes:
            conversation = conversation_services.assign_team(
                conversation=conversation, team=changes["team"], actor=actor
            )
        return conversation


def invite_agents(
    *, conversation: Conversation, users: Iterable[User], actor: User | None
) -> list[Participant]:
    """Bring agents into the conversation visibly; a consultant becomes invited.

    Publishes ``conversation.participant_joined`` for each newcomer and
    ``message.created`` for the "joined the chat" line the contact sees too.
    """
    with transaction.atomic():
        return [
            _join(conversation, user, kind=Participant.Kind.INVITED, actor=actor)
            for user in users
        ]


def consult_agent(
    *, conversation: Conversation, user: User, actor: User, note: str = ""
) -> Participant:
    """Bring an agent in privately: they read along and write notes, the contact
    is not told, and the conversation stays with its assignee.

    Publishes ``conversation.participant_joined``, ``message.created`` for the
    agents' activity line and, with a note, for that private note.
    """
    with transaction.atomic():
        participant = _join(
            conversation, user, kind=Participant.Kind.CONSULTING, actor=actor
        )
        if note:
            conversation_services.create_message(
                conversation=conversation,
                message_type=Message.MessageType.OUTGOING,
                sender=actor,
                content=note,
                private=True,
            )
        return participant


def _join(
    conversation: Conversation, user: User, *, kind: str, actor: User | None
) -> Participant:
    participant = Participant.objects.filter(
        conversation=conversation, user=user
    ).first()
    if participant is not None and (
        participant.kind == kind or kind == Participant.Kind.CONSULTING
    ):
        return participant
    if participant is None:
        participant = Participant.objects.create(
            account_id=conversation.account_id,
            conversation=conversation,
            user=user,
            kind=kind,
            invited_by=actor,
        )
    else:
        participant.kind = kind
        participant.save(update_fields=["kind"])
    participant_joined.send(sender=Participant, participant=participant)
    name = {"name": user.available_name}
    if kind == Participant.Kind.INVITED:
        line, params = "participant.joined", name
    else:
        who = actor.available_name if actor else None
        line, params = lines.by("participant.consulting", who, name)
    conversation_services.record_activity(
        conversation=conversation,
        kind=line,
        params=params,
        visible_to_contact=kind == Participant.Kind.INVITED,
    )
    return participant


def remove_participants(
    *, conversation: Conversation, users: Iterable[User]
) -> list[int]:
    """Take agents out of the conversation; returns the ids of those removed.

    Publishes ``conversation.participant_left`` for each and ``message.created``
    for a "left the chat" line (seen by the contact when the agent had joined
    visibly).
    """
    removed = []
    with transaction.atomic():
        for participant in Participant.objects.filter(
            conversation=conversation, user__in=list(users)
        ).select_related("user"):
            participant.delete()
            participant_left.send(sender=Participant, participant=participant)
            conversation_services.record_activity(
                conversation=conversation,
                kind="participant.left",
                params={"name": participant.user.available_name},
                visible_to_contact=participant.is_visible_to_contact,
            )
            removed.append(participant.user_id)
    return removed


def set_participants(
    *, conversation: Conversation, users: Iterable[User], actor: User
) -> None:
    """Make ``users`` the conversation's participants: invite the missing, remove
    the others. Publishes what ``invite_agents`` and ``remove_participants`` do."""
    wanted = {user.pk: user for user in users}
    with transaction.atomic():
        current = set(
            Participant.objects.filter(conversation=conversation).values_list(
                "user_id", flat=True
            )
        )
        remove_participants(
            conversation=conversation,
            users=User.objects.filter(pk__in=current - wanted.keys()),
        )
        invite_agents(
            conversation=conversation,
            users=[user for pk, user in wanted.items() if pk not in current],
            actor=actor,
        )


def leave_conversation(*, conversation: Conversation, user: User) -> None:
    """The agent stops taking part: as a participant, and as the assignee,
    whose conversation routing hands on (``routing.services.pass_on``).
    Publishes what ``remove_participants`` and ``pass_on`` do."""
    with transaction.atomic():
        remove_participants(conversation=conversation, users=[user])
        # Checked under the lock there: the caller's copy may be stale.
        pass_on(conversation=conversation, leaving=user)


def transfer_conversation(
    *,
    conversation: Conversation,
    actor: User,
    seen_assignee_id: int | None,
    assignee: User | None = None,
    team: Team | None = None,
    note: str = "",
) -> Conversation:
    """Hand the conversation to an agent and/or a team with a handoff note.

    ``seen_assignee_id`` is the assignee the actor's right to transfer was
    checked against: when another agent or the routing took the conversation
    meanwhile, nothing changes and ``RaceLost`` is raised. A transfer takes
    effect at once (there is no accepting step), so the receiver must not be
    offline at that moment: otherwise nothing changes and ``ReceiverOffline``
    is raised. The API tells the actor of either (``report_failure``).

    The note is a private note written before the hand-over, so it is the first
    thing the receiver finds; a conversation handed to a team alone is left
    unassigned for its agents; the actor stops taking part, and a new assignee
    who was a participant now owns the conversation instead. Publishes
    ``message.created`` (note and activity lines), ``assignee.changed`` and/or
    ``team.changed``, ``conversation.participant_left`` when participants
    change, and ``conversation.transferred`` to the receivers.
    """
    return _transfer(conversation, actor, seen_assignee_id, assignee, team, note)


def _transfer(
    conversation: Conversation,
    actor: User,
    seen_assignee_id: int | None,
    assignee: User | None,
    team: Team | None,
    note: str,
) -> Conversation:
    with transaction.atomic():
        conversation_services.lock_as_seen(
            conversation=conversation, seen_assignee_id=seen_assignee_id
        )
        if assignee is not None and _is_offline(conversation, assignee):
            raise ReceiverOffline(
                _("%(name)s is offline: hand it to someone online.")
                % {"name": assignee.available_name}
            )
        handoff = None
        if note:
            handoff = conversation_services.create_message(
                conversation=conversation,
                message_type=Message.MessageType.OUTGOING,
                sender=actor,
                content=note,
                private=True,
                content_attributes={"handoff": True},
            )
        # Handed to a team alone, the conversation waits for one of its agents.
        conversation = conversation_services.assign_agent(
            conversation=conversation, assignee=assignee, actor=actor
        )
        if assignee is not None:
            for participant in Participant.objects.filter(
                conversation=conversation, user=assignee
            ).select_related("user"):
                participant.delete()
                participant_left.send(sender=Participant, participant=participant)
        if team is not None:
            conversation = conversation_services.assign_team(
                conversation=conversation, team=team, actor=actor
            )
        if assignee is None or assignee.pk != actor.pk:
            remove_participants(conversation=conversation, users=[actor])
        conversation_transferred.send(
            sender=Conversation,
            conversation=conversation,
            actor=actor,
            note=handoff,
            assignee=assignee,
            team=team,
        )
        return conversation


def _is_offline(conversation: Conversation, user: User) -> bool:
    """The agent chose to be offline in the conversation's account."""
    return AccountUser.objects.filter(
        account_id=conversation.account_id,
        user=user,
        availability=AccountUser.Availability.OFFLINE,
    ).exists()
