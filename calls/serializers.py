"""The wire shape of a call (``call.updated``)."""

from typing import Any

from calls import ice
from calls.models import Call


def call_payload(call: Call) -> dict[str, Any]:
    """A call as its two parties see it, with the ICE servers to reach each
    other (TURN credentials made for this call)."""
    agent = call.agent
    contact = call.contact
    return {
        "id": call.pk,
        "account_id": call.account_id,
        "conversation_id": call.conversation.display_id,
        "inbox_id": call.conversation.inbox_id,
        "state": call.state,
        "requested_by": call.requested_by,
        "audio": call.audio,
        "video": call.video,
        "screen_sharing": call.screen_sharing,
        "agent": (
            {
                "id": agent.pk,
                "name": agent.available_name,
                "avatar_url": agent.avatar_url,
            }
            if agent is not None
            else None
        ),
        "contact": {"id": contact.pk, "name": contact.name},
        "created_at": call.created_at,
        "answered_at": call.answered_at,
        "connected_at": call.connected_at,
        "ended_at": call.ended_at,
        "ended_by": call.ended_by,
        "duration": call.duration,
        "ice_servers": ice.ice_servers(call_id=call.pk),
    }
