"""Reads of the filters app: filter queries run on the account's conversations
and contacts, and a user's saved filters."""

from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import AccountUser, CustomAttributeDefinition
from contacts import selectors as contact_selectors
from contacts.models import Contact
from conversations import selectors as conversation_selectors
from conversations.models import Conversation
from filters.attributes import attribute_finder
from filters.models import CustomFilter
from filters.query import Condition, build_query


def filter_conversations(
    *, membership: AccountUser, conditions: Sequence[Condition]
) -> QuerySet[Conversation]:
    """The conversations the member may see that match ``conditions``.

    Raises ``filters.query.FilterError`` naming an unknown attribute, an
    operator that does not apply or a value of the wrong type.
    """
    query = build_query(
        conditions,
        model=Conversation,
        attribute_of=attribute_finder(
            account=membership.account,
            attribute_model=CustomAttributeDefinition.Model.CONVERSATION,
        ),
    )
    visible = conversation_selectors.visible_conversations(membership=membership)
    return visible.filter(query)


def filter_contacts(
    *, membership: AccountUser, conditions: Sequence[Condition], sort: str
) -> QuerySet[Contact]:
    """The account's contacts matching ``conditions``, in a contact list order.

    Raises ``filters.query.FilterError`` as ``filter_conversations`` does.
    """
    query = build_query(
        conditions,
        model=Contact,
        attribute_of=attribute_finder(
            account=membership.account,
            attribute_model=CustomAttributeDefinition.Model.CONTACT,
        ),
    )
    contacts = contact_selectors.account_contacts(account=membership.account, sort=sort)
    return contacts.filter(query)


def saved_filters(
    *, membership: AccountUser, filter_type: int | None = None
) -> QuerySet[CustomFilter]:
    """The member's own saved filters in the account, of one type if given."""
    found = CustomFilter.objects.filter(
        account_id=membership.account_id, user_id=membership.user_id
    )
    if filter_type is not None:
        found = found.filter(filter_type=filter_type)
    return found


def get_saved_filter(*, membership: AccountUser, filter_id: int) -> CustomFilter:
    """One of the member's saved filters; 404 for anyone else's."""
    found = saved_filters(membership=membership).filter(pk=filter_id).first()
    if found is None:
        raise Http404("Custom filter not found")
    return found
