"""Clients of the Application API and the public client API."""

import pytest

from rest_framework.test import APIClient

from accounts.models import AccountUser
from tests import factories


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the API tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def client_for(user) -> APIClient:
    """An API client sending ``user``'s ``api_access_token`` header."""
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN=user.access_token)
    return client


@pytest.fixture
def as_admin(administrator):
    return client_for(administrator)


@pytest.fixture
def as_agent(agent):
    return client_for(agent)


@pytest.fixture
def outsider(account):
    """An agent of the account who works none of its inboxes."""
    user = factories.UserFactory(name="Olga Outsider")
    factories.AccountUserFactory(account=account, user=user)
    return user


@pytest.fixture
def as_outsider(outsider):
    return client_for(outsider)


@pytest.fixture
def stranger():
    """An administrator of another account."""
    user = factories.UserFactory(name="Sam Stranger")
    factories.AccountUserFactory(user=user, role=AccountUser.Role.ADMINISTRATOR)
    return user


@pytest.fixture
def as_stranger(stranger):
    return client_for(stranger)


@pytest.fixture
def base(account) -> str:
    """The Application API base of the account."""
    return f"/api/v1/accounts/{account.pk}"
