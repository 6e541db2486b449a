"""What an agent may do with a conversation, by role, assignee, status and
participation."""

import pytest

from accounts.models import AccountUser
from collaboration import capabilities as caps
from collaboration import services
from conversations.services import assign_agent, change_status
from tests import factories

pytestmark = pytest.mark.django_db

NOTES_ONLY = [caps.ADD_NOTE, caps.TYPING]
HANDLER = [
    caps.SEND_MESSAGE,
    caps.ADD_NOTE,
    caps.TYPING,
    caps.RESOLVE,
    caps.TRANSFER,
    caps.INVITE,
    caps.CONSULT,
    caps.UPDATE_ATTRIBUTES,
]
# The assignee may also leave (routing hands the conversation on).
ASSIGNEE = [*HANDLER[:-1], caps.LEAVE, caps.UPDATE_ATTRIBUTES]


@pytest.fixture
def colleague(account, inbox):
    user = factories.UserFactory(name="Anna Colleague")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


def of(conversation, user) -> list[str]:
    conversation.refresh_from_db()
    membership = AccountUser.objects.get(account=conversation.account, user=user)
    return caps.capabilities_of(conversation=conversation, membership=membership)


def test_any_agent_of_the_inbox_handles_an_unassigned_conversation(conversation, agent):
    """Nobody assigned: every agent of the inbox may take it on."""
    assert of(conversation, agent) == HANDLER


def test_assigned_to_another_agent_leaves_notes_only(conversation, agent, colleague):
    """Someone else's conversation: notes, not replies, not transfers."""
    assign_agent(conversation=conversation, assignee=colleague)
    assert of(conversation, agent) == NOTES_ONLY
    assert of(conversation, colleague) == ASSIGNEE


def test_administrator_handles_any_conversation(conversation, administrator, agent):
    """An administrator may do everything, whoever is assigned."""
    assign_agent(conversation=conversation, assignee=agent)
    assert of(conversation, administrator) == HANDLER


def test_invited_agent_replies_and_leaves(conversation, agent, colleague):
    """Invited into someone else's conversation: replies, invites, may leave."""
    assign_agent(conversation=conversation, assignee=agent)
    services.invite_agents(conversation=conversation, users=[colleague], actor=agent)
    assert of(conversation, colleague) == [
        caps.SEND_MESSAGE,
        caps.ADD_NOTE,
        caps.TYPING,
        caps.INVITE,
        caps.LEAVE,
        caps.UPDATE_ATTRIBUTES,
    ]


def test_consultant_writes_notes_even_when_nobody_is_assigned(
    conversation, agent, colleague
):
    """A consultant never replies to the contact, assigned or not."""
    services.consult_agent(conversation=conversation, user=colleague, actor=agent)
    assert of(conversation, colleague) == [*NOTES_ONLY, caps.LEAVE]


def test_resolved_conversation_cannot_be_handed_on(conversation, agent):
    """Resolved: the assignee may reply, reopen or reassign, not bring anyone in."""
    assign_agent(conversation=conversation, assignee=agent)
    change_status(conversation=conversation, status="resolved")
    assert of(conversation, agent) == [
        caps.SEND_MESSAGE,
        caps.ADD_NOTE,
        caps.TYPING,
        caps.RESOLVE,
        caps.TRANSFER,
        caps.UPDATE_ATTRIBUTES,
    ]


def test_transfer_moves_the_capabilities(conversation, agent, colleague):
    """After a transfer the receiver handles the conversation, the sender no more."""
    assign_agent(conversation=conversation, assignee=agent)
    services.transfer_conversation(
        conversation=conversation,
        actor=agent,
        seen_assignee_id=agent.pk,
        assignee=colleague,
    )
    assert of(conversation, colleague) == ASSIGNEE
    assert of(conversation, agent) == NOTES_ONLY


def test_require_names_the_missing_capability(conversation, agent, colleague):
    """The refusal carries the capability's name."""
    assign_agent(conversation=conversation, assignee=colleague)
    conversation.refresh_from_db()
    membership = AccountUser.objects.get(user=agent)
    with pytest.raises(caps.CapabilityMissing) as refused:
        caps.require(
            conversation=conversation, membership=membership, capability=caps.TRANSFER
        )
    assert refused.value.capability == "transfer"
