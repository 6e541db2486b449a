"""Custom attributes in the dashboard: defined in the Attributes settings, edited
in the contact panel with an input of each type, drawn safely."""

import pytest
from playwright.sync_api import expect

from accounts.models import CustomAttributeDefinition, Inbox
from contacts.models import Contact
from conversations.models import Conversation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = '<img src=x onerror="document.title=1">'


def test_administrator_defines_attributes_in_settings(signed_in, demo):
    """A list attribute is created with its values, renamed and deleted; a
    display name with markup stays text."""
    page = signed_in()
    page.goto(page.url.replace("/conversations", "/settings/attributes"))
    expect(page.get_by_role("heading", name="Attributes", level=1)).to_be_visible()
    page.get_by_label("Display name").fill(f"Plan {MARKUP}")
    page.get_by_label("Key").fill("plan")
    page.get_by_label("Type").select_option("list")
    page.get_by_label("Values (one a line)").fill("free\npro")
    page.get_by_role("button", name="Create attribute").click()
    row = page.locator('tr[data-attribute="plan"]')
    expect(row).to_contain_text(f"Plan {MARKUP}")
    expect(row).to_contain_text("List")
    expect(row.locator("img")).to_have_count(0)
    definition = CustomAttributeDefinition.objects.get(
        account_id=demo.account_id, attribute_key="plan"
    )
    assert definition.attribute_values == ["free", "pro"]
    assert definition.attribute_model == CustomAttributeDefinition.Model.CONTACT
    page.screenshot(path="/tmp/attributes-settings.png", full_page=True)

    page.get_by_role("button", name=f"Edit attribute Plan {MARKUP}").click()
    expect(page.get_by_label("Values (one a line)")).to_have_value("free\npro")
    page.get_by_label("Display name").fill("Plan")
    page.get_by_role("button", name="Save attribute").click()
    expect(row.locator("td").first).to_have_text("Plan")

    # A key the API refuses is told, nothing is added.
    page.get_by_label("Display name").fill("Bad")
    page.get_by_label("Key").fill("plan")
    page.get_by_role("button", name="Create attribute").click()
    expect(page.locator("#toast")).to_contain_text("attribute_key")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete attribute Plan").click()
    expect(row).to_have_count(0)
    assert not CustomAttributeDefinition.objects.filter(pk=definition.pk).exists()


def test_contact_panel_edits_values_by_type(signed_in, demo):
    """The panel draws a link attribute as a link only for a web address,
    edits a list with a select, a date with a date picker, a checkbox and a
    number; attributes without a definition stay in their text box."""
    account_id = demo.account_id
    for key, name, kind, values in (
        ("plan", "Plan", CustomAttributeDefinition.DisplayType.LIST, ["free", "pro"]),
        ("renewal", "Renewal", CustomAttributeDefinition.DisplayType.DATE, []),
        ("vip", "VIP", CustomAttributeDefinition.DisplayType.CHECKBOX, []),
        ("site", "Website", CustomAttributeDefinition.DisplayType.LINK, []),
        ("seats", "Seats", CustomAttributeDefinition.DisplayType.NUMBER, []),
    ):
        CustomAttributeDefinition.objects.create(
            account_id=account_id,
            attribute_model=CustomAttributeDefinition.Model.CONTACT,
            attribute_key=key,
            attribute_display_name=name,
            attribute_display_type=kind,
            attribute_values=values,
        )
    marco = Contact.objects.get(account_id=account_id, email="marco@example.com")
    # Written past the API, as an old value from before the definition.
    marco.custom_attributes = {"site": "javascript:alert(1)", "note": MARKUP}
    marco.save()
    page = signed_in()
    page.goto(page.url.replace("/conversations", f"/contacts/{marco.pk}"))
    detail = page.locator(".contact-detail")
    expect(detail).to_contain_text("javascript:alert(1)")
    expect(detail.locator("a", has_text="javascript")).to_have_count(0)
    expect(detail).to_contain_text(MARKUP)
    expect(detail.locator("img")).to_have_count(0)

    detail.get_by_role("button", name="Edit contact").click()
    detail.get_by_label("Plan").select_option("pro")
    detail.get_by_label("Renewal").fill("2027-01-31")
    detail.get_by_label("VIP").check()
    detail.get_by_label("Website").fill("https://acme.example/")
    detail.get_by_label("Seats").fill("12")
    page.screenshot(path="/tmp/attributes-contact-edit.png", full_page=True)
    detail.get_by_role("button", name="Save").click()
    expect(detail.get_by_role("button", name="Edit contact")).to_be_visible()
    expect(detail.get_by_role("link", name="https://acme.example/")).to_have_attribute(
        "rel", "noopener noreferrer nofollow"
    )
    expect(detail.locator("dd", has_text="Yes")).to_have_count(1)
    page.screenshot(path="/tmp/attributes-contact-shown.png", full_page=True)
    marco.refresh_from_db()
    assert marco.custom_attributes == {
        "plan": "pro",
        "renewal": "2027-01-31",
        "vip": True,
        "site": "https://acme.example/",
        "seats": 12,
        "note": MARKUP,
    }


def test_administrator_sets_an_inbox_pre_chat_form(signed_in, demo):
    """The widget settings ask for the email (required) and a conversation
    attribute; the inbox keeps the form with the definition's type."""
    CustomAttributeDefinition.objects.create(
        account_id=demo.account_id,
        attribute_model=CustomAttributeDefinition.Model.CONVERSATION,
        attribute_key="order_id",
        attribute_display_name=f"Order {MARKUP}",
        attribute_display_type=CustomAttributeDefinition.DisplayType.NUMBER,
    )
    page = signed_in()
    page.goto(page.url.replace("/conversations", "/settings/widget"))
    form = page.locator(".prechat-form")
    expect(form.get_by_role("heading", name="Pre-chat form")).to_be_visible()
    expect(form.locator("img")).to_have_count(0)
    form.get_by_label("Ask new visitors to fill in a form").check()
    form.get_by_label("Message above the form").fill("Who are you?")
    email = form.locator('tr[data-field="email"]')
    email.locator(".prechat-enabled").check()
    email.locator(".prechat-required").check()
    order = form.locator('tr[data-field="order_id"]')
    expect(order).to_contain_text(f"Order {MARKUP}")
    order.locator(".prechat-enabled").check()
    order.locator(".prechat-label").fill("Your order number")
    form.get_by_role("button", name="Save pre-chat form").click()
    expect(page.locator("#toast")).to_contain_text("Pre-chat form of")
    page.screenshot(path="/tmp/attributes-prechat-settings.png", full_page=True)
    inbox = Inbox.objects.get(pk=demo.inbox_id)
    assert inbox.pre_chat_form_enabled is True
    options = inbox.pre_chat_form_options
    assert options["pre_chat_message"] == "Who are you?"
    asked = {f["name"]: f for f in options["pre_chat_fields"] if f["enabled"]}
    assert set(asked) == {"email", "order_id"}
    assert asked["email"]["required"] is True
    assert asked["order_id"]["type"] == "number"
    assert asked["order_id"]["label"] == "Your order number"


def test_conversation_sidebar_edits_its_attributes(signed_in, visitor_factory, demo):
    """Beside the thread, a conversation's defined attributes are edited by
    type; a value the server refuses is told and nothing changes."""
    for key, name, kind, values in (
        ("tier", "Tier", CustomAttributeDefinition.DisplayType.LIST, ["a", "b"]),
        ("due", "Due", CustomAttributeDefinition.DisplayType.DATE, []),
        ("code", "Code", CustomAttributeDefinition.DisplayType.TEXT, []),
    ):
        CustomAttributeDefinition.objects.create(
            account_id=demo.account_id,
            attribute_model=CustomAttributeDefinition.Model.CONVERSATION,
            attribute_key=key,
            attribute_display_name=name,
            attribute_display_type=kind,
            attribute_values=values,
            regex_pattern=r"^\d+$" if key == "code" else None,
            regex_cue="Digits only" if key == "code" else None,
        )
    visitor = visitor_factory("Pat Visitor")
    conversation_id = visitor.start_conversation()
    visitor.say("Hello")
    page = signed_in()
    page.get_by_role("tab", name="All").click()
    page.locator(f'[data-conversation-id="{conversation_id}"]').click()
    block = page.locator(".conversation-attributes")
    expect(block.get_by_role("heading", name="Conversation attributes")).to_be_visible()
    block.get_by_role("button", name="Edit attributes").click()
    block.get_by_label("Tier").select_option("b")
    block.get_by_label("Due").fill("2027-02-01")
    block.get_by_label("Code").fill("x1")
    block.get_by_role("button", name="Save attributes").click()
    expect(page.locator("#toast")).to_contain_text("Digits only")
    block.get_by_label("Code").fill("42")
    block.get_by_role("button", name="Save attributes").click()
    expect(block.locator("dd", has_text="2027-02-01")).to_be_visible()
    page.screenshot(path="/tmp/attributes-conversation-sidebar.png", full_page=True)
    conversation = Conversation.objects.get(
        account_id=demo.account_id, display_id=conversation_id
    )
    assert conversation.custom_attributes == {
        "tier": "b",
        "due": "2027-02-01",
        "code": "42",
    }
