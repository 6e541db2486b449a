"""The actions of rules and macros, one function each, written once: a rule's
job and a macro's request both run them through ``run_actions``.

Every action changes the conversation through the owning app's service, so
its events, notifications and routing rules follow as for a person's change.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from accounts.models import AccountUser, Team, User
from automation import vocabulary as v
from collaboration import capabilities
from common.errors import DomainError
from conversations import services
from conversations.models import Conversation, Message
from conversations.serializers import ConversationSerializer


class ActionError(DomainError):
    """An action could not run on the conversation (a row it names is gone)."""

    code = "automation_action_failed"


@dataclass(frozen=True)
class Run:
    """Who runs the actions on which conversation: ``actor`` is the macro's
    agent (``membership`` theirs), None for a rule; ``event`` names the rule's
    event or ``macro``."""

    conversation: Conversation
    event: str
    actor: User | None = None
    membership: AccountUser | None = None


Action = Callable[[Run, list[Any]], None]


def _fresh(run: Run) -> Conversation:
    return Conversation.objects.select_related("account", "inbox").get(
        pk=run.conversation.pk
    )


def assign_agent(run: Run, params: list[Any]) -> None:
    """Assign the agent whose user id is the first param (``self``: the macro's
    agent; ``nil``: nobody)."""
    target = params[0] if params else v.NOBODY
    if target == v.NOBODY:
        assignee = None
    elif target == v.SELF:
        assignee = run.actor
    else:
        membership = (
            AccountUser.objects.select_related("user")
            .filter(account_id=run.conversation.account_id, user_id=target)
            .first()
        )
        if membership is None:
            raise ActionError(_("The agent to assign is no longer a member."))
        assignee = membership.user
    services.assign_agent(conversation=_fresh(run), assignee=assignee, actor=run.actor)


def assign_team(run: Run, params: list[Any]) -> None:
    """Hand the conversation to the team of the first param (``nil``: none)."""
    target = params[0] if params else v.NOBODY
    team = None
    if target != v.NOBODY:
        team = Team.objects.filter(
            account_id=run.conversation.account_id, pk=target
        ).first()
        if team is None:
            raise ActionError(_("The team to assign no longer exists."))
    services.assign_team(conversation=_fresh(run), team=team, actor=run.actor)


def _labels(run: Run) -> list[str]:
    return list(run.conversation.labels.values_list("title", flat=True))


def add_label(run: Run, params: list[Any]) -> None:
    """Add the labels titled by the params."""
    services.set_labels(
        conversation=_fresh(run),
        labels=[*_labels(run), *map(str, params)],
        by=run.membership,
    )


def remove_label(run: Run, params: list[Any]) -> None:
    """Take off the labels titled by the params."""
    removed = set(map(str, params))
    services.set_labels(
        conversation=_fresh(run),
        labels=[title for title in _labels(run) if title not in removed],
        by=run.membership,
    )


def send_message(run: Run, params: list[Any]) -> None:
    """Reply to the contact with the first param."""
    services.create_message(
        conversation=_fresh(run),
        message_type=Message.MessageType.OUTGOING,
        content=str(params[0]),
        sender=run.actor,
    )


def add_private_note(run: Run, params: list[Any]) -> None:
    """Leave the first param as a private note for the agents."""
    services.create_message(
        conversation=_fresh(run),
        message_type=Message.MessageType.OUTGOING,
        content=str(params[0]),
        sender=run.actor,
        private=True,
    )


def send_webhook_event(run: Run, params: list[Any]) -> None:
    """Post the conversation to the URL of the first param, as Chatwoot's
    ``automation_event.<event>``."""
    # Imported here: a rule reaches the webhooks app only when it posts.
    from webhooks import services as webhook_services

    conversation = _fresh(run)
    event = f"automation_event.{run.event}"
    payload = {**ConversationSerializer(conversation).data, "event": event}
    webhook_services.deliver_to_url(
        account_id=conversation.account_id,
        url=str(params[0]),
        event=event,
        payload=payload,
        conversation_id=conversation.pk,
    )


def resolve_conversation(run: Run, params: list[Any]) -> None:
    """Resolve the conversation."""
    _set_status(run, Conversation.Status.RESOLVED)


def snooze_conversation(run: Run, params: list[Any]) -> None:
    """Snooze the conversation until the contact's next message."""
    _set_status(run, Conversation.Status.SNOOZED)


def open_conversation(run: Run, params: list[Any]) -> None:
    """Open the conversation again."""
    _set_status(run, Conversation.Status.OPEN)


def change_status(run: Run, params: list[Any]) -> None:
    """Set the status named by the first param."""
    _set_status(run, str(params[0]))


def _set_status(run: Run, status: str) -> None:
    services.change_status(conversation=_fresh(run), status=status, actor=run.actor)


def mute_conversation(run: Run, params: list[Any]) -> None:
    """Mute the conversation (it is resolved too)."""
    services.mute_conversation(conversation=_fresh(run), by=run.actor)


def change_priority(run: Run, params: list[Any]) -> None:
    """Set the priority of the first param (``nil``: none)."""
    priority = params[0] if params and params[0] != v.NOBODY else None
    services.update_conversation(conversation=_fresh(run), priority=priority)


def send_email_to_team(run: Run, params: list[Any]) -> None:
    """Email the message of ``{team_ids, message}`` to those teams' agents."""
    spec = params[0]
    conversation = _fresh(run)
    emails = sorted(
        set(
            User.objects.filter(
                teammember__team__account_id=conversation.account_id,
                teammember__team_id__in=spec["team_ids"],
            ).values_list("email", flat=True)
        )
    )
    if emails:
        subject = _("Conversation #%(id)s") % {"id": conversation.display_id}
        send_mail(subject, spec["message"], None, emails)


def send_email_transcript(run: Run, params: list[Any]) -> None:
    """Email the conversation as the contact saw it to the addresses of the
    params, one line per message."""
    conversation = _fresh(run)
    messages = (
        conversation.messages.visible_to_contact()
        .exclude(message_type=Message.MessageType.ACTIVITY)
        .select_related("sender_user", "sender_contact")
        .order_by("created_at", "id")
    )
    # A message without a sender (a bot's, a rule's) is shown under the inbox.
    lines = [
        f"{_sender_name(message) or conversation.inbox.name}: {message.content}"
        for message in messages
    ]
    subject = _("Conversation #%(id)s") % {"id": conversation.display_id}
    send_mail(subject, "\n".join(lines), None, [str(email) for email in params])


def _sender_name(message: Message) -> str:
    if message.sender_user is not None:
        return message.sender_user.available_name
    if message.sender_contact is not None:
        return str(message.sender_contact)
    return ""


ACTIONS: dict[str, Action] = {
    v.ASSIGN_AGENT: assign_agent,
    v.ASSIGN_TEAM: assign_team,
    v.ADD_LABEL: add_label,
    v.REMOVE_LABEL: remove_label,
    v.SEND_MESSAGE: send_message,
    v.ADD_PRIVATE_NOTE: add_private_note,
    v.SEND_WEBHOOK_EVENT: send_webhook_event,
    v.RESOLVE_CONVERSATION: resolve_conversation,
    v.SNOOZE_CONVERSATION: snooze_conversation,
    v.OPEN_CONVERSATION: open_conversation,
    v.CHANGE_STATUS: change_status,
    v.MUTE_CONVERSATION: mute_conversation,
    v.CHANGE_PRIORITY: change_priority,
    v.SEND_EMAIL_TO_TEAM: send_email_to_team,
    v.SEND_EMAIL_TRANSCRIPT: send_email_transcript,
}


@dataclass
class Outcome:
    """What ``run_actions`` did: the names of the actions taken, in order,
    and the message of the refusal that stopped the rest."""

    actions_taken: list[str]
    error: str = ""


def run_actions(run: Run, actions: Sequence[dict[str, Any]]) -> Outcome:
    """Run ``actions`` in order on the conversation; the first refusal (a
    missing capability of the macro's agent, a row gone) stops the rest."""
    outcome = Outcome(actions_taken=[])
    for action in actions:
        name = action["action_name"]
        try:
            if run.membership is not None:
                capabilities.require(
                    conversation=_fresh(run),
                    membership=run.membership,
                    capability=v.CAPABILITY_OF_ACTION[name],
                )
            ACTIONS[name](run, list(action.get("action_params") or []))
        except DomainError as error:
            outcome.error = f"{name}: {error.message}"
            return outcome
        outcome.actions_taken.append(name)
    return outcome
