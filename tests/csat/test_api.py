"""The CSAT responses API: Chatwoot's paths, shapes and filters, the figures
against hand-counted ones, administrators only, another account's ids kept
out."""

import csv
import io
from datetime import timedelta

import pytest

from django.utils import timezone
from rest_framework.test import APIClient

from conversations import answers
from csat import selectors
from csat.models import CsatSurveyResponse
from tests import factories

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN=user.access_token)
    return client


@pytest.fixture
def base(account) -> str:
    return f"/api/v1/accounts/{account.pk}/csat_survey_responses"


def rated(inbox, resolve, rating, *, agent=None, team=None, feedback="", email=""):
    """A conversation of ``inbox`` resolved and rated ``rating`` (None: the
    survey left unanswered)."""
    contact = factories.ContactFactory(account=inbox.account, email=email)
    conversation = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(contact=contact, inbox=inbox),
        assignee=agent,
        team=team,
    )
    resolve(conversation)
    if rating is not None:
        answers.answer_question(
            question=selectors.survey_message_of(conversation=conversation),
            contact=contact,
            submitted_values={
                "csat_survey_response": {
                    "rating": rating,
                    "feedback_message": feedback,
                }
            },
        )
    return conversation


@pytest.fixture
def sample(account, inbox, agent, resolve):
    """Six surveys sent: five answered (5, 5, 4, 2 by ``agent``'s conversations
    or others), one not."""
    team = factories.TeamFactory(account=account)
    other_inbox = factories.InboxFactory(account=account, csat_survey_enabled=True)
    return {
        "a": rated(inbox, resolve, 5, agent=agent, team=team, feedback="Great"),
        "b": rated(inbox, resolve, 5, agent=agent),
        "c": rated(inbox, resolve, 4, team=team),
        "d": rated(other_inbox, resolve, 2, agent=agent, feedback="=1+1"),
        "e": rated(other_inbox, resolve, 1),
        "f": rated(inbox, resolve, None),
        "team": team,
        "other_inbox": other_inbox,
    }


def test_list_in_chatwoots_shape(administrator, base, sample, agent, account):
    """Newest first, Chatwoot's fields: conversation_id is the display id,
    created_at epoch seconds, the contact and the credited agent nested."""
    response = client_for(administrator).get(base)
    assert response.status_code == 200
    rows = response.json()
    assert [row["rating"] for row in rows] == [1, 2, 4, 5, 5]
    first = rows[-1]
    assert set(first) == {
        "id",
        "rating",
        "feedback_message",
        "account_id",
        "message_id",
        "contact",
        "conversation_id",
        "assigned_agent",
        "created_at",
    }
    assert first["conversation_id"] == sample["a"].display_id
    assert first["feedback_message"] == "Great" and first["account_id"] == account.pk
    assert isinstance(first["created_at"], int)
    assert first["assigned_agent"]["id"] == agent.pk
    assert first["contact"]["id"] == sample["a"].contact_id
    assert rows[2]["assigned_agent"] is None


@pytest.mark.parametrize(
    "query, expected",
    [
        ("rating=5", [5, 5]),
        ("rating[]=4&rating[]=5", [4, 5, 5]),
        ("user_ids[]={agent}", [2, 5, 5]),
        ("inbox_id={other_inbox}", [1, 2]),
        ("team_id={team}", [4, 5]),
        ("page=2", []),
    ],
)
def test_filters(administrator, base, sample, agent, query, expected):
    """Chatwoot's filters: rating, user_ids[], inbox_id, team_id, page."""
    query = query.format(
        agent=agent.pk,
        other_inbox=sample["other_inbox"].pk,
        team=sample["team"].pk,
    )
    response = client_for(administrator).get(f"{base}?{query}")
    assert response.status_code == 200, response.json()
    assert [row["rating"] for row in response.json()] == expected


def test_since_until(administrator, base, sample):
    """``since``/``until`` (epoch seconds) bound when a response was recorded."""
    old = CsatSurveyResponse.objects.get(conversation=sample["a"])
    old.created_at = timezone.now() - timedelta(days=10)
    old.save()
    since = int((timezone.now() - timedelta(days=1)).timestamp())
    response = client_for(administrator).get(f"{base}?since={since}")
    assert sorted(row["rating"] for row in response.json()) == [1, 2, 4, 5]
    response = client_for(administrator).get(f"{base}?until={since}")
    assert [row["rating"] for row in response.json()] == [5]


def test_metrics_hand_counted(administrator, base, sample, agent):
    """Six sent, five answered: 5 twice, 4, 2, 1; a rate of 83.33 %. For the
    agent: three answers (5, 5, 2) of the six surveys sent in the range."""
    client = client_for(administrator)
    response = client.get(f"{base}/metrics")
    assert response.json() == {
        "total_count": 5,
        "ratings_count": {"1": 1, "2": 1, "4": 1, "5": 2},
        "total_sent_messages_count": 6,
        "response_rate": 83.33,
    }
    response = client.get(f"{base}/metrics?user_ids[]={agent.pk}")
    assert response.json() == {
        "total_count": 3,
        "ratings_count": {"2": 1, "5": 2},
        "total_sent_messages_count": 6,
        "response_rate": 50.0,
    }


def test_metrics_without_surveys(administrator, base):
    """No survey sent: zero everywhere, no division by zero."""
    response = client_for(administrator).get(f"{base}/metrics")
    assert response.json() == {
        "total_count": 0,
        "ratings_count": {},
        "total_sent_messages_count": 0,
        "response_rate": 0,
    }


def test_download_csv(administrator, base, sample, agent):
    """The CSV: Chatwoot's columns, a BOM, a formula kept text."""
    response = client_for(administrator).get(f"{base}/download?rating=2")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:3] == ["Agent name", "Rating", "Feedback"]
    [row] = rows[1:]
    assert row[0] == f"{agent.name} ({agent.email})"
    assert row[1:3] == ["2", "'=1+1"]
    assert row[6].endswith(f"/conversations/{sample['d'].display_id}")


def test_agents_are_refused(agent, base, sample):
    """Chatwoot's policy: administrators only; an agent gets a JSON 403."""
    client = client_for(agent)
    for path in ("", "/metrics", "/download"):
        response = client.get(base + path)
        assert response.status_code == 403
        assert response["Content-Type"] == "application/json"


def test_another_accounts_ids(administrator, sample, account):
    """Another account's path is a JSON 404; its responses never show, and
    this account's filters naming its inbox find nothing."""
    other = factories.AccountFactory()
    response = client_for(administrator).get(
        f"/api/v1/accounts/{other.pk}/csat_survey_responses"
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    other_admin = factories.UserFactory()
    factories.AccountUserFactory(account=other, user=other_admin, role="administrator")
    client = client_for(other_admin)
    response = client.get(f"/api/v1/accounts/{other.pk}/csat_survey_responses")
    assert response.json() == []
    response = client.get(
        f"/api/v1/accounts/{other.pk}/csat_survey_responses/metrics"
        f"?inbox_id={sample['other_inbox'].pk}"
    )
    assert response.json()["total_count"] == 0
    assert response.json()["total_sent_messages_count"] == 0


@pytest.mark.parametrize(
    "query",
    ["rating=0", "rating=6", "rating=x", "user_ids[]=x", "since=never", "page=0"],
)
def test_bad_filters_are_json_400(administrator, base, query):
    """A bad filter is a JSON 400 naming it, never a 500."""
    response = client_for(administrator).get(f"{base}?{query}")
    assert response.status_code == 400
    assert query.split("=")[0].rstrip("[]") in response.json()["errors"]


def test_inbox_settings(administrator, agent, account):
    """The inbox API carries csat_survey_enabled (Chatwoot's), csat_display_type
    and csat_question; a display type of neither kind is a JSON 400, an agent
    may not change them."""
    inbox = factories.InboxFactory(account=account)
    path = f"/api/v1/accounts/{account.pk}/inboxes/{inbox.pk}"
    client = client_for(administrator)
    assert client.get(path).json()["csat_survey_enabled"] is False
    response = client.patch(
        path,
        {
            "csat_survey_enabled": True,
            "csat_display_type": "star",
            "csat_question": "How did we do?",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    shown = response.json()
    assert shown["csat_survey_enabled"] is True
    assert (shown["csat_display_type"], shown["csat_question"]) == (
        "star",
        "How did we do?",
    )
    response = client.patch(path, {"csat_display_type": "smiley"}, format="json")
    assert response.status_code == 400
    assert "csat_display_type" in response.json()["errors"]
    response = client_for(agent).patch(
        path, {"csat_survey_enabled": False}, format="json"
    )
    assert response.status_code == 403
    inbox.refresh_from_db()
    assert inbox.csat_survey_enabled is True


def test_report_page_for_administrators_only(client, administrator, agent, account):
    """The dashboard's CSAT report opens for administrators; an agent gets
    the dashboard's 403 page, as the responses API refuses them."""
    client.force_login(administrator)
    response = client.get(f"/app/accounts/{account.pk}/reports/csat")
    assert response.status_code == 200
    assert b'"page": "csat_report"' in response.content
    client.force_login(agent)
    response = client.get(f"/app/accounts/{account.pk}/reports/csat")
    assert response.status_code == 403
