import pytest

from contacts.services import ContactConflictError, create_contact, update_contact
from tests import factories

pytestmark = pytest.mark.django_db


def test_taken_email_is_a_conflict_not_a_crash(account):
    """Creating a second contact with a taken email raises a conflict error."""
    create_contact(account=account, name="First", email="same@example.com")
    with pytest.raises(ContactConflictError):
        create_contact(account=account, name="Second", email="same@example.com")
    assert account.contacts.count() == 1


def test_taken_identifier_on_update_is_a_conflict(account):
    """Changing a contact's identifier to another's raises and changes nothing."""
    factories.ContactFactory(account=account, identifier="user-1")
    contact = factories.ContactFactory(account=account, identifier="user-2")
    with pytest.raises(ContactConflictError):
        update_contact(contact=contact, identifier="user-1")
    contact.refresh_from_db()
    assert contact.identifier == "user-2"


def test_same_email_in_another_account_is_allowed(account):
    """Email uniqueness holds within one account only."""
    create_contact(account=account, email="same@example.com")
    other = create_contact(account=factories.AccountFactory(), email="same@example.com")
    assert other.pk is not None
