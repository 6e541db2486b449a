"""Writes of the filters app: a user's saved filters."""

from typing import Any

from accounts.models import AccountUser
from common.errors import DomainError
from filters.models import CustomFilter

# Saved filters a user may keep per account (Chatwoot's limit).
SAVED_FILTERS_PER_USER = 1000


class TooManySavedFilters(DomainError):
    """The user already keeps ``SAVED_FILTERS_PER_USER`` filters in the
    account (a 400 on ``custom_filter``)."""

    code = "too_many_saved_filters"


def save_filter(
    *, membership: AccountUser, name: str, filter_type: int, query: dict
) -> CustomFilter:
    """Save a named filter query for the member. No realtime event: saved
    filters are the user's own."""
    kept = CustomFilter.objects.filter(
        account_id=membership.account_id, user_id=membership.user_id
    )
    if kept.count() >= SAVED_FILTERS_PER_USER:
        raise TooManySavedFilters(
            f"At most {SAVED_FILTERS_PER_USER} saved filters per user.",
            field="custom_filter",
        )
    return CustomFilter.objects.create(
        account_id=membership.account_id,
        user_id=membership.user_id,
        name=name,
        filter_type=filter_type,
        query=query,
    )


def update_saved_filter(*, saved: CustomFilter, **fields: Any) -> CustomFilter:
    """Rename a saved filter, change its type or its query."""
    for name, value in fields.items():
        setattr(saved, name, value)
    saved.save(update_fields=[*fields, "updated_at"])
    return saved


def delete_saved_filter(*, saved: CustomFilter) -> None:
    """Forget a saved filter."""
    saved.delete()
