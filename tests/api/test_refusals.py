"""Every refused write on a conversation is told to the one who tried, on
their own stream: ``operation.failed`` with the operation, a reason code and
the message the HTTP answer carries, in their language."""

import pytest

from accounts.models import AccountUser
from accounts.services import set_availability
from conversations import services
from tests import factories
from tests.api.conftest import client_for
from tests.realtime.capture import capture_events

pytestmark = pytest.mark.django_db

__all__ = ["capture_events"]


@pytest.fixture
def colleague(account, inbox):
    """Another agent of the inbox."""
    user = factories.UserFactory(name="Anna Colleague")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


def url(conversation, tail: str) -> str:
    return (
        f"/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/{tail}"
    )


def test_refused_writes_of_several_kinds_are_told(
    capture_events, account, conversation, agent, colleague
):
    """Forbidden (resolving what a colleague handles), an invalid state (a
    transfer to an offline agent) and a domain rule (an agent inventing a
    label): each answer's error comes to the agent's stream alone, named."""
    services.assign_agent(conversation=conversation, assignee=colleague)
    as_colleague = client_for(colleague)
    as_agent = client_for(agent)
    set_availability(
        membership=AccountUser.objects.get(account=account, user=agent),
        availability="offline",
    )
    refusals = [
        (as_agent, url(conversation, "toggle_status"), {"status": "resolved"}),
        (as_colleague, url(conversation, "transfer"), {"assignee_id": agent.pk}),
        (as_colleague, url(conversation, "labels"), {"labels": ["invented"]}),
    ]
    answers = []
    with capture_events() as events:
        for client, path, body in refusals:
            answers.append(client.post(path, body, format="json"))
    assert [answer.status_code for answer in answers] == [403, 409, 400]
    failed = events.named("operation.failed")
    assert [(event.data["operation"], event.data["code"]) for event in failed] == [
        ("resolve", "capability_missing"),
        ("transfer", "receiver_offline"),
        ("update_attributes", "unknown_label"),
    ]
    assert [event.streams for event in failed] == [
        (agent.pubsub_token,),
        (colleague.pubsub_token,),
        (colleague.pubsub_token,),
    ]
    for answer, event in zip(answers, failed, strict=True):
        assert event.data["reason"] == answer.json()["error"]
        assert event.data["conversation_id"] == conversation.display_id
        assert event.data["account_id"] == account.pk


def test_the_reason_is_in_the_agents_language(
    capture_events, conversation, agent, colleague
):
    """The message is in the language the request is answered in."""
    services.assign_agent(conversation=conversation, assignee=colleague)
    with capture_events() as events:
        answer = client_for(agent).post(
            url(conversation, "toggle_status"),
            {"status": "resolved"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="de",
        )
    assert answer.status_code == 403
    assert answer["Content-Language"] == "de"
    failed = events.one("operation.failed")
    assert failed.data["reason"] == answer.json()["error"]


def test_an_assignment_through_patch_is_named_assign(
    capture_events, conversation, agent, colleague
):
    """Chatwoot's PATCH with an assignee is an assignment when refused too."""
    services.assign_agent(conversation=conversation, assignee=colleague)
    with capture_events() as events:
        answer = client_for(agent).patch(
            url(conversation, "").rstrip("/"), {"assignee_id": agent.pk}, format="json"
        )
    assert answer.status_code == 403
    assert events.one("operation.failed").data["operation"] == "assign"


def test_nothing_is_told_for_what_is_no_refusal(
    capture_events, conversation, agent, other_account_conversation, stranger
):
    """Bad input, a conversation of another account, a write that succeeds and
    a read: nobody hears ``operation.failed``."""
    other = other_account_conversation
    with capture_events() as events:
        bad = client_for(agent).post(
            url(conversation, "toggle_status"), {"status": "sleeping"}, format="json"
        )
        hidden = client_for(agent).post(
            f"/api/v1/accounts/{other.account_id}/conversations/"
            f"{other.display_id}/toggle_status",
            {"status": "resolved"},
            format="json",
        )
        foreign = client_for(stranger).post(
            url(conversation, "toggle_status"), {"status": "resolved"}, format="json"
        )
        read = client_for(agent).get(url(conversation, "labels"))
    assert [bad.status_code, hidden.status_code, foreign.status_code] == [
        400,
        404,
        404,
    ]
    assert read.status_code == 200
    assert "operation.failed" not in events.names()
