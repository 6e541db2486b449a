"""API errors in the reader's language: Accept-Language for API clients, the
profile language for the dashboard's session."""

import pytest

from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages_url(base, conversation) -> str:
    return f"{base}/conversations/{conversation.display_id}/messages"


def test_a_german_client_gets_german_validation_errors(as_agent, messages_url):
    """Our own messages and DRF's come in German; the field stays named."""
    ours = as_agent.post(
        messages_url, {"content": ""}, format="json", HTTP_ACCEPT_LANGUAGE="de-DE"
    )
    assert ours.status_code == 400
    assert ours.json()["error"] == (
        "content: Eine Nachricht braucht Text oder einen Anhang."
    )
    assert ours.headers["Content-Language"] == "de"
    drf = as_agent.post(
        messages_url,
        {"content": "hi", "private": "maybe"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert drf.status_code == 400
    assert drf.json()["error"] == "private: Muss ein gültiger Wahrheitswert sein."


def test_without_a_language_errors_stay_english(as_agent, messages_url):
    answer = as_agent.post(messages_url, {"content": ""}, format="json")
    assert answer.json()["error"] == (
        "content: A message needs some text or an attachment."
    )


def test_an_unknown_path_answers_in_the_clients_language(as_agent):
    answer = as_agent.get("/api/v1/nowhere", HTTP_ACCEPT_LANGUAGE="fr")
    assert answer.status_code == 404
    assert answer.json() == {"error": "Introuvable."}


def test_the_dashboard_session_follows_the_profile_language(agent, messages_url):
    """Signed in to the dashboard, the agent's chosen language wins over the
    browser's Accept-Language."""
    agent.ui_settings = {"locale": "ar"}
    agent.save()
    session = APIClient(enforce_csrf_checks=False)
    session.force_login(agent)
    answer = session.post(
        messages_url, {"content": ""}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert answer.json()["error"] == "content: تحتاج الرسالة إلى نص أو مرفق."
    assert answer.headers["Content-Language"] == "ar"
