"""Random JSON at every endpoint that takes a contact's answer or a new
message: each answers 2xx or 4xx with a JSON body, never a 5xx."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Inbox
from conversations.models import Message
from conversations.services import create_message
from tests import factories
from tests.api.conftest import client_for
from tests.conversations.rich_samples import VALID
from tests.widget.test_rich_messages import PublicAnswers, WidgetAnswers

pytestmark = pytest.mark.django_db

# Lone surrogates included: JSON escapes them ("\ud800") and decoders accept them.
TEXT = st.text(st.characters(codec=None), max_size=12)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.just(10**400)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
    | st.sampled_from(["pro", "l", "s", "BUY_COFFEE", "2026-12-01", "a@b.co", "4"])
)
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            TEXT | st.sampled_from(["value", "title"]), children, max_size=4
        )
    ),
    max_leaves=10,
)
FIELD_NAMES = st.sampled_from(
    ["full_name", "email", "age", "phone", "notes", "visit", "news", "size", "x"]
)
# Shaped like each kind of answer, with random values where the rules look.
ANSWERS = st.one_of(
    VALUES,
    st.lists(st.fixed_dictionaries({"title": VALUES, "value": VALUES}), max_size=2),
    # Every field of the form at once, so each example reaches each field's rule.
    st.dictionaries(FIELD_NAMES, VALUES, min_size=7).map(
        lambda given: [{"name": name, "value": value} for name, value in given.items()]
    ),
    st.fixed_dictionaries(
        {},
        optional={
            "csat_survey_response": st.fixed_dictionaries(
                {}, optional={"rating": VALUES, "feedback_message": VALUES}
            )
            | VALUES
        },
    ),
)
QUESTION_KINDS = st.sampled_from(
    ["input_select", "quick_reply", "form", "input_csat", "cards"]
)
CONTENT_TYPES = (
    st.sampled_from([choice for choice, _ in Message.ContentType.choices]) | VALUES
)
MESSAGES = st.fixed_dictionaries(
    {},
    optional={
        "content": VALUES,
        "content_type": CONTENT_TYPES,
        "content_attributes": VALUES
        | st.fixed_dictionaries(
            {},
            optional={
                "in_reply_to": VALUES,
                "items": VALUES,
                "latitude": VALUES,
                "longitude": VALUES,
                "contacts": VALUES,
            },
        ),
        "message_type": st.sampled_from(["incoming", "outgoing", 0, 1, 3]) | VALUES,
        "private": VALUES,
        "echo_id": VALUES,
    },
)
BOUNDED = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def assert_answered_sanely(response) -> None:
    assert response.status_code < 500, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    json.loads(response.content)


@pytest.fixture(params=[PublicAnswers, WidgetAnswers], ids=["public", "widget"])
def contact_api(request, inbox):
    return request.param(inbox)


@BOUNDED
@given(kind=QUESTION_KINDS, values=ANSWERS, wrapped=st.booleans())
def test_random_answers_are_never_a_5xx(contact_api, agent, kind, values, wrapped):
    """Any JSON for ``submitted_values`` of any question: 200, 400 or 409."""
    body = VALID[kind]
    question = create_message(
        conversation=contact_api.conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content=body.get("content", ""),
        content_type=body["content_type"],
        content_attributes=body.get("content_attributes"),
    )
    answer = {"submitted_values": values}
    response = contact_api.answer(
        question.pk, {"message": answer} if wrapped else answer
    )
    assert_answered_sanely(response)


@BOUNDED
@given(body=VALUES)
def test_random_answer_bodies_are_never_a_5xx(contact_api, agent, body):
    """Any JSON document as the whole body of an answer."""
    question = create_message(
        conversation=contact_api.conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content=VALID["form"]["content"],
        content_type="form",
        content_attributes=VALID["form"]["content_attributes"],
    )
    assert_answered_sanely(contact_api.answer(question.pk, body))


@BOUNDED
@given(body=MESSAGES)
def test_random_contact_messages_are_never_a_5xx(contact_api, body):
    """Any message a contact's APIs are sent: 200 or 400."""
    assert_answered_sanely(contact_api.send(body))


@pytest.fixture(params=[Inbox.ChannelType.WEBSITE, Inbox.ChannelType.API])
def agent_messages_url(request, account, administrator, contact):
    inbox = factories.InboxFactory(account=account, channel_type=request.param)
    session = factories.ContactInboxFactory(contact=contact, inbox=inbox)
    conversation = factories.ConversationFactory(contact_inbox=session)
    base = f"/api/v1/accounts/{account.pk}"
    return f"{base}/conversations/{conversation.display_id}/messages"


@BOUNDED
@given(body=MESSAGES)
def test_random_agent_messages_are_never_a_5xx(administrator, agent_messages_url, body):
    """Any message the Application API is sent, in a website or an API inbox."""
    # Encoded here, ASCII only: the client's own renderer cannot write a lone
    # surrogate, which a JSON escape carries.
    response = client_for(administrator).post(
        agent_messages_url, json.dumps(body), content_type="application/json"
    )
    assert_answered_sanely(response)


def test_a_lone_surrogate_is_a_400(administrator, agent_messages_url, contact_api):
    """``"\\ud800"`` is valid JSON but no text: refused where it enters, by
    every API alike, even where no text field checks it (attributes of a free
    content type), instead of failing in the database or the response."""
    body = (
        '{"content": "hi", "content_type": "integrations",'
        ' "content_attributes": {"note": "\\ud800"}}'
    )
    response = client_for(administrator).post(
        agent_messages_url, body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "surrogate" in response.json()["error"]
    response = contact_api.send({"content": "hi", "echo_id": "\ud800"})
    assert response.status_code == 400
    assert "surrogate" in response.json()["error"].lower()
