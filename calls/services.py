"""Calls between an agent and the contact of a conversation: request, answer,
decline, cancel, hang up, connection state, screen sharing, signalling.

Each service opens its own transaction and announces its change with
``calls.signals`` (``realtime/receivers.py`` publishes ``call.updated`` and
``call.signal`` to the call's two parties); each step is also an activity line
the contact reads (``conversations.lines``, ``content_attributes["call"]``).
A refused step raises ``CallRefused`` (its ``code`` names why); an id out of
the party's reach raises ``selectors.Unknown``.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from calls import selectors
from calls.models import Call
from calls.selectors import Party
from calls.signals import call_signalled, call_updated
from common.errors import Conflict
from conversations import services as conversation_services
from conversations.models import Conversation


class CallRefused(Conflict):
    """A call step the party may not take now; ``code`` names why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# Why a step is refused, by code.
REASONS = {
    "calls_off": gettext_lazy("Calls are turned off in this inbox."),
    "call_in_progress": gettext_lazy(
        "A call is already going on in this conversation."
    ),
    "no_access": gettext_lazy("You may not call in this conversation now."),
    "already_answered": gettext_lazy("Someone else already answered this call."),
    "not_ringing": gettext_lazy("This call is no longer ringing."),
    "not_answered": gettext_lazy("This call has not been answered yet."),
    "call_over": gettext_lazy("This call is over."),
    "screen_sharing_off": gettext_lazy("Screen sharing is turned off for visitors."),
}


def _refuse(party: Party, code: str) -> CallRefused:
    """The refusal ``code``, worded in the party's language."""
    with translation.override(party.locale or None):
        return CallRefused(code, str(REASONS[code]))


### Requests and answers


def request_call(*, party: Party, conversation_id: int, video: bool) -> Call:
    """Ring the other side of a conversation: its contact for an agent, the
    conversation's agents for its contact. Publishes ``call.updated``."""
    conversation = selectors.get_conversation(party=party, display_id=conversation_id)
    if party.membership is not None and not selectors.may_reply(
        membership=party.membership, conversation=conversation
    ):
        raise _refuse(party, "no_access")
    if not conversation.inbox.calls_enabled:
        raise _refuse(party, "calls_off")
    try:
        with transaction.atomic():
            # Two requests at once: the second waits here and finds the first.
            Conversation.objects.select_for_update().filter(pk=conversation.pk).first()
            if selectors.live_call(conversation=conversation) is not None:
                raise _refuse(party, "call_in_progress")
            call = Call.objects.create(
                account_id=conversation.account_id,
                conversation=conversation,
                contact_id=conversation.contact_id,
                agent=party.membership.user if party.membership else None,
                requested_by=party.side,
                video=video,
            )
            call.conversation = conversation
            kind = "call.requested.video" if video else "call.requested.voice"
            by_agent = party.side == Call.Side.AGENT
            seed = "videoRequestedByAgent" if by_agent else "videoRequestedByCustomer"
            _line(call, kind, seed, by=party.side)
            call_updated.send(sender=Call, call=call, rung=False)
    except IntegrityError:
        raise _refuse(party, "call_in_progress") from None
    return call


def accept_call(*, party: Party, call_id: int, video: bool) -> Call:
    """Answer a ringing call from the other side; an agent answering a
    contact's request becomes the call's agent (the first one only).
    ``video`` False answers without a camera. Publishes ``call.updated``."""
    with transaction.atomic():
        call = selectors.get_call(party=party, call_id=call_id, lock=True)
        _check_answerer(party, call)
        rung = call.agent_id is None
        if rung:
            call.agent = party.membership.user
        call.state = Call.State.ACCEPTED
        call.answered_at = timezone.now()
        call.video = call.video and video
        call.save()
        _line(call, "call.accepted", "videoAccepted", by=party.side)
        call_updated.send(sender=Call, call=call, rung=rung)
    return call


def reject_call(*, party: Party, call_id: int) -> Call:
    """Decline a ringing call from the other side. Publishes ``call.updated``."""
    with transaction.atomic():
        call = selectors.get_call(party=party, call_id=call_id, lock=True)
        _check_answerer(party, call)
        rung = call.agent_id is None
        if rung:
            call.agent = party.membership.user
        _finish(call, Call.State.REJECTED, ended_by=party.side)
        _line(call, "call.rejected", "videoRejected", by=party.side)
        call_updated.send(sender=Call, call=call, rung=rung)
    return call


def cancel_call(*, party: Party, call_id: int) -> Call:
    """Stop ringing one's own request. Publishes ``call.updated``."""
    with transaction.atomic():
        call = selectors.get_call(party=party, call_id=call_id, lock=True)
        if call.requested_by != party.side or not _is_party(party, call):
            raise _refuse(party, "no_access")
        if call.state != Call.State.RINGING:
            raise _refuse(party, "not_ringing")
        _end(call, ended_by=party.side)
    return call


def hang_up_call(*, party: Party, call_id: int) -> Call:
    """End a call one takes part in. Publishes ``call.updated``."""
    with transaction.atomic():
        call = selectors.get_call(party=party, call_id=call_id, lock=True)
        _check_party(party, call)
        _end(call, ended_by=party.side)
    return call


### During the call


def set_call_state(*, party: Party, call_id: int, state: str) -> Call:
    """Record that a party's connection came up (``active``: the first time
    the call is connected) or was lost (``interrupted``: the call ends
    unless it is back within ``ONECHAT_CALL_RESUME_SECONDS``). A state the
    call is in already changes nothing. Publishes ``call.updated``."""
    with transaction.atomic():
        call = selectors.get_call(party=party, call_id=call_id, lock=True)
        _check_party(party, call, answered=True)
        if call.state == state:
            return call
        if state == Call.State.ACTIVE:
            call.state = Call.State.ACTIVE
            call.interrupted_at = None
            first = call.connected_at is None
            if first:
                call.connected_at = timezone.now()
            call.save()
            if first:
                _line(call, "call.connected", "videoStarted", by=party.side, params={})
        else:
            call.state = Call.State.INTERRUPTED
            call.interrupted_at = timezone.now()
            call.save()
        call_updated.send(sender=Call, call=call, rung=False)
    return call


def share_screen(*, party: Party, call_id: int, sharing: bool) -> Call:
    """A party started (``sharing``) or stopped sharing its screen; a contact
    only where the inbox lets visitors share. Publishes ``call.updated``."""
    with transaction.atomic():
        call = selectors.get_call(party=party, call_id=call_id, lock=True)
        _check_party(party, call, answered=True)
        inbox = call.conversation.inbox
        contact = party.side == Call.Side.CONTACT
        if sharing and contact and not inbox.visitor_screen_sharing:
            raise _refuse(party, "screen_sharing_off")
        if sharing and call.screen_sharing != party.side:
            call.screen_sharing = party.side
            kind, seed = "call.screen.started", "screenSharingStarted"
        elif not sharing and call.screen_sharing == party.side:
            call.screen_sharing = ""
            kind, seed = "call.screen.ended", "screenSharingEnded"
        else:
            return call
        call.save()
        _line(call, kind, seed, by=party.side)
        call_updated.send(sender=Call, call=call, rung=False)
    return call


def relay_signal(*, party: Party, call_id: int, signal: dict[str, Any]) -> Call:
    """Pass a party's WebRTC signal (offer, answer, ICE candidate) to the
    other party, unchanged. Publishes ``call.signal``."""
    with transaction.atomic():
        call = selectors.get_call(party=party, call_id=call_id)
        _check_party(party, call)
        call_signalled.send(sender=Call, call=call, sender_side=party.side, data=signal)
    return call


def end_unanswered_call(*, call_id: int) -> Call | None:
    """Stop a call still ringing ``ONECHAT_CALL_RING_SECONDS`` after its
    request: a missed call (run by the job its request scheduled).
    Publishes ``call.updated``."""
    with transaction.atomic():
        call = _stalled(call_id=call_id, state=Call.State.RINGING)
        if call is None:
            return None
        rung = call.agent_id is None
        _finish(call, Call.State.MISSED, ended_by=Call.EndedBy.SYSTEM)
        _line(call, "call.missed", "videoEnded", by=Call.EndedBy.SYSTEM, params={})
        call_updated.send(sender=Call, call=call, rung=rung)
    return call


def end_unconnected_call(*, call_id: int) -> Call | None:
    """End a call answered ``ONECHAT_CALL_RESUME_SECONDS`` ago whose parties
    never connected (both browsers gone, say). Publishes ``call.updated``."""
    with transaction.atomic():
        call = _stalled(call_id=call_id, state=Call.State.ACCEPTED)
        if call is not None:
            _end(call, ended_by=Call.EndedBy.SYSTEM)
    return call


def end_interrupted_call(*, call_id: int, interrupted_at: Any) -> Call | None:
    """End a call still interrupted since ``interrupted_at`` (run by the job
    its interruption scheduled); a call that came back, or was interrupted
    again later, is left alone. Publishes ``call.updated``."""
    with transaction.atomic():
        call = _stalled(
            call_id=call_id,
            state=Call.State.INTERRUPTED,
            interrupted_at=interrupted_at,
        )
        if call is not None:
            _end(call, ended_by=Call.EndedBy.SYSTEM)
    return call


def _stalled(*, call_id: int, state: str, **still: Any) -> Call | None:
    """The call, under its row lock, if it is still in ``state`` (and its
    fields ``still`` hold the same values)."""
    return (
        Call.objects.select_for_update(of=("self",))
        .select_related("agent", "contact", "conversation__inbox")
        .filter(pk=call_id, state=state, **still)
        .first()
    )


### Rules


def _is_party(party: Party, call: Call) -> bool:
    if party.membership is None:
        return True  # the call is of the session's own conversation
    return call.agent_id == party.membership.user_id


def _check_party(party: Party, call: Call, *, answered: bool = False) -> None:
    """Refuse unless the party takes part in the live call (and, with
    ``answered``, the call was answered)."""
    if not _is_party(party, call):
        raise _refuse(party, "no_access")
    if not call.is_live:
        raise _refuse(party, "call_over")
    if answered and call.state == Call.State.RINGING:
        raise _refuse(party, "not_answered")


def _check_answerer(party: Party, call: Call) -> None:
    """Refuse unless the party is the side a ringing call waits for."""
    if call.requested_by == party.side:
        raise _refuse(party, "no_access")
    if party.membership is not None:
        if call.agent_id is not None and call.agent_id != party.membership.user_id:
            raise _refuse(party, "already_answered")
        if not selectors.may_reply(
            membership=party.membership, conversation=call.conversation
        ):
            raise _refuse(party, "no_access")
    if call.state != Call.State.RINGING:
        raise _refuse(party, "not_ringing" if call.is_live else "call_over")


def _finish(call: Call, state: str, *, ended_by: str) -> None:
    call.state = state
    call.ended_at = timezone.now()
    call.ended_by = ended_by
    call.screen_sharing = ""
    call.save()


def _end(call: Call, *, ended_by: str) -> None:
    """End the call and write how: its length, or a missed call."""
    rung = call.agent_id is None
    _finish(call, Call.State.ENDED, ended_by=ended_by)
    duration = call.duration
    if duration is None:
        _line(call, "call.missed", "videoEnded", by=ended_by, params={})
    else:
        _line(
            call,
            "call.ended",
            "videoEnded",
            by=ended_by,
            duration=duration,
            params={"duration": _clock(duration)},
        )
    call_updated.send(sender=Call, call=call, rung=rung)


### Lines


def _name(call: Call, side: str) -> str | None:
    """Who took the step, as lines name them; None for a contact with neither
    name nor email, whose lines say "The visitor" in each reader's language."""
    if side == Call.Side.AGENT:
        return call.agent.available_name if call.agent else ""
    return call.contact.name or call.contact.email or None


def _clock(seconds: int) -> str:
    """A length as 1:05 or 1:02:05: the same in every language."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def _line(
    call: Call,
    kind: str,
    seed: str,
    *,
    by: str,
    duration: int | None = None,
    params: dict[str, Any] | None = None,
) -> None:
    """Write the step as an activity line the contact reads too."""
    about: dict[str, Any] = {
        "id": call.pk,
        "type": seed,
        "audio": call.audio,
        "video": call.video,
        "by": by,
    }
    if duration is not None:
        about["duration"] = duration
    if params is None:
        name = _name(call, by)
        if name is None:
            kind, params = f"{kind}.visitor", {}
        else:
            params = {"name": name}
    conversation_services.record_activity(
        conversation=call.conversation,
        kind=kind,
        params=params,
        visible_to_contact=True,
        attributes={"call": about},
    )
