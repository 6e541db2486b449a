"""Reads of canned responses, always within one account."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from accounts.models import Account
from cannedresponses.models import CannedResponse


def canned_responses(*, account: Account, search: str = "") -> QuerySet[CannedResponse]:
    """The account's canned responses with their files; with ``search``, those
    whose short code or content holds it, short codes starting with it first
    (as Chatwoot orders them)."""
    responses = CannedResponse.objects.filter(account=account).prefetch_related(
        "attachments"
    )
    if not search:
        return responses
    return (
        responses.filter(Q(short_code__icontains=search) | Q(content__icontains=search))
        .annotate(
            rank=Case(
                When(short_code__istartswith=search, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "short_code", "id")
    )


def get_canned_response(*, account: Account, canned_response_id: int) -> CannedResponse:
    """One canned response of the account; 404 for any other id, another
    account's included."""
    found = canned_responses(account=account).filter(pk=canned_response_id).first()
    if found is None:
        raise Http404("Canned response not found")
    return found
