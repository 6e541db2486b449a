"""The lines OneChat itself writes into a conversation ("Assigned to Ana by
Bo", "Anna joined the chat", "Rating: 4/5"): one kind each, with its English
template.

A written line keeps its kind and parameters in ``content_attributes["i18n"]``
(``{"kind": "status.resolved.by", "params": {"actor": "Bo"}}``): the dashboard
and the widget draw it in their reader's language from their own catalogues,
and draw ``content`` for a kind they do not know. ``content`` is the line in
the account's language (``Account.locale``), for API clients. Parameters are
names, numbers and the contact's own words, never translated.
"""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

KEY = "i18n"

TEMPLATES: dict[str, str] = {
    # Status changes (agents only, but for the visitor ending the chat).
    "status.open": gettext_noop("Conversation was reopened"),
    "status.open.by": gettext_noop("Conversation was reopened by %(actor)s"),
    "status.resolved": gettext_noop("Conversation was marked resolved"),
    "status.resolved.by": gettext_noop("Conversation was marked resolved by %(actor)s"),
    "status.pending": gettext_noop("Conversation was marked pending"),
    "status.pending.by": gettext_noop("Conversation was marked pending by %(actor)s"),
    "status.snoozed": gettext_noop("Conversation was snoozed"),
    "status.snoozed.by": gettext_noop("Conversation was snoozed by %(actor)s"),
    "conversation.muted": gettext_noop("Conversation was muted"),
    "conversation.muted.by": gettext_noop("%(actor)s has muted the conversation"),
    "conversation.unmuted": gettext_noop("Conversation was unmuted"),
    "conversation.unmuted.by": gettext_noop("%(actor)s has unmuted the conversation"),
    "chat.ended": gettext_noop("%(name)s ended the chat"),
    "chat.ended.visitor": gettext_noop("The visitor ended the chat"),
    # Assignment (agents only).
    "assignee.unassigned": gettext_noop("Conversation was unassigned"),
    "assignee.unassigned.by": gettext_noop("Conversation was unassigned by %(actor)s"),
    "assignee.self": gettext_noop("%(assignee)s self-assigned this conversation"),
    "assignee.assigned": gettext_noop("Assigned to %(assignee)s"),
    "assignee.assigned.by": gettext_noop("Assigned to %(assignee)s by %(actor)s"),
    "assignee.no_reply": gettext_noop("%(name)s did not reply within %(minutes)s min"),
    # The visitor sees the agent who now handles the conversation.
    "assignee.joined": gettext_noop("%(name)s joined the conversation"),
    "team.assigned": gettext_noop("Assigned to team %(team)s"),
    "team.assigned.by": gettext_noop("Assigned to team %(team)s by %(actor)s"),
    "team.removed": gettext_noop("Removed from team"),
    "team.removed.by": gettext_noop("Removed from team by %(actor)s"),
    # Participants (joined and left are seen by the visitor too).
    "participant.joined": gettext_noop("%(name)s joined the chat"),
    "participant.left": gettext_noop("%(name)s left the chat"),
    "participant.consulting": gettext_noop("%(name)s was asked to consult"),
    "participant.consulting.by": gettext_noop(
        "%(name)s was asked to consult by %(actor)s"
    ),
    # The visitor's CSAT answer, as their own message.
    "csat.rating": gettext_noop("Rating: %(rating)s/5"),
    "csat.rating.feedback": gettext_noop("Rating: %(rating)s/5\n%(feedback)s"),
    # Calls (seen by the visitor too; ``content_attributes["call"]`` tells
    # the step).
    "call.requested.video": gettext_noop("%(name)s started a video call"),
    "call.requested.voice": gettext_noop("%(name)s started a voice call"),
    "call.accepted": gettext_noop("%(name)s answered the call"),
    "call.rejected": gettext_noop("%(name)s declined the call"),
    "call.connected": gettext_noop("Call connected"),
    "call.ended": gettext_noop("Call ended after %(duration)s"),
    "call.missed": gettext_noop("Missed call"),
    "call.screen.started": gettext_noop("%(name)s is sharing their screen"),
    "call.screen.ended": gettext_noop("%(name)s stopped sharing their screen"),
    "call.requested.video.visitor": gettext_noop("The visitor started a video call"),
    "call.requested.voice.visitor": gettext_noop("The visitor started a voice call"),
    "call.accepted.visitor": gettext_noop("The visitor answered the call"),
    "call.rejected.visitor": gettext_noop("The visitor declined the call"),
    "call.screen.started.visitor": gettext_noop("The visitor is sharing their screen"),
    "call.screen.ended.visitor": gettext_noop(
        "The visitor stopped sharing their screen"
    ),
    # Sent to a visitor still queued when the inbox has no words of its own.
    "queue.timeout": gettext_noop(
        "Thanks for waiting. Everyone is still busy: you keep your place in "
        "line, and we will answer as soon as we can."
    ),
}


def written(*, kind: str, params: dict[str, Any], locale: str) -> tuple[str, dict]:
    """The line of ``kind`` in ``locale`` (a ``settings.LANGUAGES`` code), and
    the ``content_attributes`` entry that names its kind and parameters."""
    with translation.override(locale):
        content = gettext(TEMPLATES[kind]) % params
    return content, {KEY: {"kind": kind, "params": params}}


def by(kind: str, actor: str | None, params: dict[str, Any]) -> tuple[str, dict]:
    """``kind`` with the actor's name (its ``.by`` form), or without one."""
    if actor:
        return f"{kind}.by", {**params, "actor": actor}
    return kind, params
