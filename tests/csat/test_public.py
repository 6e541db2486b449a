"""The survey link: Chatwoot's public survey API and the survey page, the
conversation's uuid the only key; hostile input answered as JSON 4xx."""

from datetime import timedelta
from uuid import uuid4

import pytest

from django.test import Client

from conversations.models import Message
from csat import selectors
from csat.models import CsatSurveyResponse
from tests import factories
from tests.widget.test_contact_apis import WidgetApi

pytestmark = pytest.mark.django_db


def body(rating, feedback="") -> dict:
    return {
        "message": {
            "submitted_values": {
                "csat_survey_response": {
                    "rating": rating,
                    "feedback_message": feedback,
                }
            }
        }
    }


@pytest.fixture
def surveyed(conversation, resolve):
    resolve(conversation)
    return conversation


def url(conversation) -> str:
    return f"/public/api/v1/csat_survey/{conversation.uuid}"


def put(conversation, data):
    return Client().put(url(conversation), data, content_type="application/json")


def test_read_and_answer(surveyed, inbox):
    """GET shows the survey unanswered; PUT answers it as the widget would
    (the contact's "Rating" line included) and makes the response."""
    response = Client().get(url(surveyed))
    assert response.status_code == 200
    survey = response.json()
    assert survey["csat_survey_response"] is None
    assert survey["display_type"] == "star"
    assert survey["inbox_name"] == inbox.name
    assert survey["conversation_id"] == surveyed.display_id
    response = put(surveyed, body(3, "Fine"))
    assert response.status_code == 200, response.json()
    assert response.json()["csat_survey_response"] == {
        "rating": 3,
        "feedback_message": "Fine",
    }
    assert surveyed.messages.filter(
        message_type=Message.MessageType.INCOMING, content="Rating: 3/5\nFine"
    ).exists()
    assert CsatSurveyResponse.objects.get().rating == 3


def test_second_answer_updates_the_one_row(surveyed):
    """A later answer changes the conversation's response (Chatwoot's 14-day
    window), never a second row."""
    put(surveyed, body(2))
    response = put(surveyed, body(5, "Better on reflection"))
    assert response.status_code == 200
    response = CsatSurveyResponse.objects.get()
    assert (response.rating, response.feedback_message) == (5, "Better on reflection")


def test_change_after_fourteen_days_refused(surveyed):
    """Past 14 days an answered survey cannot change: a JSON 422."""
    put(surveyed, body(2))
    Message.objects.filter(
        pk=selectors.survey_message_of(conversation=surveyed).pk
    ).update(created_at=surveyed.created_at - timedelta(days=15))
    response = put(surveyed, body(5))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json"
    assert CsatSurveyResponse.objects.get().rating == 2


@pytest.mark.parametrize("rating", [0, 6, "x", None, 2.5, True])
def test_bad_ratings_are_json_400(surveyed, rating):
    """Ratings outside 1..5 or not numbers: a JSON 400, nothing recorded."""
    response = put(surveyed, body(rating))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert CsatSurveyResponse.objects.count() == 0


@pytest.mark.parametrize("data", [{}, {"message": "x"}, [], "nonsense"])
def test_bad_bodies_are_json_400(surveyed, data):
    response = put(surveyed, data)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_unknown_or_unsurveyed_conversation_is_404(conversation):
    """An unknown uuid, or a conversation never surveyed: JSON 404."""
    for path in (url(conversation), f"/public/api/v1/csat_survey/{uuid4()}"):
        response = Client().get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert (
            Client().put(path, body(5), content_type="application/json").status_code
            == 404
        )


def test_contact_token_cannot_reach_agent_data(surveyed, contact_session, account):
    """The public survey carries no agent data; a contact's session token
    does not open the responses API."""
    survey = Client().get(url(surveyed)).json()
    assert "assigned_agent" not in survey and "contact" not in survey
    response = Client().get(
        f"/api/v1/accounts/{account.pk}/csat_survey_responses",
        headers={"api_access_token": contact_session.pubsub_token},
    )
    assert response.status_code == 401


def test_page_draws_markup_as_text(surveyed, inbox):
    """The page shows the inbox's question and name as text, never markup,
    and the answer given so far."""
    inbox.name = "<img src=x onerror=alert(1)>"
    inbox.save()
    message = selectors.survey_message_of(conversation=surveyed)
    message.content = "<script>alert(1)</script>"
    message.save()
    put(surveyed, body(4, "</textarea><script>alert(2)</script>"))
    response = Client().get(f"/survey/responses/{surveyed.uuid}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'value="4" checked' in page


def test_page_in_the_readers_language(surveyed):
    """The page speaks the browser's language."""
    response = Client().get(
        f"/survey/responses/{surveyed.uuid}", headers={"accept-language": "fr"}
    )
    assert response["Content-Language"] == "fr"


def test_page_of_unknown_conversation_is_404():
    assert Client().get(f"/survey/responses/{uuid4()}").status_code == 404


def test_one_uuid_opens_only_its_own_survey(surveyed, inbox, resolve):
    """Another conversation's uuid shows and answers only that survey; a
    visitor's widget session cannot answer another conversation's survey."""
    other = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(inbox=inbox)
    )
    resolve(other)
    shown = Client().get(url(other)).json()
    assert shown["conversation_id"] == other.display_id
    assert put(other, body(1)).status_code == 200
    assert Client().get(url(surveyed)).json()["csat_survey_response"] is None
    visitor = WidgetApi(factories.InboxFactory(account=inbox.account))
    response = visitor.call(
        "patch",
        f"messages/{selectors.survey_message_of(conversation=surveyed).pk}",
        {"submitted_values": body(5)["message"]["submitted_values"]},
    )
    assert response.status_code == 404
    assert list(CsatSurveyResponse.objects.values_list("rating", flat=True)) == [1]
    assert Client().get(url(factories.ConversationFactory())).status_code == 404
