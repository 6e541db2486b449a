"""CSAT reads: a conversation's survey, an account's responses and their
figures, always within one account."""

from datetime import datetime
from uuid import UUID

from django.db.models import Count, QuerySet
from django.http import Http404

from accounts.models import Account
from conversations.models import Conversation, Message
from csat.models import CsatSurveyResponse


def survey_message_of(*, conversation: Conversation) -> Message | None:
    """The conversation's satisfaction survey (its first ``input_csat``
    message), or None if it was never asked."""
    return (
        conversation.messages.filter(content_type=Message.ContentType.INPUT_CSAT)
        .order_by("id")
        .first()
    )


def surveys_awaiting(*, contact_id: int, inbox_id: int) -> QuerySet[Message]:
    """The contact's unanswered surveys of resolved conversations in the
    inbox."""
    return Message.objects.filter(
        conversation__contact_id=contact_id,
        conversation__inbox_id=inbox_id,
        conversation__status=Conversation.Status.RESOLVED,
        content_type=Message.ContentType.INPUT_CSAT,
    ).exclude(content_attributes__has_key="answered")


def get_survey(*, conversation_uuid: UUID) -> Message:
    """The survey of the conversation ``conversation_uuid`` names (the link's
    secret), with its inbox loaded; 404 without one."""
    message = (
        Message.objects.filter(
            conversation__uuid=conversation_uuid,
            content_type=Message.ContentType.INPUT_CSAT,
            private=False,
        )
        .select_related("conversation__inbox", "conversation__contact")
        .order_by("id")
        .first()
    )
    if message is None:
        raise Http404("This conversation has no survey.")
    return message


def responses(
    *,
    account: Account,
    since: datetime | None = None,
    until: datetime | None = None,
    user_ids: list[int] | None = None,
    inbox_id: int | None = None,
    team_id: int | None = None,
    rating: list[int] | None = None,
) -> QuerySet[CsatSurveyResponse]:
    """The account's responses, newest first, filtered as Chatwoot filters
    them: recorded in [since, until], crediting one of ``user_ids``, of a
    conversation of ``inbox_id`` / ``team_id``, with one of the ``rating``s."""
    found = CsatSurveyResponse.objects.filter(account=account)
    if since is not None:
        found = found.filter(created_at__gte=since)
    if until is not None:
        found = found.filter(created_at__lte=until)
    if user_ids:
        found = found.filter(assigned_agent_id__in=user_ids)
    if inbox_id is not None:
        found = found.filter(conversation__inbox_id=inbox_id)
    if team_id is not None:
        found = found.filter(conversation__team_id=team_id)
    if rating:
        found = found.filter(rating__in=rating)
    return found.select_related("conversation", "contact", "assigned_agent").order_by(
        "-created_at", "-id"
    )


def metrics(
    *,
    account: Account,
    since: datetime | None = None,
    until: datetime | None = None,
    **filters,
) -> dict:
    """Chatwoot's figures of the filtered responses: how many, how many of
    each rating, how many surveys were sent in the range, and the share of
    surveys answered (``response_rate``, a percentage to two places; 0
    without surveys)."""
    found = responses(account=account, since=since, until=until, **filters)
    total = found.count()
    ratings = {
        str(row["rating"]): row["n"]
        for row in found.order_by().values("rating").annotate(n=Count("id"))
    }
    sent = Message.objects.filter(
        account_id=account.pk, content_type=Message.ContentType.INPUT_CSAT
    )
    if since is not None:
        sent = sent.filter(created_at__gte=since)
    if until is not None:
        sent = sent.filter(created_at__lte=until)
    sent_count = sent.count()
    return {
        "total_count": total,
        "ratings_count": ratings,
        "total_sent_messages_count": sent_count,
        "response_rate": round(total * 100 / sent_count, 2) if sent_count else 0,
    }
