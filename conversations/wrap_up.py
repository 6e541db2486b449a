"""Wrap-up on resolve: labels and a private note given with the resolve.

An inbox's ``wrap_up`` setting says whether the dashboard asks for them
(``optional``) and whether a resolve through the API may come without them
(``required`` refuses it with ``WrapUpMissing``).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AccountUser, Inbox, User
from common.errors import DomainError
from conversations import services
from conversations.models import Conversation, Message


class WrapUpMissing(DomainError):
    """The inbox requires a wrap-up and the resolve lacks part of it (a 400
    on ``wrap_up`` naming what is missing)."""

    code = "wrap_up_required"


def missing_parts(
    *, conversation: Conversation, labels: list[str], note: str
) -> list[str]:
    """What a resolve of ``conversation`` still needs: ``labels`` (when it has
    none and none are given) and/or ``note``, if its inbox requires a wrap-up."""
    if conversation.inbox.wrap_up != Inbox.WrapUp.REQUIRED:
        return []
    labelled = any(title.strip() for title in labels) or conversation.labels.exists()
    return [
        name
        for name, given in (("labels", labelled), ("note", note.strip()))
        if not given
    ]


def resolve_conversation(
    *,
    conversation: Conversation,
    actor: User,
    by: AccountUser | None,
    labels: list[str] | None = None,
    note: str = "",
) -> Conversation:
    """Resolve a conversation with its wrap-up, all in one transaction: the
    labels are added to the conversation's (an agent's unknown title is
    refused, as ``set_labels`` refuses it), the note is stored as a private
    note, then the status moves. An inbox that requires a wrap-up refuses a
    resolve without a note, or without labels when the conversation has none
    (``WrapUpMissing``), changing nothing.

    Publishes what ``set_labels``, ``create_message`` (private: agents only)
    and ``change_status`` publish.
    """
    labels = labels or []
    missing = missing_parts(conversation=conversation, labels=labels, note=note)
    if missing:
        raise WrapUpMissing(
            _("This inbox needs a wrap-up to resolve: give %(missing)s.")
            % {"missing": ", ".join(f"wrap_up.{name}" for name in missing)},
            field="wrap_up",
        )
    with transaction.atomic():
        if labels:
            current = list(conversation.labels.values_list("title", flat=True))
            services.set_labels(
                conversation=conversation, labels=[*current, *labels], by=by
            )
        if note.strip():
            services.create_message(
                conversation=conversation,
                message_type=Message.MessageType.OUTGOING,
                content=note.strip(),
                sender=actor,
                private=True,
            )
        return services.change_status(
            conversation=conversation,
            status=Conversation.Status.RESOLVED,
            actor=actor,
        )
