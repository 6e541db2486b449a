"""PATCH accounts/<id> (administrators) and the profile's preferences."""

import pytest

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

MARKUP = "<b onmouseover=alert(1)>hi</b>"


def test_administrator_changes_the_account(as_admin, as_agent, account):
    """Name, domain, support email and the company's facts; members read them."""
    url = f"/api/v1/accounts/{account.pk}"
    response = as_admin.patch(
        url,
        {
            "name": MARKUP,
            "domain": "acme.test",
            "support_email": "help@acme.test",
            "industry": "Technology",
            "timezone": "Europe/Lisbon",
            "locale": "en",
        },
        format="json",
    )
    assert response.status_code == 200
    body = as_agent.get(url).json()
    assert body["name"] == MARKUP
    assert body["domain"] == "acme.test"
    assert body["support_email"] == "help@acme.test"
    assert body["custom_attributes"] == {
        "industry": "Technology",
        "timezone": "Europe/Lisbon",
    }
    as_admin.patch(url, {"company_size": "50-100"}, format="json")
    assert as_agent.get(url).json()["custom_attributes"]["industry"] == "Technology"


@pytest.mark.parametrize(
    ("given", "stored", "shown"),
    [("de", "de", "de"), ("pt_BR", "pt-br", "pt_BR"), ("pt-BR", "pt-br", "pt_BR")],
)
def test_administrator_sets_the_account_language(
    as_admin, as_agent, account, given, stored, shown
):
    """The language of the lines OneChat writes: one of settings.LANGUAGES in
    any spelling, stored as Django's code and shown as Chatwoot spells it."""
    url = f"/api/v1/accounts/{account.pk}"
    assert as_agent.get(url).json()["locale"] == "en"
    response = as_admin.patch(url, {"account": {"locale": given}}, format="json")
    assert response.status_code == 200
    assert response.json()["locale"] == shown
    account.refresh_from_db()
    assert account.locale == stored
    assert as_agent.patch(url, {"locale": "fr"}, format="json").status_code == 403
    account.refresh_from_db()
    assert account.locale == stored


def test_agents_and_strangers_cannot_change_the_account(as_agent, as_stranger, account):
    """An agent gets a JSON 403, another account's administrator a JSON 404."""
    url = f"/api/v1/accounts/{account.pk}"
    refused = as_agent.patch(url, {"name": "Mine"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]
    hidden = as_stranger.patch(url, {"name": "Mine"}, format="json")
    assert hidden.status_code == 404
    assert hidden.json()["error"]
    account.refresh_from_db()
    assert account.name != "Mine"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"auto_resolve_after": 1440}, "auto_resolve_after"),
        ({"locale": "xx"}, "locale"),
        ({"locale": "<img src=x onerror=alert(1)>"}, "locale"),
        ({"locale": ["de"]}, "locale"),
        ({"domain": "<x>.test"}, "domain"),
        ({"support_email": "nope"}, "support_email"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_account_input_is_checked(as_admin, account, body, named):
    """Settings OneChat does not act on and malformed values: a 400 naming them."""
    response = as_admin.patch(f"/api/v1/accounts/{account.pk}", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"].startswith(named)


def test_auto_resolve_set_to_nothing_is_accepted(as_admin, account):
    """Chatwoot's clients send the auto-resolve fields as null when unset."""
    response = as_admin.patch(
        f"/api/v1/accounts/{account.pk}",
        {"name": "Acme", "auto_resolve_after": None, "auto_resolve_message": None},
        format="json",
    )
    assert response.status_code == 200


def test_profile_put_keeps_signature_and_ui_settings(agent):
    """PUT /api/v1/profile (Chatwoot's verb) takes message_signature and
    ui_settings, bare or under ``profile``; markup stays plain text."""
    client = client_for(agent)
    response = client.put(
        "/api/v1/profile",
        {"profile": {"message_signature": MARKUP, "ui_settings": {"theme": "dark"}}},
        format="json",
    )
    assert response.status_code == 200
    body = client.get("/api/v1/profile").json()
    assert body["message_signature"] == MARKUP
    assert body["ui_settings"]["theme"] == "dark"
    long = client.put("/api/v1/profile", {"message_signature": "x" * 5001})
    assert long.status_code == 400
    assert long.json()["error"].startswith("message_signature")
