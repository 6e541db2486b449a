"""The pre-chat form in the widget, in headless Chromium: required fields
checked in the browser, a refusal only the server knows shown beside its
field, then the conversation opened with the answers."""

import pytest
from playwright.sync_api import expect

from accounts.models import CustomAttributeDefinition
from contacts.models import Contact
from conversations.models import Conversation
from tests import factories
from tests.browser import chromium  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = "<img src=x onerror=window.__pwned=1>"


@pytest.fixture
def form_inbox():
    inbox = factories.InboxFactory(name="Acme shop", email_collect_enabled=False)
    CustomAttributeDefinition.objects.create(
        account=inbox.account,
        attribute_model=CustomAttributeDefinition.Model.CONTACT,
        attribute_key="plan",
        attribute_display_name=f"Plan {MARKUP}",
        attribute_display_type=CustomAttributeDefinition.DisplayType.LIST,
        attribute_values=["free", MARKUP],
    )
    CustomAttributeDefinition.objects.create(
        account=inbox.account,
        attribute_model=CustomAttributeDefinition.Model.CONVERSATION,
        attribute_key="order_id",
        attribute_display_name="Order number",
        regex_pattern=r"^\d{4}$",
        regex_cue="Four digits, like 1234",
    )
    inbox.pre_chat_form_enabled = True
    inbox.pre_chat_form_options = {
        "pre_chat_message": f"Tell us who you are {MARKUP}",
        "pre_chat_fields": [
            {
                "name": "email",
                "field_type": "standard",
                "required": True,
                "enabled": True,
            },
            {
                "name": "name",
                "field_type": "standard",
                "required": False,
                "enabled": True,
            },
            {
                "name": "plan",
                "field_type": "contact_attribute",
                "required": True,
                "enabled": True,
            },
            {
                "name": "order_id",
                "field_type": "conversation_attribute",
                "required": False,
                "enabled": True,
            },
        ],
    }
    inbox.save()
    return inbox


def test_pre_chat_form_checks_then_opens_the_conversation(server, chromium, form_inbox):  # noqa: F811
    context = chromium.new_context(viewport={"width": 420, "height": 760})
    page = context.new_page()
    page.goto(f"{server.url}/widget?website_token={form_inbox.website_token}")
    form = page.locator(".pre-chat-form")
    expect(form).to_be_visible()
    expect(page.locator("#composer")).to_be_hidden()
    # Markup in the inbox's words and the definitions is drawn as text.
    expect(page.locator(".pre-chat-intro")).to_have_text(
        f"Tell us who you are {MARKUP}"
    )
    expect(form.get_by_label(f"Plan {MARKUP}")).to_be_visible()
    page.get_by_role("button", name="Start the conversation").click()
    problems = form.locator(".pre-chat-problem:not(:empty)")
    expect(problems).to_have_count(3)
    page.screenshot(path="/tmp/attributes-prechat-required.png", full_page=True)

    form.get_by_label("Email").fill("vera@example.com")
    form.get_by_label(f"Plan {MARKUP}").select_option(MARKUP)
    form.get_by_label("Order number").fill("12")
    form.get_by_label("Your message").fill("Where is my order?")
    page.get_by_role("button", name="Start the conversation").click()
    expect(form.get_by_text("Four digits, like 1234")).to_be_visible()
    form.get_by_label("Order number").fill("1234")

    # A refusal only the server knows: the list value was taken away meanwhile.
    definition = CustomAttributeDefinition.objects.get(attribute_key="plan")
    definition.attribute_values = ["free"]
    definition.save()
    page.get_by_role("button", name="Start the conversation").click()
    expect(form.get_by_text("Must be one of: free.")).to_be_visible()
    page.screenshot(path="/tmp/attributes-prechat-refused.png", full_page=True)
    assert not Conversation.objects.exists()

    form.get_by_label(f"Plan {MARKUP}").select_option("free")
    page.get_by_role("button", name="Start the conversation").click()
    expect(page.locator("#composer")).to_be_visible()
    expect(page.locator(".pre-chat")).to_be_hidden()
    expect(page.get_by_text("Where is my order?")).to_be_visible()
    page.screenshot(path="/tmp/attributes-prechat-opened.png", full_page=True)
    conversation = Conversation.objects.get()
    assert conversation.custom_attributes == {"order_id": "1234"}
    contact = Contact.objects.get(pk=conversation.contact_id)
    assert contact.email == "vera@example.com"
    assert contact.custom_attributes == {"plan": "free"}
    assert page.evaluate("window.__pwned") is None
    context.close()
