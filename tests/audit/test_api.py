"""GET audit_logs: Chatwoot's shape and pages, administrators only, never
another account's entries, filters, bad input a JSON 400."""

from datetime import timedelta

import pytest

from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AuditLog
from audit.services import record
from tests import factories
from tests.audit.conftest import client_for

pytestmark = pytest.mark.django_db


def test_chatwoots_shape_newest_first(as_admin, api, account, administrator):
    as_admin.post(f"{api}/teams", {"name": "tier2"})
    as_admin.patch(api, {"name": "Acme"}, format="json")
    answer = as_admin.get(f"{api}/audit_logs")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["current_page"] == 1 and body["per_page"] == 25
    assert body["total_entries"] == 2
    newest, oldest = body["audit_logs"]
    assert newest["auditable_type"] == "Account" and oldest["action"] == "create"
    assert newest == {
        "id": newest["id"],
        "auditable_id": account.pk,
        "auditable_type": "Account",
        "auditable": {"id": account.pk, "name": "Acme"},
        "associated_id": account.pk,
        "associated_type": "Account",
        "user_id": administrator.pk,
        "user_type": "User",
        "username": administrator.email,
        "user_name": administrator.name,
        "action": "update",
        "audited_changes": {"name": [account.name, "Acme"]},
        "version": 1,
        "comment": None,
        "request_uuid": newest["request_uuid"],
        "created_at": newest["created_at"],
        "remote_address": "203.0.113.7",
    }
    assert isinstance(newest["created_at"], int)


def test_pages_of_25(as_admin, api, account):
    for number in range(30):
        record(
            account_id=account.pk,
            action="create",
            auditable_type="Team",
            auditable_id=number,
        )
    second = as_admin.get(f"{api}/audit_logs", {"page": 2}).json()
    assert second["current_page"] == 2 and len(second["audit_logs"]) == 5
    assert second["total_entries"] == 30


def test_agents_are_refused(api, agent, fresh_log):
    answer = client_for(agent).get(f"{api}/audit_logs")
    assert answer.status_code == 403
    assert answer["Content-Type"] == "application/json"


def test_another_accounts_entries_never_show(as_admin, api, account):
    other = factories.AccountFactory()
    record(account_id=other.pk, action="create", auditable_type="Team", auditable_id=1)
    assert as_admin.get(f"{api}/audit_logs").json()["total_entries"] == 0
    outsider = factories.AccountUserFactory(account=other, role="administrator").user
    answer = client_for(outsider).get(f"{api}/audit_logs")
    assert answer.status_code == 404 and "error" in answer.json()
    crossing = as_admin.get(f"/api/v1/accounts/{other.pk}/audit_logs")
    assert crossing.status_code == 404 and "error" in crossing.json()
    mine = as_admin.get(f"{api}/audit_logs", {"user_id": outsider.pk}).json()
    assert mine["total_entries"] == 0
    theirs = client_for(outsider).get(f"/api/v1/accounts/{other.pk}/audit_logs")
    assert {e["associated_id"] for e in theirs.json()["audit_logs"]} == {other.pk}


def test_a_contacts_token_reaches_nothing(api, contact_session, fresh_log):
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN=contact_session.pubsub_token)
    answer = client.get(f"{api}/audit_logs")
    assert answer.status_code == 401


def test_filters(as_admin, api, account, administrator, agent):
    old = record(
        account_id=account.pk,
        action="sign_in",
        auditable_type="User",
        auditable_id=agent.pk,
    )
    AuditLog.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=3), user=agent
    )
    as_admin.post(f"{api}/teams", {"name": "tier2"})
    as_admin.post(f"{api}/labels", {"title": "vip"}, format="json")

    def found(**query) -> list[str]:
        answer = as_admin.get(f"{api}/audit_logs", query)
        assert answer.status_code == 200, answer.content
        return [e["auditable_type"] for e in answer.json()["audit_logs"]]

    assert found(action="sign_in") == ["User"]
    assert found(auditable_type="Label") == ["Label"]
    assert found(user_id=administrator.pk) == ["Label", "Team"]
    assert found(user_id=agent.pk) == ["User"]
    yesterday = (timezone.now() - timedelta(days=1)).isoformat()
    assert found(since=yesterday) == ["Label", "Team"]
    assert found(until=yesterday) == ["User"]


@pytest.mark.parametrize(
    "query",
    [
        {"page": "0"},
        {"page": "x"},
        {"action": "<b>"},
        {"auditable_type": "Conversation"},
        {"since": "yesterday"},
        {"user_id": "-1"},
    ],
)
def test_bad_input_is_a_json_400(as_admin, api, query):
    answer = as_admin.get(f"{api}/audit_logs", query)
    assert answer.status_code == 400
    assert "errors" in answer.json() or "error" in answer.json()
