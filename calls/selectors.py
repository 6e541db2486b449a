"""Reads of calls, scoped to the one acting: an agent reaches the calls of the
conversations they may see, a contact those of its session's conversations.
Ids outside that scope are ``Unknown``, as if they did not exist."""

from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import AccountUser
from calls.models import Call
from collaboration.capabilities import can_reply, capabilities_of
from contacts.models import ContactInbox
from conversations.models import Conversation
from conversations.selectors import visible_conversations


class Unknown(Exception):
    """An id the one acting cannot reach (another account's, another contact's)."""


@dataclass(frozen=True)
class Party:
    """Who acts on calls: an agent's membership of the account, or a contact
    session."""

    account_id: int
    membership: AccountUser | None = None
    session: ContactInbox | None = None

    @property
    def side(self) -> str:
        return Call.Side.AGENT if self.membership is not None else Call.Side.CONTACT

    @property
    def locale(self) -> str:
        """The language the party reads refusals in ("" for the default)."""
        if self.membership is not None:
            return self.membership.user.locale
        return self.session.inbox.locale if self.session is not None else ""


def party_of(
    *, account_id: int, user_id: int | None = None, session_token: str | None = None
) -> Party | None:
    """The agent (``user_id``) or contact session (``session_token``) acting
    in an account, or None when neither belongs to it any more."""
    if user_id is not None:
        membership = (
            AccountUser.objects.select_related("user")
            .filter(account_id=account_id, user_id=user_id, user__is_active=True)
            .first()
        )
        return Party(account_id, membership=membership) if membership else None
    session = (
        ContactInbox.objects.select_related("inbox", "contact")
        .filter(pubsub_token=session_token, contact__account_id=account_id)
        .first()
    )
    return Party(account_id, session=session) if session else None


def _conversations(party: Party) -> QuerySet[Conversation]:
    if party.membership is not None:
        return visible_conversations(membership=party.membership)
    return Conversation.objects.filter(contact_inbox=party.session)


def get_conversation(*, party: Party, display_id: int) -> Conversation:
    """A conversation the party may call in; ``Unknown`` otherwise."""
    conversation = (
        _conversations(party)
        .select_related("inbox", "contact", "contact_inbox")
        .filter(display_id=display_id)
        .first()
    )
    if conversation is None:
        raise Unknown("conversation")
    return conversation


def get_call(*, party: Party, call_id: int, lock: bool = False) -> Call:
    """A call of a conversation the party may reach, with what its payload
    reads; ``lock`` takes its row lock (inside a transaction)."""
    calls = Call.objects.select_related(
        "agent", "contact", "conversation__inbox", "conversation__contact_inbox"
    ).filter(pk=call_id, conversation__in=_conversations(party))
    if lock:
        calls = calls.select_for_update(of=("self",))
    call = calls.first()
    if call is None:
        raise Unknown("call")
    return call


def may_reply(*, membership: AccountUser, conversation: Conversation) -> bool:
    """Whether the agent may speak to the contact now: the same rule as
    replying (``collaboration.capabilities.can_reply``)."""
    return can_reply(capabilities_of(conversation=conversation, membership=membership))


def live_call(*, conversation: Conversation) -> Call | None:
    """The conversation's call not over yet, if any."""
    return Call.objects.filter(conversation=conversation, state__in=Call.LIVE).first()
