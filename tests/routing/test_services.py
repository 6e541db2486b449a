"""Auto-assignment with capacity and the queue, through the services and the
receivers that trigger them."""

import pytest

from accounts.models import AccountUser, TeamMember
from accounts.services import set_availability, update_agent
from conversations import services
from routing import selectors
from routing.services import drain_queue
from tests import factories
from tests.routing.conftest import membership

pytestmark = pytest.mark.django_db


def set_limit(account, limit):
    account.auto_assignment_limit = limit
    account.save()


def test_new_conversation_goes_to_the_least_loaded_then_longest_idle(
    agent, second_agent, visit
):
    """Balanced: fewest open conversations first, then the one idle longest."""
    first, second, third = visit(), visit(), visit()
    assert {first.assignee, second.assignee} == {agent, second_agent}
    # Both hold one now: the one assigned first has been idle longest.
    assert third.assignee == first.assignee
    assert first.waiting_since is None
    assert first.messages.filter(content__startswith="Assigned to").count() == 1


def test_busy_and_offline_agents_get_nothing(account, agent, second_agent, visit):
    """Only online agents are given conversations; with none, it waits."""
    AccountUser.objects.filter(user=agent).update(availability="busy")
    AccountUser.objects.filter(user=second_agent).update(availability="offline")
    conversation = visit()
    assert conversation.assignee is None
    assert conversation.waiting_since is not None
    assert selectors.queue_position(conversation) == 1


def test_capacity_queue_and_drain_longest_wait_first(
    account, agent, inbox, visit, routed
):
    """At the limit the agent gets no more: conversations queue, and resolving
    one hands the longest-waiting conversation over."""
    set_limit(account, 1)
    served = visit()
    waiting = [visit(), visit(), visit()]
    assert served.assignee == agent
    assert [c.assignee for c in waiting] == [None, None, None]
    assert [selectors.queue_position(c) for c in waiting] == [1, 2, 3]
    routed(services.change_status, conversation=served, status="resolved")
    for conversation in waiting:
        conversation.refresh_from_db()
    assert waiting[0].assignee == agent
    assert waiting[0].waiting_since is None
    assert [selectors.queue_position(c) for c in waiting[1:]] == [1, 2]
    # Snoozing frees capacity too.
    routed(
        services.change_status,
        conversation=waiting[0],
        status="snoozed",
        snoozed_until=None,
    )
    waiting[1].refresh_from_db()
    assert waiting[1].assignee == agent


def test_capacity_frees_when_an_agent_comes_online_a_limit_rises_or_a_member_joins(
    account, agent, inbox, visit, routed
):
    """Each way capacity appears drains the queue at once."""
    set_limit(account, 1)
    visit()
    first, second, third = visit(), visit(), visit()
    # A limit raised.
    routed(update_agent, membership=membership(agent, account), auto_assignment_limit=2)
    first.refresh_from_db()
    assert first.assignee == agent
    # A member added, offline: nothing; then coming online.
    newcomer = factories.UserFactory()
    newcomer_membership = factories.AccountUserFactory(
        account=account, user=newcomer, availability="offline"
    )
    routed(inbox.members.add, newcomer)
    second.refresh_from_db()
    assert second.assignee is None
    routed(set_availability, membership=newcomer_membership, availability="online")
    second.refresh_from_db()
    assert second.assignee == newcomer
    # A new member who is online.
    third_agent = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=third_agent)
    routed(factories.InboxMemberFactory, inbox=inbox, user=third_agent)
    third.refresh_from_db()
    assert third.assignee == third_agent


def test_limits_agent_over_inbox_over_account(account, agent, inbox, visit):
    """The agent's own limit wins over the inbox's, which wins over the account's."""
    set_limit(account, 5)
    inbox.auto_assignment_config = {"max_assignment_limit": 1}
    inbox.save()
    assert [visit().assignee for _ in range(2)] == [agent, None]
    AccountUser.objects.filter(user=agent).update(auto_assignment_limit=3)
    drain_queue(account_id=account.pk)
    assert selectors.agent_loads(account_id=account.pk) == {agent.pk: 2}


def test_no_auto_assignment_leaves_conversations_unassigned_and_unqueued(
    agent, inbox, visit
):
    """An inbox with auto-assignment off neither assigns nor queues."""
    inbox.enable_auto_assignment = False
    inbox.save()
    conversation = visit()
    assert conversation.assignee is None
    assert conversation.waiting_since is None


def test_team_without_auto_assign_is_left_alone(account, agent, inbox, routed):
    """A reopened conversation of a team that disallows auto-assignment stays
    unassigned; a team that allows it assigns among its members only."""
    closed = factories.TeamFactory(account=account, allow_auto_assign=False)
    conversation = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            contact=factories.ContactFactory(account=account), inbox=inbox
        ),
        status="resolved",
        team=closed,
    )
    routed(services.change_status, conversation=conversation, status="open")
    conversation.refresh_from_db()
    assert conversation.assignee is None
    open_team = factories.TeamFactory(account=account)
    conversation.team = open_team
    conversation.status = "resolved"
    conversation.save()
    routed(services.change_status, conversation=conversation, status="open")
    conversation.refresh_from_db()
    assert conversation.assignee is None
    assert conversation.waiting_since is not None
    routed(TeamMember.objects.create, team=open_team, user=agent)
    conversation.refresh_from_db()
    assert conversation.assignee == agent


def test_manual_assignment_takes_a_conversation_out_of_the_queue(
    account, agent, visit, routed
):
    """An agent assigned by hand ends the wait; the queue closes up."""
    set_limit(account, 1)
    visit()
    first, second = visit(), visit()
    routed(services.assign_agent, conversation=second, assignee=agent)
    second.refresh_from_db()
    assert second.waiting_since is None
    assert selectors.queue_position(first) == 1


def test_wait_estimate_comes_from_observed_hand_offs(account, agent, visit, routed):
    """After hand-offs the estimate is the observed interval per place."""
    set_limit(account, 1)
    served = visit()
    waiting = [visit() for _ in range(3)]
    stats = selectors.queue_stats(inbox_id=served.inbox_id)
    assert stats.estimate_wait(1) is None
    for conversation in [served, *waiting[:2]]:
        conversation.refresh_from_db()
        routed(services.change_status, conversation=conversation, status="resolved")
    stats = selectors.queue_stats(inbox_id=served.inbox_id)
    assert stats.average_wait_seconds > 0
    assert stats.handoff_interval_seconds > 0
    assert stats.estimate_wait(2) == round(2 * stats.handoff_interval_seconds)


def test_draining_an_empty_queue_reads_no_roster(
    account, agent, second_agent, inbox, django_assert_max_num_queries
):
    """Capacity changes (a member added, an agent online) drain the queue after
    commit; with nobody waiting that costs the lock and one check, not a read
    of every agent's load, so adding many members stays linear."""
    for _ in range(20):
        user = factories.UserFactory()
        factories.AccountUserFactory(account=account, user=user)
        factories.InboxMemberFactory(inbox=inbox, user=user)
    # The lock and the check, within a savepoint (its two statements).
    with django_assert_max_num_queries(4):
        assert drain_queue(account_id=account.pk) == 0
