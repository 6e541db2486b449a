"""Deeply nested JSON is refused at the parser of every API with a 400."""

import json

import pytest

from django.test import Client

from widget.sessions import issue_session_token

pytestmark = pytest.mark.django_db

BRACKETS = "[" * 50_000 + "]" * 50_000  # 100 KB


def nested_object(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


ATTRIBUTES = '{"custom_attributes": ' + nested_object(3000) + "}"


@pytest.fixture
def widget_url(inbox):
    return (
        f"/api/v1/widget/contact/custom_attributes?website_token={inbox.website_token}"
    )


def post_json(client, url, body, **extra):
    return client.post(url, body, content_type="application/json", **extra)


@pytest.mark.parametrize("body", [BRACKETS, ATTRIBUTES], ids=["brackets", "attributes"])
def test_application_api_refuses_deep_nesting(as_admin, base, contact, body):
    """The Application API answers 400 naming the depth, not a 500."""
    for method, url in (
        ("post", f"{base}/contacts"),
        ("patch", f"{base}/contacts/{contact.pk}"),
    ):
        response = getattr(as_admin, method)(url, body, content_type="application/json")
        assert response.status_code == 400, (url, response.status_code)
        assert "nested" in response.json()["error"]


@pytest.mark.parametrize("body", [BRACKETS, ATTRIBUTES], ids=["brackets", "attributes"])
def test_public_api_refuses_deep_nesting(inbox, contact_session, body):
    """The public client API, without credentials, answers 400."""
    base = f"/public/api/v1/inboxes/{inbox.identifier}/contacts"
    for method, url in (
        ("post", base),
        ("patch", f"{base}/{contact_session.source_id}"),
    ):
        response = getattr(Client(), method)(url, body, content_type="application/json")
        assert response.status_code == 400, (url, response.status_code)
        assert "nested" in response.json()["error"]


@pytest.mark.parametrize("body", [BRACKETS, ATTRIBUTES], ids=["brackets", "attributes"])
def test_widget_api_refuses_deep_nesting(contact_session, widget_url, body):
    """The widget API answers 400."""
    token = issue_session_token(contact_session)
    response = post_json(
        Client(), widget_url, body, headers={"X-Widget-Session": token}
    )
    assert response.status_code == 400
    assert "nested" in response.json()["error"]


def test_ordinary_nesting_is_kept(as_admin, base, contact):
    """Attributes a few levels deep still save."""
    attributes = {"plan": {"tier": {"name": "gold", "seats": [1, [2, 3]]}}}
    response = as_admin.patch(
        f"{base}/contacts/{contact.pk}",
        json.dumps({"custom_attributes": attributes}),
        content_type="application/json",
    )
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.custom_attributes == attributes


def test_multipart_json_string_is_checked_too(as_agent, base, conversation):
    """A JSON string field of a multipart form is held to the same depth."""
    response = as_agent.post(
        f"{base}/conversations/{conversation.display_id}/messages",
        {"content": "hi", "content_attributes": nested_object(3000)},
        format="multipart",
    )
    assert response.status_code == 400
