"""New contacts from the public client API and the widget are rate limited
per client address and per inbox."""

import pytest

from django.test import Client

from contacts.models import Contact
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rates(settings):
    settings.ONECHAT_PUBLIC_CONTACT_RATES = {"address": "3/hour", "inbox": "5/hour"}


def public_contact(inbox, address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(
        f"/public/api/v1/inboxes/{inbox.identifier}/contacts",
        {"name": "Vi"},
        content_type="application/json",
    )


def widget_session(inbox, address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(
        f"/api/v1/widget/session?website_token={inbox.website_token}"
    )


def test_one_address_is_limited_with_retry_after(inbox):
    """Past the per-address rate: 429, a JSON error and Retry-After; nothing
    more is created. Another address still gets through."""
    for _ in range(3):
        assert public_contact(inbox).status_code == 200
    refused = public_contact(inbox)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "Too many new contacts" in refused.json()["error"]
    assert Contact.objects.count() == 3
    assert public_contact(inbox, "10.0.0.2").status_code == 200


def test_the_widget_counts_against_the_same_limits(inbox):
    """Widget sessions for new visitors count with public contacts."""
    assert public_contact(inbox).status_code == 200
    assert widget_session(inbox).status_code == 200
    assert widget_session(inbox).status_code == 200
    assert widget_session(inbox).status_code == 429
    assert public_contact(inbox).status_code == 429


def test_resuming_a_widget_session_is_not_counted(inbox):
    """Only new visitors count: a visitor coming back is served."""
    first = widget_session(inbox).json()["session_token"]
    for _ in range(5):
        resumed = Client(REMOTE_ADDR="10.0.0.1").post(
            f"/api/v1/widget/session?website_token={inbox.website_token}",
            headers={"X-Widget-Session": first},
        )
        assert resumed.status_code == 200


def test_many_addresses_are_limited_per_inbox(inbox):
    """Spread over addresses, an inbox still takes only its rate; another
    inbox is not affected."""
    for n in range(5):
        assert public_contact(inbox, f"10.1.0.{n}").status_code == 200
    assert public_contact(inbox, "10.1.0.9").status_code == 429
    other = factories.InboxFactory()
    assert public_contact(other, "10.1.0.9").status_code == 200
