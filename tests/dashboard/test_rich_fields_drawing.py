"""The dashboard draws the Enghouse rich-message fields as text: a form's
title, pattern and hidden or read-only values, a menu option's link with its
params, a structured contact card, a reply's read time on its ticks and a
file under the name it was uploaded with."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from django.core.files.base import ContentFile

from conversations.models import Attachment, Conversation, Message
from tests.browser import screenshot
from tests.dashboard.test_conversation import open_conversation
from tests.dashboard.test_rich_drawing import MARKUP, bubble, outgoing

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def test_new_rich_fields_are_drawn_as_text(signed_in, demo):
    """Each new field shows, markup as text; the option link keeps its params
    and opens a new tab; the read ticks tell when the contact read."""
    conversation = Conversation.objects.get(
        account_id=demo.account_id, contact__name="Marco Rossi"
    )
    form = outgoing(
        conversation,
        demo.user_id,
        content="Call-back",
        content_type="form",
        content_attributes={
            "title": f"Call me back {MARKUP}",
            "items": [
                {
                    "name": "code",
                    "label": "Customer code",
                    "type": "text",
                    "pattern": "^C-[0-9]{4}$",
                    "error_text": "Like C-1234",
                },
                {
                    "name": "source",
                    "label": "Source",
                    "type": "text",
                    "hidden": True,
                    "value": MARKUP,
                },
            ],
        },
    )
    menu = outgoing(
        conversation,
        demo.user_id,
        content="Choose:",
        content_type="input_select",
        content_attributes={
            "items": [
                {
                    "id": "1",
                    "title": "Our site",
                    "value": "site",
                    "url": "https://example.com/go",
                    "params": [{"name": "ref", "value": "chat"}],
                }
            ]
        },
    )
    card = outgoing(
        conversation,
        demo.user_id,
        content="Giulia",
        content_type="contacts",
        content_attributes={
            "contacts": [
                {
                    "name": {"first_name": "Giulia", "last_name": MARKUP},
                    "phones": [{"phone": "+39 347 192 6356", "type": "Mobile"}],
                }
            ]
        },
    )
    Message.objects.filter(pk=card.pk).update(
        status=Message.Status.READ,
        seen_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
    )
    attachment = Attachment(
        account_id=demo.account_id,
        message=card,
        file_type=Attachment.FileType.FILE,
        extension="xlsx",
        file_size=1536,
        file_name=f"Q3 {MARKUP}.xlsx",
    )
    attachment.file.save("Q3_img.xlsx", ContentFile(b"x" * 16))

    page = signed_in(viewport={"width": 1280, "height": 2000})
    open_conversation(page, conversation.display_id)
    drawn = bubble(page, form)
    expect(drawn.locator(".rich-form-title")).to_have_text(f"Call me back {MARKUP}")
    expect(drawn.locator(".rich-field-notes").first).to_have_text(
        " · pattern: ^C-[0-9]{4}$"
    )
    expect(drawn.locator(".rich-field-notes").last).to_have_text(f" · hidden: {MARKUP}")
    link = bubble(page, menu).get_by_role("link", name="Our site")
    expect(link).to_have_attribute("href", "https://example.com/go?ref=chat")
    expect(link).to_have_attribute("target", "_blank")
    contact = bubble(page, card)
    expect(contact.locator(".rich-contact-name")).to_have_text(f"👤 Giulia {MARKUP}")
    expect(contact.locator(".rich-phone-type")).to_have_text("Mobile ")
    expect(contact.locator(".ticks")).to_have_attribute(
        "title", "Read Dec 1, 2026, 9:30 AM"
    )
    expect(contact.locator(".file-name")).to_have_text(f"Download Q3 {MARKUP}.xlsx")
    contact.scroll_into_view_if_needed()
    screenshot(page, "dashboard-rich-fields")
    assert page.evaluate("window.__owned") is None
    assert page.locator("img[src=x]").count() == 0
