"""API clients of the account's administrator and agent, and the account's
audit log read back."""

import pytest

from rest_framework.test import APIClient

from audit.models import AuditLog


def client_for(user) -> APIClient:
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    client.credentials(HTTP_API_ACCESS_TOKEN=user.access_token)
    return client


@pytest.fixture
def fresh_log(account, administrator, agent, inbox) -> None:
    """The log starts empty after the fixtures' own creations."""
    AuditLog.objects.all().delete()


@pytest.fixture
def as_admin(administrator, fresh_log) -> APIClient:
    return client_for(administrator)


@pytest.fixture
def api(account) -> str:
    return f"/api/v1/accounts/{account.pk}"


def entries(account, **filters) -> list[AuditLog]:
    """The account's entries, oldest first."""
    return list(AuditLog.objects.filter(account=account, **filters).order_by("id"))


def only(account, **filters) -> AuditLog:
    found = entries(account, **filters)
    assert len(found) == 1, [(e.action, e.auditable_type) for e in found]
    return found[0]
