"""API clients of the account's administrator and agent, and stored files
kept in a temporary folder."""

import pytest

from rest_framework.test import APIClient

from tests.realtime.capture import capture_events

__all__ = ["capture_events"]


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN=user.access_token)
    return client


@pytest.fixture
def as_admin(administrator):
    return client_for(administrator)


@pytest.fixture
def as_agent(agent):
    return client_for(agent)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
