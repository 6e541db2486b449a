"""Who a private note's mentions notify: users by id, a team's members, and
only ever those who may read the conversation."""

import pytest

from conversations.models import Message
from conversations.services import create_message
from conversations.signals import conversation_mentioned
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def told():
    """The users ``conversation_mentioned`` is sent for, in order."""
    users = []

    def hear(sender, conversation, user, message, **kwargs):
        users.append(user)

    conversation_mentioned.connect(hear, dispatch_uid="test-mentions")
    yield users
    conversation_mentioned.disconnect(dispatch_uid="test-mentions")


def member_of(account, team=None, inbox=None):
    user = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=user)
    if inbox is not None:
        factories.InboxMemberFactory(inbox=inbox, user=user)
    if team is not None:
        team.members.add(user)
    return user


def note(conversation, author, content: str, *, private: bool = True) -> Message:
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=author,
        content=content,
        private=private,
    )


def test_team_mention_notifies_members_who_read_the_conversation(
    told, conversation, account, inbox, agent
):
    """``mention://team/<id>/`` tells each team member who works the inbox;
    a member outside the inbox is not told."""
    team = factories.TeamFactory(account=account, name="Billing")
    reader = member_of(account, team=team, inbox=inbox)
    outside = member_of(account, team=team)
    note(conversation, agent, f"[@Billing](mention://team/{team.pk}/Billing) look")
    assert told == [reader]
    assert outside not in told


def test_user_and_team_mentions_tell_each_reader_once(
    told, conversation, account, inbox, agent
):
    """Someone mentioned by name and through their team is told once."""
    team = factories.TeamFactory(account=account, name="Sales")
    reader = member_of(account, team=team, inbox=inbox)
    note(
        conversation,
        agent,
        f"[@R](mention://user/{reader.pk}/R) [@Sales](mention://team/{team.pk}/Sales)",
    )
    assert told == [reader]


def test_another_accounts_team_notifies_nobody(
    told, conversation, account, inbox, agent
):
    """A team id of another account tells nobody, even a reader in it."""
    other_team = factories.TeamFactory()
    reader = member_of(account, inbox=inbox)
    other_team.members.add(reader)
    note(conversation, agent, f"[@X](mention://team/{other_team.pk}/X)")
    assert told == []


def test_mention_of_someone_who_cannot_read_notifies_nobody(
    told, conversation, account, agent
):
    """An agent of the account outside the inbox is not told, and a mention
    in a reply (not a note) tells nobody."""
    outside = member_of(account)
    note(conversation, agent, f"[@O](mention://user/{outside.pk}/O)")
    note(conversation, agent, f"[@A](mention://user/{agent.pk}/A)", private=False)
    assert told == []
