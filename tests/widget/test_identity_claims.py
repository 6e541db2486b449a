"""An identifier claimed without its HMAC never leads to the real person's
details: a verified identification takes the identifier away from the
squatting contact instead of joining it."""

import pytest

from django.test import Client
from rest_framework.test import APIClient

from contacts.models import Contact
from contacts.services import identifier_hash
from tests import factories

pytestmark = pytest.mark.django_db

REAL = {"name": "Real Person", "email": "real@example.com", "phone_number": "+1555"}


@pytest.fixture
def inbox_url(inbox) -> str:
    return f"/public/api/v1/inboxes/{inbox.identifier}/contacts"


def squat(inbox_url) -> str:
    """The attacker's session, claiming identifier "victim" without a hash."""
    response = APIClient().post(inbox_url, {"identifier": "victim"}, format="json")
    assert response.status_code == 200
    return response.json()["source_id"]


def attacker_sees(inbox_url, source_id) -> dict:
    return APIClient().get(f"{inbox_url}/{source_id}").json()


def test_verified_visitor_opening_a_session_does_not_join_the_squatter(
    inbox, inbox_url
):
    """Public API, POST contacts: the real visitor gets a contact of their
    own; the attacker's session reads none of their details."""
    source_id = squat(inbox_url)
    digest = identifier_hash(inbox=inbox, identifier="victim")
    real = APIClient().post(
        inbox_url,
        {"identifier": "victim", "identifier_hash": digest, **REAL},
        format="json",
    )
    assert real.status_code == 200
    seen = attacker_sees(inbox_url, source_id)
    assert seen["id"] != real.json()["id"]
    assert REAL["email"] not in str(seen) and REAL["name"] not in str(seen)
    assert Contact.objects.get(identifier="victim").email == REAL["email"]


def test_verified_visitor_identifying_a_session_does_not_join_the_squatter(
    inbox, inbox_url
):
    """Public API, PATCH contacts/<source_id>: no merge into the squatter."""
    source_id = squat(inbox_url)
    own = APIClient().post(inbox_url, {}, format="json").json()["source_id"]
    digest = identifier_hash(inbox=inbox, identifier="victim")
    response = APIClient().patch(
        f"{inbox_url}/{own}",
        {"identifier": "victim", "identifier_hash": digest, **REAL},
        format="json",
    )
    assert response.status_code == 200
    seen = attacker_sees(inbox_url, source_id)
    assert REAL["email"] not in str(seen) and REAL["name"] not in str(seen)


def test_widget_set_user_does_not_join_the_squatter(inbox, inbox_url):
    """Widget API, setUser with the right hash after a squat through the
    widget: the attacker's widget session still reads only itself."""
    widget = f"/api/v1/widget/contact/identify?website_token={inbox.website_token}"
    session = f"/api/v1/widget/session?website_token={inbox.website_token}"
    attacker = Client().post(widget, {"identifier": "victim"}, "application/json")
    assert attacker.status_code == 200
    token = attacker.json()["session_token"]
    digest = identifier_hash(inbox=inbox, identifier="victim")
    real = Client().post(
        widget,
        {"identifier": "victim", "identifier_hash": digest, **REAL},
        "application/json",
    )
    assert real.status_code == 200
    seen = Client().get(session, headers={"X-Widget-Session": token}).json()
    assert REAL["email"] not in str(seen) and REAL["name"] not in str(seen)


def test_an_agents_contact_is_still_joined_by_a_verified_visitor(
    inbox, inbox_url, account
):
    """Identifiers the account itself set stay joinable with the hash, and
    never without it."""
    known = factories.ContactFactory(account=account, identifier="crm-7")
    refused = APIClient().post(inbox_url, {"identifier": "crm-7"}, format="json")
    assert refused.status_code == 409
    digest = identifier_hash(inbox=inbox, identifier="crm-7")
    joined = APIClient().post(
        inbox_url, {"identifier": "crm-7", "identifier_hash": digest}, format="json"
    )
    assert joined.json()["id"] == known.pk
