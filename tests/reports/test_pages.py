"""The dashboard's report pages: administrators only, known sections only."""

import pytest

from accounts.models import AccountUser
from tests import factories

pytestmark = pytest.mark.django_db


def signed_in(client, account, role):
    user = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=user, role=role)
    client.force_login(user)
    return client


def test_administrators_see_each_section_and_the_nav_link(client, account):
    signed_in(client, account, AccountUser.Role.ADMINISTRATOR)
    for section in (
        "overview",
        "conversations",
        "agents",
        "inboxes",
        "teams",
        "labels",
    ):
        page = client.get(f"/app/accounts/{account.pk}/reports/{section}")
        assert page.status_code == 200
        assert (
            f'href="/app/accounts/{account.pk}/reports/overview"'
            in page.content.decode()
        )
    assert client.get(f"/app/accounts/{account.pk}/reports").status_code == 200
    assert client.get(f"/app/accounts/{account.pk}/reports/planets").status_code == 404


def test_agents_get_a_403_page_and_no_link(client, account):
    signed_in(client, account, AccountUser.Role.AGENT)
    page = client.get(f"/app/accounts/{account.pk}/reports/overview")
    assert page.status_code == 403
    home = client.get(f"/app/accounts/{account.pk}/conversations").content.decode()
    assert "/reports/overview" not in home


def test_another_accounts_reports_are_404(client, account):
    signed_in(client, account, AccountUser.Role.ADMINISTRATOR)
    other = factories.AccountFactory()
    assert client.get(f"/app/accounts/{other.pk}/reports/overview").status_code == 404
