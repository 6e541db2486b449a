"""The inbox's call settings: the inbox API reads and writes them, the widget
page tells them, only administrators change them."""

import json
import re

import pytest

from django.test import Client
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN=user.access_token)
    return client


def widget_config(inbox) -> dict:
    page = Client().get(f"/widget?website_token={inbox.website_token}")
    found = re.search(rb'id="onechat-config"[^>]*>(.*?)</script>', page.content)
    return json.loads(found.group(1))


def test_inbox_api_reads_and_writes_the_call_settings(administrator, agent, account):
    """Calls are on and visitors' screen sharing off by default; an
    administrator changes both, a non-boolean is a JSON 400, an agent a 403."""
    inbox = factories.InboxFactory(account=account)
    path = f"/api/v1/accounts/{account.pk}/inboxes/{inbox.pk}"
    client = client_for(administrator)
    shown = client.get(path).json()
    assert (shown["calls_enabled"], shown["visitor_screen_sharing"]) == (True, False)
    response = client.patch(
        path, {"calls_enabled": False, "visitor_screen_sharing": True}, format="json"
    )
    assert response.status_code == 200, response.json()
    shown = response.json()
    assert (shown["calls_enabled"], shown["visitor_screen_sharing"]) == (False, True)
    response = client.patch(path, {"calls_enabled": "maybe"}, format="json")
    assert response.status_code == 400
    assert "calls_enabled" in response.json()["errors"]
    response = client_for(agent).patch(path, {"calls_enabled": True}, format="json")
    assert response.status_code == 403
    inbox.refresh_from_db()
    assert (inbox.calls_enabled, inbox.visitor_screen_sharing) == (False, True)
    listed = client.get(f"/api/v1/accounts/{account.pk}/inboxes").json()["payload"]
    assert {row["id"]: row["calls_enabled"] for row in listed}[inbox.pk] is False


def test_another_accounts_inbox_is_out_of_reach(administrator, account):
    """An administrator cannot change another account's inbox settings."""
    foreign = factories.InboxFactory()
    path = f"/api/v1/accounts/{foreign.account_id}/inboxes/{foreign.pk}"
    response = client_for(administrator).patch(
        path, {"calls_enabled": False}, format="json"
    )
    assert response.status_code in (401, 403, 404)
    path = f"/api/v1/accounts/{account.pk}/inboxes/{foreign.pk}"
    response = client_for(administrator).patch(
        path, {"calls_enabled": False}, format="json"
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.calls_enabled is True


def test_widget_config_tells_the_call_settings(inbox):
    """The widget reads at start whether calls are on and visitors may share."""
    inbox_config = widget_config(inbox)["inbox"]
    assert inbox_config["callsEnabled"] is True
    assert inbox_config["visitorScreenSharing"] is False
    inbox.calls_enabled = False
    inbox.visitor_screen_sharing = True
    inbox.save()
    inbox_config = widget_config(inbox)["inbox"]
    assert inbox_config["callsEnabled"] is False
    assert inbox_config["visitorScreenSharing"] is True
