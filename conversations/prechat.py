"""A visitor's conversation opened through the inbox's pre-chat form
(``accounts.prechat``): the answers checked, written to the contact and the
conversation, and the first message sent, in one transaction."""

from typing import Any

from django.db import transaction

from accounts.prechat import check_answers
from contacts.models import Contact, ContactInbox
from contacts.services import update_contact
from conversations.models import Conversation
from conversations.services import start_contact_conversation


def known_details(contact: Contact) -> dict[str, Any]:
    """What the contact already told: the form need not ask it again."""
    return {
        "name": contact.name,
        "email": contact.email,
        "phone_number": contact.phone_number,
        "custom_attributes": contact.custom_attributes,
    }


def check_form_answered(*, contact_inbox: ContactInbox) -> None:
    """Refuse to open a conversation by a plain first message while the
    inbox's pre-chat form has required answers the contact never gave
    (InvalidAttributeValue naming the first one)."""
    check_answers(
        inbox=contact_inbox.inbox,
        known=known_details(contact_inbox.contact),
        contact={},
        custom_attributes={},
    )


def start_pre_chat_conversation(
    *,
    contact_inbox: ContactInbox,
    contact: dict[str, Any] | None = None,
    custom_attributes: dict | None = None,
    message: dict | None = None,
) -> Conversation:
    """Open the session's conversation with the pre-chat form's answers:
    ``contact``'s name, email, phone number and custom attributes go to the
    contact, ``custom_attributes`` to the conversation. The contact takes an
    email only when it has none and no other contact of the account has it
    (as an email prompt's answer), so a visitor never claims someone else.

    Raises InvalidAttributeValue naming the field of a missing or bad answer.
    Publishes ``contact.updated``, ``conversation.created`` (and
    ``message.created``).
    """
    contact = contact or {}
    person = contact_inbox.contact
    with transaction.atomic():
        contact_attributes, conversation_attributes = check_answers(
            inbox=contact_inbox.inbox,
            known=known_details(person),
            contact=contact,
            custom_attributes=custom_attributes or {},
        )
        details: dict[str, Any] = {
            name: contact[name]
            for name in ("name", "phone_number")
            if contact.get(name)
        }
        email = contact.get("email")
        taken = bool(email) and (
            Contact.objects.filter(account_id=person.account_id, email__iexact=email)
            .exclude(pk=person.pk)
            .exists()
        )
        if email and not person.email and not taken:
            details["email"] = email
        if contact_attributes:
            details["custom_attributes"] = contact_attributes
        if details:
            update_contact(contact=person, **details)
        return start_contact_conversation(
            contact_inbox=contact_inbox,
            custom_attributes=conversation_attributes,
            message=message,
        )
