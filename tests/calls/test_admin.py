"""Calls in the Django admin: listed, never written there."""

import pytest

from calls import services
from calls.selectors import party_of

pytestmark = pytest.mark.django_db


def test_calls_are_read_only_in_the_admin(admin_client, account, agent, conversation):
    """The list and a call's page open; adding, changing and deleting do not."""
    call = services.request_call(
        party=party_of(account_id=account.pk, user_id=agent.pk),
        conversation_id=conversation.display_id,
        video=True,
    )
    assert admin_client.get("/admin/calls/call/").status_code == 200
    assert admin_client.get(f"/admin/calls/call/{call.pk}/change/").status_code == 200
    assert admin_client.get("/admin/calls/call/add/").status_code == 403
    assert admin_client.post(f"/admin/calls/call/{call.pk}/delete/").status_code == 403
    response = admin_client.post(
        f"/admin/calls/call/{call.pk}/change/", {"state": "ended"}
    )
    assert response.status_code == 403
    call.refresh_from_db()
    assert call.state == "ringing"
