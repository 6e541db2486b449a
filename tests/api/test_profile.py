from datetime import timedelta

import pytest

from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AccountUser, Invitation, User
from accounts.services import join_with_invitation
from common.wire import iso
from tests.api.conftest import client_for
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_profile_shows_tokens_and_accounts(as_admin, administrator, account):
    """The profile carries both tokens and each account's role and availability."""
    response = as_admin.get("/api/v1/profile")
    assert response.status_code == 200
    body = response.json()
    assert body["access_token"] == administrator.access_token
    assert body["pubsub_token"] == administrator.pubsub_token
    assert body["accounts"] == [
        {
            "id": account.pk,
            "name": account.name,
            "status": "active",
            "active_at": None,
            "role": "administrator",
            "permissions": ["administrator"],
            "availability": "online",
            "availability_status": "offline",
            "auto_offline": True,
            "custom_role_id": None,
            "custom_role": None,
        }
    ]
    assert body["account_id"] == account.pk
    assert (body["uid"], body["provider"]) == (administrator.email, "email")
    assert (body["inviter_id"], body["availability_status"]) == (None, "offline")


def test_profile_shows_presence_and_who_invited(as_admin, administrator, account):
    """An agent who joined from an invitation names its sender; a dashboard
    socket seen lately shows the chosen availability and ``active_at``, as
    does auto-offline switched off."""
    as_admin.post(
        f"/api/v1/accounts/{account.pk}/agents",
        {"email": "nia@example.com", "availability": "busy"},
        format="json",
    )
    invitation = Invitation.objects.get(user__email="nia@example.com")
    join_with_invitation(invitation=invitation, name="Nia", password=PASSWORD)
    joined = User.objects.get(email="nia@example.com")
    body = client_for(joined).get("/api/v1/profile").json()
    assert body["inviter_id"] == administrator.pk
    assert body["confirmed"] is True
    assert body["accounts"][0]["permissions"] == ["agent"]
    assert body["accounts"][0]["availability_status"] == "offline"
    membership = AccountUser.objects.get(user=joined)
    membership.last_seen_at = timezone.now()
    membership.save(update_fields=["last_seen_at"])
    mine = client_for(joined).get("/api/v1/profile").json()
    assert mine["availability_status"] == "busy"
    assert mine["accounts"][0]["active_at"] == iso(membership.last_seen_at)
    membership.last_seen_at = timezone.now() - timedelta(hours=1)
    membership.auto_offline = False
    membership.save(update_fields=["last_seen_at", "auto_offline"])
    assert (
        client_for(joined)
        .get("/api/v1/profile")
        .json()["accounts"][0]["availability_status"]
        == "busy"
    )


def test_profile_needs_a_valid_token():
    """No token or a wrong one: 401 with the reference's error."""
    assert APIClient().get("/api/v1/profile").status_code == 401
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN="nope")
    response = client.get("/api/v1/profile")
    assert response.status_code == 401
    assert response.json() == {"error": "Invalid Access Token"}


def test_profile_works_with_the_dashboard_session(administrator):
    """The dashboard's Django session authenticates too."""
    client = APIClient()
    client.force_login(administrator)
    assert client.get("/api/v1/profile").json()["id"] == administrator.pk


def test_session_writes_need_the_csrf_token(administrator):
    """A session-authenticated write without the CSRF token is refused."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(administrator)
    response = client.patch("/api/v1/profile", {"name": "X"}, format="json")
    assert response.status_code == 403
    administrator.refresh_from_db()
    assert administrator.name == "Ada Admin"


def test_profile_changes_names(as_admin, administrator):
    """PATCH changes name and display name, flat or wrapped in ``profile``."""
    response = as_admin.patch(
        "/api/v1/profile", {"profile": {"display_name": "Ada"}}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["available_name"] == "Ada"
    as_admin.patch("/api/v1/profile", {"name": "Ada Lovelace"}, format="json")
    administrator.refresh_from_db()
    assert (administrator.name, administrator.display_name) == ("Ada Lovelace", "Ada")


@pytest.mark.parametrize(
    ("sent", "stored"), [("pt_BR", "pt-br"), ("de", "de"), ("AR", "ar")]
)
def test_profile_keeps_the_dashboard_language(as_admin, administrator, sent, stored):
    """``ui_settings.locale`` is stored in Django's spelling; other settings stay."""
    as_admin.patch(
        "/api/v1/profile",
        {"profile": {"ui_settings": {"theme": "dark"}}},
        format="json",
    )
    response = as_admin.patch(
        "/api/v1/profile", {"ui_settings": {"locale": sent}}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["ui_settings"] == {"theme": "dark", "locale": stored}
    administrator.refresh_from_db()
    assert administrator.locale == stored


def test_password_change_rotates_pubsub_token(as_admin, administrator):
    """A new password needs the current one and rotates the pubsub token."""
    old_token = administrator.pubsub_token
    response = as_admin.patch(
        "/api/v1/profile",
        {"password": "a-new-long-password-9", "current_password": PASSWORD},
        format="json",
    )
    assert response.status_code == 200
    administrator.refresh_from_db()
    assert administrator.check_password("a-new-long-password-9") is True
    assert administrator.pubsub_token != old_token
    assert response.json()["pubsub_token"] == administrator.pubsub_token


def test_password_change_ends_the_old_access_token(as_admin, administrator):
    """After a password change the old API access token is refused."""
    old_token = administrator.access_token
    response = as_admin.patch(
        "/api/v1/profile",
        {"password": "a-new-long-password-9", "current_password": PASSWORD},
        format="json",
    )
    new_token = response.json()["access_token"]
    assert new_token != old_token
    assert as_admin.get("/api/v1/profile").status_code == 401
    as_admin.credentials(HTTP_API_ACCESS_TOKEN=new_token)
    assert as_admin.get("/api/v1/profile").status_code == 200


def test_reset_access_token(as_admin, administrator, as_agent):
    """POST profile/reset_access_token answers the profile with a new token;
    the old one is refused from then on; it touches only the caller."""
    old_token = administrator.access_token
    response = as_admin.post("/api/v1/profile/reset_access_token")
    assert response.status_code == 200
    new_token = response.json()["access_token"]
    assert new_token not in ("", old_token)
    assert as_admin.get("/api/v1/profile").status_code == 401
    as_admin.credentials(HTTP_API_ACCESS_TOKEN=new_token)
    assert as_admin.get("/api/v1/profile").json()["id"] == administrator.pk
    assert as_agent.get("/api/v1/profile").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"password": "a-new-long-password-9", "current_password": "wrong"},
        {"password": "a-new-long-password-9"},
        {"password": "short", "current_password": PASSWORD},
        {"name": ""},
        {"name": ["not", "a", "string"]},
        {"ui_settings": {"locale": "xx"}},
        {"ui_settings": {"locale": "<script>"}},
        {"ui_settings": "de"},
        {"ui_settings": {"blob": "x" * 10_001}},
    ],
)
def test_bad_profile_changes_are_refused(as_admin, administrator, body):
    """A wrong current password, a weak password or a bad name changes nothing."""
    token = administrator.pubsub_token
    response = as_admin.patch("/api/v1/profile", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]
    administrator.refresh_from_db()
    assert administrator.pubsub_token == token
    assert administrator.check_password(PASSWORD) is True


def test_availability_is_set_per_account(as_agent, agent, account):
    """POST profile/availability sets the availability of one account."""
    response = as_agent.post(
        "/api/v1/profile/availability",
        {"profile": {"account_id": account.pk, "availability": "busy"}},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["accounts"][0]["availability"] == "busy"
    assert AccountUser.objects.get(user=agent).availability == "busy"


def test_availability_refuses_unknown_values_and_other_accounts(
    as_agent, agent, account, other_account_conversation
):
    """An unknown availability is a 400; another account's id a 404."""
    url = "/api/v1/profile/availability"
    bad = as_agent.post(
        url,
        {"profile": {"account_id": account.pk, "availability": "asleep"}},
        format="json",
    )
    assert bad.status_code == 400
    other = as_agent.post(
        url,
        {
            "profile": {
                "account_id": other_account_conversation.account_id,
                "availability": "busy",
            }
        },
        format="json",
    )
    assert other.status_code == 404
    assert AccountUser.objects.get(user=agent).availability == "online"


def test_malformed_json_is_a_json_400(administrator):
    """A body that is not JSON gets a JSON error, not a 500."""
    response = client_for(administrator).generic(
        "PATCH", "/api/v1/profile", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["error"]


def test_session_writes_pass_with_the_csrf_token(administrator):
    """The dashboard's writes carry the CSRF cookie's token and go through."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(administrator)
    client.get("/admin/login/")
    token = client.cookies["csrftoken"].value
    response = client.patch(
        "/api/v1/profile", {"name": "Ada B"}, format="json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Ada B"


def test_both_header_spellings_reach_the_api(administrator):
    """api_access_token (the reference's) and api-access-token are one header."""
    for header in ("api_access_token", "api-access-token"):
        response = APIClient(headers={header: administrator.access_token}).get(
            "/api/v1/profile"
        )
        assert response.status_code == 200
