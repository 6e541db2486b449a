"""API-wide error answers: always JSON with an ``error`` message, never a 500."""

import ast
import json
from pathlib import Path

import pytest

from django.test import Client, RequestFactory

from api.exceptions import exception_handler
from api.views import csrf_failure
from collaboration.capabilities import CapabilityMissing
from common.errors import DomainError
from contacts.services import ContactConflictError, IdentityVerificationError
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_unknown_api_url_is_a_json_404(administrator, base):
    """A path no route matches still answers JSON under /api/ and /public/api/."""
    client = client_for(administrator)
    for url in (f"{base}/nothing-here", "/public/api/v1/nothing"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"error": "Not found."}


def test_unknown_page_outside_the_api_is_html(db):
    """Outside the APIs a 404 stays Django's page."""
    response = Client().get("/definitely-not-a-page")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_wrong_method_is_a_json_405(as_admin, base, conversation):
    """A method a route does not take: 405 JSON."""
    response = as_admin.put(f"{base}/conversations/{conversation.display_id}", {})
    assert response.status_code == 405
    assert "not allowed" in response.json()["error"]


def test_unsupported_media_type_is_a_json_415(as_admin, base, conversation):
    """A body in an unsupported format: 415 JSON."""
    response = as_admin.generic(
        "POST",
        f"{base}/conversations/{conversation.display_id}/messages",
        "<xml/>",
        content_type="application/xml",
    )
    assert response.status_code == 415
    assert response.json()["error"]


@pytest.mark.parametrize("body", ["{", "[1, 2", '{"content": }'])
def test_malformed_json_changes_nothing(as_admin, base, conversation, body):
    """Malformed JSON: 400 with a parse error, no message created."""
    response = as_admin.generic(
        "POST",
        f"{base}/conversations/{conversation.display_id}/messages",
        body,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["error"]
    assert not conversation.messages.exists()


def test_json_array_body_is_refused(as_admin, base, conversation):
    """A JSON body that is not an object is a 400, not a crash."""
    response = as_admin.post(
        f"{base}/conversations/{conversation.display_id}/messages",
        ["content"],
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]


def test_account_id_too_large_for_the_database(as_admin):
    """A huge account id is a 404, not a database overflow."""
    response = as_admin.get("/api/v1/accounts/99999999999999999999999/conversations")
    assert response.status_code == 404


@pytest.mark.parametrize("body_format", ["multipart", "json"])
@pytest.mark.parametrize("debug", [False, True])
def test_oversize_body_is_a_json_400(
    as_admin, base, conversation, settings, body_format, debug
):
    """A body over MAX_REQUEST_BYTES is refused with JSON, also under make run
    (DEBUG on), where Django would answer with its HTML error page."""
    settings.DEBUG = debug
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_admin.post(
        f"{base}/conversations/{conversation.display_id}/messages",
        {"content": "x" * 5000},
        format=body_format,
    )
    assert response.status_code == 400
    assert "exceeded" in response.json()["error"]
    assert not conversation.messages.exists()


def test_unknown_api_url_is_json_with_debug_on(administrator, base, settings):
    """With DEBUG on (make run) an unknown API path is still a JSON 404."""
    settings.DEBUG = True
    response = client_for(administrator).post(f"{base}/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"error": "Not found."}


@pytest.mark.parametrize(
    ("refusal", "status_code"),
    [
        (ContactConflictError("This email belongs to another contact."), 409),
        (IdentityVerificationError("HMAC failed: Identifier Hash is required"), 401),
    ],
)
def test_contact_service_refusals_are_answered_alike_by_every_api(refusal, status_code):
    """The contact services' refusals become the same JSON answer whichever API
    (Application, public client, widget) called them."""
    response = exception_handler(refusal, {})
    assert response.status_code == status_code
    assert response.data == {"error": str(refusal)}


def test_a_new_domain_error_is_answered_with_the_status_it_carries():
    """A refusal declared by an app is answered from its base alone: its
    status and message, its extra fields, or a 400 on its field."""

    class Teapot(DomainError):
        status = 418

        @property
        def extra(self) -> dict[str, str]:
            return {"pot": "tea"}

    response = exception_handler(Teapot("Short and stout."), {})
    assert response.status_code == 418
    assert response.data == {"error": "Short and stout.", "pot": "tea"}
    response = exception_handler(DomainError("Too many.", field="custom_filter"), {})
    assert response.status_code == 400
    assert response.data == {
        "error": "custom_filter: Too many.",
        "errors": {"custom_filter": "Too many."},
    }
    response = exception_handler(CapabilityMissing("send_message"), {})
    assert response.status_code == 403
    assert response.data == {
        "error": "You may not do this in this conversation now (send_message).",
        "capability": "send_message",
    }


def test_the_api_plumbing_names_no_app_error():
    """``api/exceptions.py`` translates the base only: adding a refusal to an
    app never means editing it."""
    tree = ast.parse((Path(__file__).parents[2] / "api" / "exceptions.py").read_text())
    imported = {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= {"typing", "django", "rest_framework", "common"}


def test_unknown_api_url_post_is_a_json_404_without_csrf_token(db):
    """A POST to an unknown API path, with CSRF checks on, is a 404, not
    Django's HTML CSRF page."""
    client = Client(enforce_csrf_checks=True)
    for url in ("/api/v1/accounts/1/nothing", "/public/api/v1/nothing"):
        response = client.post(url, {"a": 1})
        assert response.status_code == 404
        assert response.json() == {"error": "Not found."}


def test_csrf_failure_is_json_under_the_apis_and_a_page_elsewhere(db):
    """Django's CSRF failure view answers JSON under the API paths."""
    factory = RequestFactory()
    response = csrf_failure(factory.post("/api/v1/profile"), reason="no token")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "CSRF" in json.loads(response.content)["error"]
    page = csrf_failure(factory.post("/app/login"), reason="no token")
    assert page.status_code == 403
    assert page["Content-Type"].startswith("text/html")


def test_session_post_without_csrf_token_is_a_json_403(administrator, account):
    """A dashboard session's API POST without the CSRF token: JSON 403."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    response = client.post(
        f"/api/v1/accounts/{account.pk}/teams",
        {"name": "support"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]


def test_trailing_slash_reaches_the_same_route(as_admin, base, inbox):
    """``GET inboxes/{id}/`` answers as ``GET inboxes/{id}``, as Chatwoot does;
    an unknown path with a slash is still a JSON 404."""
    response = as_admin.get(f"{base}/inboxes/{inbox.pk}/")
    assert response.status_code == 200
    assert response.json()["id"] == inbox.pk
    assert as_admin.get(f"{base}/nothing/").json() == {"error": "Not found."}
