"""The Enghouse rich-message fields OneChat takes: menu options with ids and
URL params, forms with patterns, custom errors, hidden and read-only fields and
a title, contact cards with structured names and typed phones."""

import copy

import pytest

from conversations.content import opened_url
from conversations.models import Message
from conversations.services import create_message
from tests.api.conftest import client_for
from tests.widget.test_rich_messages import PublicAnswers, WidgetAnswers

pytestmark = pytest.mark.django_db

MENU = {
    "content": "Choose an option:",
    "content_type": "input_select",
    "content_attributes": {
        "items": [
            {"id": "0", "title": "Book a flight", "value": "book a flight"},
            {
                "id": "1",
                "title": "Open the site",
                "value": "site",
                "url": "https://example.com/go",
                "params": [{"name": "ref", "value": "chat & more"}],
            },
        ]
    },
}
FORM = {
    "content": "Call-back",
    "content_type": "form",
    "content_attributes": {
        "title": "Call me back",
        "items": [
            {
                "name": "code",
                "label": "Customer code",
                "type": "text",
                "required": True,
                "pattern": "^C-[0-9]{4}$",
                "error_text": "Like C-1234",
            },
            {
                "name": "source",
                "label": "Source",
                "type": "text",
                "hidden": True,
                "value": "campaign-7",
            },
            {
                "name": "plan",
                "label": "Plan",
                "type": "text",
                "read_only": True,
                "value": "Gold",
            },
        ],
    },
}
CONTACTS = {
    "content_type": "contacts",
    "content_attributes": {
        "contacts": [
            {
                "name": {
                    "first_name": "Giulia",
                    "last_name": "<b>Cavazzana</b>",
                    "formatted_name": "Giulia Cavazzana",
                },
                "phones": [
                    {"phone": "+39 039 606 6024", "type": "Home"},
                    {
                        "phone": "+39 347 192 6356",
                        "wa_id": "393471926356",
                        "type": "Mobile",
                    },
                    "+39 02 123",
                ],
            }
        ]
    },
}


def _changed(body: dict, path: list, value) -> dict:
    """``body`` with the value at ``path`` (keys and indexes) replaced."""

    changed = copy.deepcopy(body)
    place = changed
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value
    return changed


@pytest.fixture
def messages_url(account, conversation) -> str:
    conversations = f"/api/v1/accounts/{account.pk}/conversations"
    return f"{conversations}/{conversation.display_id}/messages"


@pytest.mark.parametrize(
    "body", [MENU, FORM, CONTACTS], ids=["menu", "form", "contacts"]
)
def test_new_fields_are_stored_and_served_as_given(agent, messages_url, body):
    """Each body answers 200 with its attributes as sent (markup kept as text)."""
    response = client_for(agent).post(messages_url, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["content_attributes"] == body["content_attributes"]


BAD = [
    (
        "menu-javascript-url",
        MENU,
        ["content_attributes", "items", 1, "url"],
        "javascript:alert(1)",
        "content_attributes.items.1.url",
    ),
    (
        "menu-params-without-url",
        MENU,
        ["content_attributes", "items", 0, "params"],
        [{"name": "a", "value": "b"}],
        "content_attributes.items.0.params",
    ),
    (
        "menu-bad-param-name",
        MENU,
        ["content_attributes", "items", 1, "params"],
        [{"name": "<x>", "value": "b"}],
        "content_attributes.items.1.params.0.name",
    ),
    (
        "menu-eleven-params",
        MENU,
        ["content_attributes", "items", 1, "params"],
        [{"name": "a", "value": "b"}] * 11,
        "content_attributes.items.1.params",
    ),
    (
        "menu-url-too-long",
        MENU,
        ["content_attributes", "items", 1, "params"],
        [{"name": "a", "value": "x" * 200}] * 10,
        "content_attributes.items.1.params",
    ),
    (
        "menu-bad-id",
        MENU,
        ["content_attributes", "items", 0, "id"],
        "a b",
        "content_attributes.items.0.id",
    ),
    (
        "menu-duplicate-id",
        MENU,
        ["content_attributes", "items", 1, "id"],
        "0",
        "content_attributes.items.1.id",
    ),
    (
        "form-bad-pattern",
        FORM,
        ["content_attributes", "items", 0, "pattern"],
        "([a-z",
        "content_attributes.items.0.pattern",
    ),
    (
        "form-long-pattern",
        FORM,
        ["content_attributes", "items", 0, "pattern"],
        "a" * 201,
        "content_attributes.items.0.pattern",
    ),
    (
        "form-hidden-without-value",
        FORM,
        ["content_attributes", "items", 1, "value"],
        "",
        "content_attributes.items.1.value",
    ),
    (
        "form-long-title",
        FORM,
        ["content_attributes", "title"],
        "t" * 201,
        "content_attributes.title",
    ),
    (
        "form-long-error",
        FORM,
        ["content_attributes", "items", 0, "error_text"],
        "e" * 201,
        "content_attributes.items.0.error_text",
    ),
    (
        "form-value-on-a-plain-field",
        FORM,
        ["content_attributes", "items", 0, "value"],
        "preset",
        "content_attributes.items.0.value",
    ),
    (
        "form-hidden-checkbox",
        FORM,
        ["content_attributes", "items", 1, "type"],
        "checkbox",
        "content_attributes.items.1.type",
    ),
    (
        "contacts-nameless",
        CONTACTS,
        ["content_attributes", "contacts", 0, "name"],
        {"last_name": "X"},
        "content_attributes.contacts.0.name.formatted_name",
    ),
    (
        "contacts-name-unknown-key",
        CONTACTS,
        ["content_attributes", "contacts", 0, "name"],
        {"first_name": "A", "nick": "B"},
        "content_attributes.contacts.0.name.nick",
    ),
    (
        "contacts-bad-wa-id",
        CONTACTS,
        ["content_attributes", "contacts", 0, "phones", 0, "wa_id"],
        "<script>",
        "content_attributes.contacts.0.phones.0.wa_id",
    ),
    (
        "contacts-long-phone",
        CONTACTS,
        ["content_attributes", "contacts", 0, "phones", 0, "phone"],
        "1" * 41,
        "content_attributes.contacts.0.phones.0.phone",
    ),
]


@pytest.mark.parametrize(
    ("base", "path", "value", "named"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_bad_new_fields_are_a_400_naming_them(
    agent, messages_url, conversation, base, path, value, named
):
    """Each bad field is a 400 JSON naming its path; nothing is stored."""
    response = client_for(agent).post(
        messages_url, _changed(base, path, value), format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{named}"), response.json()
    assert not conversation.messages.exists()


def test_opened_url_adds_the_params_encoded():
    """The params join the URL's query, encoded: no markup or new keys slip in."""
    item = MENU["content_attributes"]["items"][1]
    assert opened_url(item) == "https://example.com/go?ref=chat+%26+more"
    with_query = {**item, "url": "https://example.com/go?a=1#top"}
    assert opened_url(with_query) == "https://example.com/go?a=1&ref=chat+%26+more#top"


@pytest.fixture(params=[PublicAnswers, WidgetAnswers], ids=["public", "widget"])
def contact_api(request, inbox):
    return request.param(inbox)


def _ask(conversation, agent, body) -> Message:
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content=body.get("content", ""),
        content_type=body["content_type"],
        content_attributes=body["content_attributes"],
    )


def test_menu_answer_carries_the_option_id(contact_api, agent):
    """The chosen option's id goes back with the answer."""
    question = _ask(contact_api.conversation, agent, MENU)
    response = contact_api.answer(
        question.pk, {"submitted_values": [{"value": "book a flight"}]}
    )
    assert response.status_code == 200, response.json()
    values = response.json()["content_attributes"]["submitted_values"]
    assert values == [{"title": "Book a flight", "value": "book a flight", "id": "0"}]


def test_form_pattern_refusal_is_the_custom_error_text(contact_api, agent):
    """A value off the pattern is a 400 with the form's own error text."""
    question = _ask(contact_api.conversation, agent, FORM)
    response = contact_api.answer(
        question.pk, {"submitted_values": [{"name": "code", "value": "<b>C-12</b>"}]}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["submitted_values"]["code"] == ["Like C-1234"]


def test_form_hidden_and_read_only_fields_keep_their_values(contact_api, agent):
    """Hidden and read-only fields answer with the form's values; a visitor's
    change to them is refused."""
    question = _ask(contact_api.conversation, agent, FORM)
    changed = contact_api.answer(
        question.pk,
        {
            "submitted_values": [
                {"name": "code", "value": "C-1234"},
                {"name": "plan", "value": "Free"},
            ]
        },
    )
    assert changed.status_code == 400
    assert "plan" in changed.json()["errors"]["submitted_values"]
    response = contact_api.answer(
        question.pk, {"submitted_values": [{"name": "code", "value": "C-1234"}]}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["content_attributes"]["submitted_values"] == [
        {"name": "code", "value": "C-1234"},
        {"name": "source", "value": "campaign-7"},
        {"name": "plan", "value": "Gold"},
    ]


def test_slow_pattern_is_refused_not_hung(contact_api, agent):
    """A catastrophic pattern stops at the time limit: a 400, never a hang."""
    body = _changed(FORM, ["content_attributes", "items", 0, "pattern"], "^(a+)+$")
    question = _ask(contact_api.conversation, agent, body)
    response = contact_api.answer(
        question.pk, {"submitted_values": [{"name": "code", "value": "a" * 40 + "!"}]}
    )
    assert response.status_code == 400


def test_contact_sends_a_structured_contact_card(contact_api):
    """A contact's card with a structured name and typed phones is taken as given."""
    response = contact_api.send(CONTACTS)
    assert response.status_code == 200, response.json()
    assert response.json()["content_attributes"] == CONTACTS["content_attributes"]


def test_another_accounts_menu_and_form_are_404(
    contact_api, other_account_conversation
):
    """Another account's menu (by its option id) or form: 404 JSON, nothing
    recorded, the hidden value never told."""
    menu = _ask(other_account_conversation, None, MENU)
    form = _ask(other_account_conversation, None, FORM)
    count = Message.objects.count()
    for target, values in (
        (menu, [{"value": "site", "id": "1"}]),
        (form, [{"name": "code", "value": "C-1234"}]),
    ):
        response = contact_api.answer(target.pk, {"submitted_values": values})
        assert response.status_code == 404
        assert "campaign-7" not in response.content.decode()
        target.refresh_from_db()
        assert "answered" not in target.content_attributes
    assert Message.objects.count() == count


def test_agents_see_hidden_values_contacts_cannot_change_them(contact_api, agent):
    """A visitor sending a hidden field's value with markup in it is refused;
    the field keeps its value."""
    question = _ask(contact_api.conversation, agent, FORM)
    response = contact_api.answer(
        question.pk,
        {
            "submitted_values": [
                {"name": "code", "value": "C-1234"},
                {"name": "source", "value": "<script>x</script>"},
            ]
        },
    )
    assert response.status_code == 400
    assert "source" in response.json()["errors"]["submitted_values"]
    question.refresh_from_db()
    assert "answered" not in question.content_attributes
