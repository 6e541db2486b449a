"""Rich messages through both APIs a contact session talks to (public client
API and widget API): what a contact may send, replies, reactions, and answers
to every kind of question, hostile ones included."""

import pytest

from conversations.models import Message
from conversations.services import create_message, request_email
from tests import factories
from tests.conversations.rich_samples import CONTACT_INVALID, QUESTIONS, VALID
from tests.realtime.capture import capture_events
from tests.widget.test_contact_apis import PublicApi, WidgetApi

__all__ = ["capture_events"]

pytestmark = pytest.mark.django_db

NO_SUCH = "content_attributes.in_reply_to: No such message in this conversation."


class PublicAnswers(PublicApi):
    def answer(self, message_id, body):
        return self.client.patch(
            f"{self.messages_url}/{message_id}", body, content_type="application/json"
        )


class WidgetAnswers(WidgetApi):
    def answer(self, message_id, body):
        return self.call("patch", f"messages/{message_id}", body)


@pytest.fixture(params=[PublicAnswers, WidgetAnswers], ids=["public", "widget"])
def contact_api(request, inbox):
    return request.param(inbox)


def ask(conversation, agent, name: str, **extra) -> Message:
    """An agent's question of sample ``name`` in the conversation."""
    body = VALID[name]
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content=body.get("content", ""),
        content_type=body["content_type"],
        content_attributes=body.get("content_attributes"),
        **extra,
    )


### What a contact sends


@pytest.mark.parametrize("name", ["location", "contacts"])
def test_contact_sends_location_and_contacts(contact_api, name):
    """Location and contact cards are a contact's to send, as given."""
    response = contact_api.send(VALID[name])
    assert response.status_code == 200, response.json()
    assert response.json()["content_type"] == name
    assert response.json()["message_type"] == 0
    assert response.json()["content_attributes"] == VALID[name]["content_attributes"]


@pytest.mark.parametrize(
    ("body", "path"),
    [case[1:] for case in CONTACT_INVALID],
    ids=[case[0] for case in CONTACT_INVALID],
)
def test_contact_bad_fields_are_a_400_naming_them(contact_api, body, path):
    """Each bad field of a contact's message is refused with its path."""
    before = contact_api.conversation.messages.count()
    response = contact_api.send(body)
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{path}:"), response.json()
    assert contact_api.conversation.messages.count() == before


@pytest.mark.parametrize("name", [*QUESTIONS, "input_csat"])
def test_contacts_cannot_ask_questions(contact_api, name):
    """Menus, forms, cards, articles and prompts are agents' messages only."""
    response = contact_api.send(VALID[name])
    assert response.status_code == 400
    assert "content_type" in response.json()["errors"]


def test_public_conversation_with_a_question_is_refused(inbox):
    """Starting a conversation with a question as first message: 400 naming it."""
    api = PublicApi(inbox)
    response = api.client.post(
        f"{api.session_url}/conversations",
        {"message": VALID["input_select"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("message.content_type")
    response = api.client.post(
        f"{api.session_url}/conversations",
        {"message": VALID["location"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["messages"][0]["content_type"] == "location"


### Replies


def test_contact_replies_to_an_agent_message(contact_api, agent):
    """A contact quotes what it sees; the quote names the agent."""
    reply = create_message(
        conversation=contact_api.conversation,
        message_type=1,
        sender=agent,
        content="Your order ships today",
    )
    response = contact_api.send(
        {"content": "Great", "content_attributes": {"in_reply_to": reply.pk}}
    )
    assert response.status_code == 200
    quote = response.json()["content_attributes"]["reply_to"]
    assert quote["id"] == reply.pk
    assert quote["sender_name"] == agent.available_name
    assert quote["content"] == "Your order ships today"
    listed = contact_api.history({}).json()
    payload = listed["payload"] if isinstance(listed, dict) else listed
    assert payload[-1]["content_attributes"]["reply_to"]["id"] == reply.pk


def test_contact_cannot_quote_hidden_or_foreign_messages(
    contact_api, agent, inbox, other_account_conversation
):
    """A private note, an agents' activity line, another conversation's or
    another account's message: the same refusal, revealing nothing."""
    conversation = contact_api.conversation
    hidden = [
        create_message(
            conversation=conversation,
            message_type=1,
            sender=agent,
            content="secret",
            private=True,
        ),
        factories.MessageFactory(
            conversation=conversation, message_type=Message.MessageType.ACTIVITY
        ),
        factories.MessageFactory(
            conversation=factories.ConversationFactory(
                contact_inbox=factories.ContactInboxFactory(inbox=inbox)
            )
        ),
        factories.MessageFactory(conversation=other_account_conversation),
    ]
    for message in hidden:
        for body in (
            {"content": "hm", "content_attributes": {"in_reply_to": message.pk}},
            {
                "content": "👍",
                "content_type": "reaction",
                "content_attributes": {"in_reply_to": message.pk},
            },
        ):
            response = contact_api.send(body)
            assert response.status_code == 400
            assert response.json()["error"] == NO_SUCH
        message.refresh_from_db()
        assert "reactions" not in message.content_attributes


### Reactions


def test_contact_reacts_and_takes_it_back(contact_api, agent, capture_events):
    """The agent's reply gets the contact's reaction (message.updated to both
    sides), replaced by a new emoji, removed by an empty one."""
    reply = create_message(
        conversation=contact_api.conversation,
        message_type=1,
        sender=agent,
        content="Done!",
    )
    body = {"content_type": "reaction", "content_attributes": {"in_reply_to": reply.pk}}
    with capture_events() as events:
        response = contact_api.send({**body, "content": "❤️"})
    assert response.status_code == 200, response.json()
    updated = events.one("message.updated")
    contact = contact_api.conversation.contact
    assert updated.data["content_attributes"]["reactions"] == [
        {"emoji": "❤️", "sender_type": "contact", "sender_id": contact.pk}
    ]
    assert agent.pubsub_token in updated.streams
    assert contact_api.conversation.contact_inbox.pubsub_token in updated.streams
    contact_api.send({**body, "content": "😂"})
    reply.refresh_from_db()
    assert [r["emoji"] for r in reply.content_attributes["reactions"]] == ["😂"]
    contact_api.send({**body, "content": ""})
    reply.refresh_from_db()
    assert reply.content_attributes["reactions"] == []


### Answers


def test_menu_answer_marks_the_question_and_adds_the_answer(
    contact_api, agent, capture_events
):
    """Answering a menu: the question is answered (message.updated), the
    contact's answer is a new message replying to it (message.created), both
    reaching the agent."""
    question = ask(contact_api.conversation, agent, "input_select")
    with capture_events() as events:
        response = contact_api.answer(
            question.pk, {"submitted_values": [{"title": "Pro", "value": "pro"}]}
        )
    assert response.status_code == 200, response.json()
    assert response.json()["content_attributes"]["answered"] is True
    values = [{"title": "Pro", "value": "pro"}]
    assert response.json()["content_attributes"]["submitted_values"] == values
    updated = events.one("message.updated")
    assert updated.data["id"] == question.pk
    assert updated.data["content_attributes"]["answered"] is True
    created = events.one("message.created")
    assert created.data["content"] == "Pro"
    assert created.data["message_type"] == 0
    assert created.data["content_attributes"]["in_reply_to"] == question.pk
    assert created.data["content_attributes"]["submitted_values"] == values
    assert created.data["content_attributes"]["response_to"] == "input_select"
    assert agent.pubsub_token in created.streams
    assert agent.pubsub_token in updated.streams


def test_second_answer_is_a_409(contact_api, agent):
    """A question takes one answer; the second is a 409 and changes nothing."""
    question = ask(contact_api.conversation, agent, "quick_reply")
    first = contact_api.answer(
        question.pk, {"submitted_values": [{"title": "Yes", "value": "yes"}]}
    )
    assert first.status_code == 200
    count = contact_api.conversation.messages.count()
    again = contact_api.answer(
        question.pk, {"submitted_values": [{"title": "No", "value": "no"}]}
    )
    assert again.status_code == 409
    assert again.json()["error"]
    question.refresh_from_db()
    assert question.content_attributes["submitted_values"][0]["value"] == "yes"
    assert contact_api.conversation.messages.count() == count


def test_chatwoot_widget_wrapping_is_accepted(contact_api, agent):
    """``{"message": {"submitted_values": ...}}`` as Chatwoot's widget sends it."""
    question = ask(contact_api.conversation, agent, "input_select")
    response = contact_api.answer(
        question.pk,
        {"message": {"submitted_values": [{"title": "Basic", "value": "basic"}]}},
    )
    assert response.status_code == 200
    assert response.json()["content_attributes"]["answered"] is True


@pytest.mark.parametrize(
    "values",
    [
        [{"title": "Pro", "value": "enterprise"}],
        [{"title": "Pro", "value": "pro"}, {"title": "Basic", "value": "basic"}],
        [],
        {"value": "pro"},
        "pro",
    ],
)
def test_menu_answer_must_be_one_offered_item(contact_api, agent, values):
    """Not an offered value, two values, none or not a list: 400."""
    question = ask(contact_api.conversation, agent, "input_select")
    response = contact_api.answer(question.pk, {"submitted_values": values})
    assert response.status_code == 400
    assert response.json()["error"].startswith("submitted_values")
    question.refresh_from_db()
    assert "answered" not in question.content_attributes


def test_menu_answer_takes_the_question_s_title(contact_api, agent):
    """The stored title is the question's, whatever title the contact sent."""
    question = ask(contact_api.conversation, agent, "input_select")
    response = contact_api.answer(
        question.pk,
        {
            "submitted_values": [
                {"title": "<img src=x onerror=alert(1)>", "value": "pro"}
            ]
        },
    )
    assert response.status_code == 200
    answer = contact_api.conversation.messages.last()
    assert answer.content == "Pro"
    assert answer.content_attributes["submitted_values"][0]["title"] == "Pro"


FORM_ANSWER = [
    {"name": "full_name", "value": "<b>Vera</b> <img src=x onerror=alert(1)>"},
    {"name": "email", "value": "vera@example.com"},
    {"name": "age", "value": 41},
    {"name": "phone", "value": "+49 30 123456"},
    {"name": "visit", "value": "2026-12-01"},
    {"name": "news", "value": True},
    {"name": "size", "value": "l"},
]


def test_form_answer_is_checked_and_summarised(contact_api, agent):
    """Each field typed; the answer reads "Label: value" lines, markup as text."""
    question = ask(contact_api.conversation, agent, "form")
    response = contact_api.answer(question.pk, {"submitted_values": FORM_ANSWER})
    assert response.status_code == 200, response.json()
    answer = contact_api.conversation.messages.last()
    assert answer.content.splitlines() == [
        "Name: <b>Vera</b> <img src=x onerror=alert(1)>",
        "Email: vera@example.com",
        "Age: 41",
        "Phone: +49 30 123456",
        "Visit: 2026-12-01",
        "Newsletter: ✓",
        "Size: Large",
    ]
    assert answer.content_attributes["response_to"] == "form"
    payload = contact_api.history({}).json()
    payload = payload["payload"] if isinstance(payload, dict) else payload
    drawn = payload[-1]["processed_message_content"]
    assert "<img" not in drawn and "&lt;img" in drawn


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "password", "value": "hunter2"}, "password"),
        ({"name": "email", "value": "not-an-email"}, "email"),
        ({"name": "age", "value": "forty"}, "age"),
        ({"name": "age", "value": "Infinity"}, "age"),
        ({"name": "age", "value": "NaN"}, "age"),
        ({"name": "phone", "value": "call me"}, "phone"),
        ({"name": "visit", "value": "tomorrow"}, "visit"),
        ({"name": "news", "value": "yes"}, "news"),
        ({"name": "size", "value": "xl"}, "size"),
        ({"name": "full_name", "value": ""}, "full_name"),
        ({"name": "full_name", "value": {"$gt": ""}}, "full_name"),
    ],
)
def test_form_answer_names_the_bad_field(contact_api, agent, change, field):
    """An unasked field, a wrong type, a missing required value: 400 naming
    the field; the question stays unanswered."""
    question = ask(contact_api.conversation, agent, "form")
    entries = [entry for entry in FORM_ANSWER if entry["name"] != change["name"]]
    response = contact_api.answer(question.pk, {"submitted_values": [*entries, change]})
    assert response.status_code == 400
    assert field in response.json()["errors"]["submitted_values"], response.json()
    question.refresh_from_db()
    assert "answered" not in question.content_attributes


def test_csat_answer(contact_api, agent):
    """A rating 1..5 with optional feedback; the answer reads "Rating: 4/5"."""
    question = ask(contact_api.conversation, agent, "input_csat")
    for bad in ({"rating": 6}, {"rating": 0}, {"feedback_message": "x"}, 5):
        response = contact_api.answer(
            question.pk, {"submitted_values": {"csat_survey_response": bad}}
        )
        assert response.status_code == 400
        assert response.json()["error"].startswith("submitted_values")
    response = contact_api.answer(
        question.pk,
        {
            "submitted_values": {
                "csat_survey_response": {"rating": 4, "feedback_message": "Quick!"}
            }
        },
    )
    assert response.status_code == 200, response.json()
    answer = contact_api.conversation.messages.last()
    assert answer.content == "Rating: 4/5\nQuick!"
    assert answer.content_attributes["submitted_values"] == {
        "csat_survey_response": {"rating": 4, "feedback_message": "Quick!"}
    }


def test_card_postback_answer(contact_api, agent):
    """A postback button's payload answers; a link action or unknown payload
    does not."""
    question = ask(contact_api.conversation, agent, "cards")
    for value in ("https://example.com", "SOMETHING_ELSE"):
        response = contact_api.answer(
            question.pk, {"submitted_values": [{"title": "Open", "value": value}]}
        )
        assert response.status_code == 400
    response = contact_api.answer(
        question.pk, {"submitted_values": [{"title": "Buy", "value": "BUY_COFFEE"}]}
    )
    assert response.status_code == 200
    answer = contact_api.conversation.messages.last()
    assert answer.content == "Buy"
    assert answer.content_attributes["response_to"] == "cards"


def test_email_prompt_answers_through_the_same_route(contact_api):
    """An input_email prompt takes its email through PATCH messages/<id> too."""
    prompt = request_email(conversation=contact_api.conversation)
    response = contact_api.answer(prompt.pk, {"submitted_email": "v@example.com"})
    assert response.status_code == 200
    assert response.json()["content_attributes"]["submitted_email"] == "v@example.com"


def test_hostile_answers_are_404(contact_api, agent, inbox, other_account_conversation):
    """A private question, an article, a plain message, a contact's own
    message, another conversation's or account's question: 404 JSON, nothing
    recorded."""
    conversation = contact_api.conversation
    private_question = factories.MessageFactory(
        conversation=conversation,
        message_type=1,
        private=True,
        content_type="input_select",
        content_attributes=VALID["input_select"]["content_attributes"],
    )
    neighbour = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(inbox=inbox)
    )
    targets = [
        private_question,
        ask(conversation, agent, "article"),
        create_message(conversation=conversation, message_type=1, content="hi"),
        factories.MessageFactory(
            conversation=conversation,
            message_type=0,
            content_type="input_select",
            content_attributes=VALID["input_select"]["content_attributes"],
        ),
        ask(neighbour, agent, "input_select"),
        ask(other_account_conversation, None, "input_select"),
    ]
    count = Message.objects.count()
    for target in targets:
        response = contact_api.answer(
            target.pk, {"submitted_values": [{"title": "Pro", "value": "pro"}]}
        )
        assert response.status_code == 404, target
        assert response.json()["error"]
        target.refresh_from_db()
        assert "answered" not in target.content_attributes
    assert Message.objects.count() == count


def test_bad_answer_bodies_are_400(contact_api, agent):
    """No submitted_values, or not JSON-shaped: 400 naming the field."""
    question = ask(contact_api.conversation, agent, "input_select")
    response = contact_api.answer(question.pk, {})
    assert response.status_code == 400
    assert "submitted_values" in response.json()["errors"]


@pytest.mark.parametrize("value", [["l"], {"value": "l"}, [["s"]], {}])
def test_form_select_answer_of_another_type_is_a_400(contact_api, agent, value):
    """A list or an object for a select field is refused naming the field,
    not compared with the options (it cannot be hashed)."""
    question = ask(contact_api.conversation, agent, "form")
    entries = [entry for entry in FORM_ANSWER if entry["name"] != "size"]
    response = contact_api.answer(
        question.pk, {"submitted_values": [*entries, {"name": "size", "value": value}]}
    )
    assert response.status_code == 400, response.content
    assert "size" in response.json()["errors"]["submitted_values"], response.json()
    question.refresh_from_db()
    assert "answered" not in question.content_attributes
