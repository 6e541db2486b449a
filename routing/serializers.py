"""Wire shapes of routing: a waiting conversation's place in line, an agent's
capacity, an inbox's queue at a glance."""

from datetime import datetime

from accounts.models import Inbox
from routing import hours
from routing.selectors import AgentCapacity, QueuePlace, QueueSummary


def queue_payload(place: QueuePlace) -> dict:
    """``{position, wait}``: what the waiting contact is told (``wait`` in
    seconds, None until the inbox has handed conversations over)."""
    return {"position": place.position, "wait": place.wait}


def queue_place_payload(place: QueuePlace) -> dict:
    """The ``conversation.queue_position`` payload: only what the contact may see."""
    return {
        "account_id": place.conversation.account_id,
        "conversation_id": place.conversation.display_id,
        "inbox_id": place.conversation.inbox_id,
        **queue_payload(place),
    }


def agent_capacity_payload(capacity: AgentCapacity) -> dict:
    """An agent's capacity as agents see it (``agent.available``/``unavailable``)."""
    return {
        "account_id": capacity.account_id,
        "id": capacity.user.pk,
        "available_name": capacity.user.available_name,
        "availability_status": capacity.availability,
        "open_conversations": capacity.load,
        "limit": capacity.limit,
        "available": capacity.available,
    }


def queue_summary_payload(summary: QueueSummary, at: datetime) -> dict:
    """An inbox's queue for the dashboard; ``longest_wait`` is in seconds at
    ``at`` (so a client ticks it on from there whatever its own clock says)."""
    since = summary.longest_waiting_since
    return {
        "inbox_id": summary.inbox.pk,
        "name": summary.inbox.name,
        "waiting": summary.waiting,
        "longest_waiting_since": since,
        "longest_wait": None if since is None else int((at - since).total_seconds()),
        "agent_ids": summary.agent_ids,
    }


def business_hours_payload(inbox: Inbox, at: datetime) -> dict | None:
    """``{open, reopens_at}`` for the widget while the inbox keeps business
    hours (None otherwise); ``reopens_at`` is None when open or never opening."""
    if not inbox.working_hours_enabled:
        return None
    is_open = hours.is_open(inbox, at)
    return {
        "open": is_open,
        "reopens_at": None if is_open else hours.next_opening(inbox, at),
    }
