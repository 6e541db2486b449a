"""Rules run after commit in a job: enqueued in the change's transaction
when the account has an active rule of the event, conditions checked on the
conversation, contact and message as they are then, each action done
through the conversations' services, each check recorded, and a rule's own
changes starting no rule again."""

import pytest

from accounts.models import CustomAttributeDefinition
from automation import services as automation_services
from automation.models import AutomationRule, AutomationRun
from conversations import services
from conversations.models import Conversation, Label, Message
from tests.automation.conftest import jobs, run_jobs
from tests.webhooks.conftest import Receiver
from tests.webhooks.conftest import run_jobs as run_webhook_jobs

pytestmark = pytest.mark.django_db


def rule(account, event="message_created", conditions=None, actions=None, **fields):
    return AutomationRule.objects.create(
        account=account,
        name="rule",
        event_name=event,
        conditions=conditions
        if conditions is not None
        else [
            {
                "attribute_key": "content",
                "filter_operator": "contains",
                "values": ["bug"],
            }
        ],
        actions=actions or [{"action_name": "add_label", "action_params": ["bug"]}],
        **fields,
    )


def incoming(conversation, content="I found a bug"):
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
    )


def titles(conversation):
    return sorted(conversation.labels.values_list("title", flat=True))


def test_no_rule_no_job(conversation):
    """Without an active rule of the event, a change enqueues nothing."""
    incoming(conversation)
    assert jobs() == []


def test_inactive_rules_do_not_run(account, conversation, labels):
    """A rule turned off enqueues nothing."""
    rule(account, active=False)
    incoming(conversation)
    assert jobs() == []


def test_message_rule_runs_in_a_job_and_is_recorded(account, conversation, labels):
    """The message enqueues a job; the job labels the conversation and
    records a matched run with the actions taken."""
    found = rule(account)
    incoming(conversation)
    assert titles(conversation) == []
    assert run_jobs() == 1
    assert titles(conversation) == ["bug"]
    [run] = AutomationRun.objects.all()
    assert (run.rule, run.conversation, run.matched) == (found, conversation, True)
    assert run.actions_taken == ["add_label"]
    assert run.error == ""


def test_unmatched_rules_are_recorded_and_do_nothing(account, conversation, labels):
    """A rule whose conditions fail is recorded as not matched, with no action."""
    rule(account)
    incoming(conversation, "Just saying hello")
    run_jobs()
    assert titles(conversation) == []
    [run] = AutomationRun.objects.all()
    assert run.matched is False
    assert run.actions_taken == []


@pytest.mark.parametrize(
    ("conditions", "matched"),
    [
        (
            [
                {
                    "attribute_key": "message_type",
                    "filter_operator": "equal_to",
                    "values": ["incoming"],
                }
            ],
            True,
        ),
        (
            [
                {
                    "attribute_key": "message_type",
                    "filter_operator": "equal_to",
                    "values": ["outgoing"],
                }
            ],
            False,
        ),
        (
            [
                {
                    "attribute_key": "status",
                    "filter_operator": "equal_to",
                    "values": ["open"],
                }
            ],
            True,
        ),
        (
            [
                {
                    "attribute_key": "email",
                    "filter_operator": "equal_to",
                    "values": ["vera@example.com"],
                }
            ],
            True,
        ),
        (
            [
                {
                    "attribute_key": "email",
                    "filter_operator": "contains",
                    "values": ["other.org"],
                }
            ],
            False,
        ),
        (
            [
                {
                    "attribute_key": "name",
                    "filter_operator": "starts_with",
                    "values": ["vera"],
                }
            ],
            True,
        ),
        (
            [
                {
                    "attribute_key": "browser_language",
                    "filter_operator": "equal_to",
                    "values": ["fr"],
                }
            ],
            True,
        ),
        (
            [
                {
                    "attribute_key": "labels",
                    "filter_operator": "equal_to",
                    "values": ["vip"],
                }
            ],
            True,
        ),
        (
            [
                {
                    "attribute_key": "plan",
                    "filter_operator": "equal_to",
                    "values": ["gold"],
                }
            ],
            True,
        ),
        (
            [
                {
                    "attribute_key": "priority",
                    "filter_operator": "equal_to",
                    "values": ["high"],
                }
            ],
            False,
        ),
        (
            [
                {
                    "attribute_key": "priority",
                    "filter_operator": "equal_to",
                    "values": ["high"],
                    "query_operator": "or",
                },
                {
                    "attribute_key": "content",
                    "filter_operator": "contains",
                    "values": ["BUG"],
                },
            ],
            True,
        ),
        (
            [
                {
                    "attribute_key": "status",
                    "filter_operator": "equal_to",
                    "values": ["open"],
                    "query_operator": "and",
                },
                {
                    "attribute_key": "content",
                    "filter_operator": "does_not_contain",
                    "values": ["bug"],
                },
            ],
            False,
        ),
    ],
)
def test_conditions(account, conversation, labels, conditions, matched):
    """Conversation, contact, custom and message attributes, AND before OR."""
    contact = conversation.contact
    contact.email = "vera@example.com"
    contact.custom_attributes = {"plan": "gold"}
    contact.save()
    conversation.additional_attributes = {"browser_language": "fr"}
    conversation.save()
    conversation.labels.add(labels[0])
    CustomAttributeDefinition.objects.create(
        account=account,
        attribute_model=CustomAttributeDefinition.Model.CONTACT,
        attribute_key="plan",
        attribute_display_name="Plan",
    )
    rule(account, conditions=conditions)
    incoming(conversation)
    run_jobs()
    assert AutomationRun.objects.get().matched is matched


def test_each_action(account, conversation, labels, team, agent, mailoutbox):
    """Every action changes the conversation through its service."""
    conversation.labels.add(labels[0])
    rule(
        account,
        event="conversation_created",
        conditions=[
            {
                "attribute_key": "status",
                "filter_operator": "equal_to",
                "values": ["open"],
            }
        ],
        actions=[
            {"action_name": "assign_agent", "action_params": [agent.pk]},
            {"action_name": "assign_team", "action_params": [team.pk]},
            {"action_name": "add_label", "action_params": ["bug"]},
            {"action_name": "remove_label", "action_params": ["vip"]},
            {"action_name": "change_priority", "action_params": ["urgent"]},
            {"action_name": "send_message", "action_params": ["We are on it."]},
            {"action_name": "add_private_note", "action_params": ["Check logs"]},
            {"action_name": "mute_conversation", "action_params": []},
            {
                "action_name": "send_email_to_team",
                "action_params": [{"team_ids": [team.pk], "message": "Look at this"}],
            },
            {"action_name": "snooze_conversation", "action_params": []},
        ],
    )
    team.members.add(agent)
    automation_services.run_rules(
        event_name="conversation_created", conversation_id=conversation.pk
    )
    conversation.refresh_from_db()
    run = AutomationRun.objects.get()
    assert run.error == ""
    assert len(run.actions_taken) == 10
    assert conversation.assignee == agent
    assert conversation.team == team
    assert titles(conversation) == ["bug"]
    assert conversation.priority == "urgent"
    # Muted (which resolved it), then snoozed by the last action.
    assert conversation.muted is True
    assert conversation.status == Conversation.Status.SNOOZED
    sent = Message.objects.filter(
        conversation=conversation, message_type=Message.MessageType.OUTGOING
    )
    assert sorted((m.content, m.private) for m in sent) == [
        ("Check logs", True),
        ("We are on it.", False),
    ]
    assert [m.to for m in mailoutbox] == [[agent.email]]


def test_send_email_transcript(account, conversation, agent, mailoutbox):
    """The messages the contact saw, one line each, go to the addresses;
    private notes stay out."""
    incoming(conversation, "My order is late")
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="Checking",
        sender=agent,
    )
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="internal",
        sender=agent,
        private=True,
    )
    rule(
        account,
        event="conversation_updated",
        conditions=[
            {
                "attribute_key": "status",
                "filter_operator": "equal_to",
                "values": ["open"],
            }
        ],
        actions=[
            {
                "action_name": "send_email_transcript",
                "action_params": ["boss@example.com"],
            }
        ],
    )
    automation_services.run_rules(
        event_name="conversation_updated", conversation_id=conversation.pk
    )
    [email] = mailoutbox
    assert email.to == ["boss@example.com"]
    assert email.body.splitlines() == [
        "Vera Visitor: My order is late",
        f"{agent.available_name}: Checking",
    ]


def test_resolve_and_open(account, conversation):
    """``resolve_conversation`` resolves the conversation."""
    rule(
        account,
        event="conversation_created",
        conditions=[
            {
                "attribute_key": "status",
                "filter_operator": "equal_to",
                "values": ["open"],
            }
        ],
        actions=[{"action_name": "resolve_conversation"}],
    )
    automation_services.run_rules(
        event_name="conversation_created", conversation_id=conversation.pk
    )
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED


def test_send_webhook_event(account, conversation, settings):
    """The conversation goes to the rule's URL as ``automation_event.<event>``,
    through the webhooks' outbox, to a real receiver, unsigned."""
    settings.ONECHAT_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    receiver = Receiver()
    try:
        rule(
            account,
            event="conversation_created",
            conditions=[
                {
                    "attribute_key": "status",
                    "filter_operator": "equal_to",
                    "values": ["open"],
                }
            ],
            actions=[
                {"action_name": "send_webhook_event", "action_params": [receiver.url]}
            ],
        )
        automation_services.run_rules(
            event_name="conversation_created", conversation_id=conversation.pk
        )
        run_webhook_jobs()
        [request] = receiver.received
    finally:
        receiver.close()
    body = request.json
    assert body["event"] == "automation_event.conversation_created"
    assert body["id"] == conversation.display_id
    assert body["account_id"] == account.pk
    assert "X-Chatwoot-Signature" not in request.headers
    assert request.headers["X-Chatwoot-Delivery"]


def test_a_rule_never_starts_itself_again(account, conversation):
    """A conversation_updated rule whose action updates the conversation runs
    once: its own change enqueues no job."""
    rule(
        account,
        event="conversation_updated",
        conditions=[
            {
                "attribute_key": "status",
                "filter_operator": "equal_to",
                "values": ["open"],
            }
        ],
        actions=[
            {"action_name": "change_priority", "action_params": ["high"]},
            {"action_name": "send_message", "action_params": ["Thanks"]},
        ],
    )
    rule(
        account,
        conditions=[
            {
                "attribute_key": "message_type",
                "filter_operator": "equal_to",
                "values": ["outgoing"],
            }
        ],
        actions=[{"action_name": "send_message", "action_params": ["Echo"]}],
    )
    services.update_conversation(conversation=conversation, priority="low")
    assert len(jobs()) == 1
    assert run_jobs() == 1
    conversation.refresh_from_db()
    assert conversation.priority == "high"
    assert AutomationRun.objects.count() == 1
    assert not Message.objects.filter(content="Echo").exists()


def test_rolled_back_change_enqueues_nothing(account, conversation, labels):
    """The job is written in the change's transaction: no change, no job."""
    from django.db import transaction

    rule(account)
    with pytest.raises(RuntimeError), transaction.atomic():
        incoming(conversation)
        raise RuntimeError
    assert jobs() == []


def test_opened_and_updated_events(account, conversation):
    """Reopening is conversation_opened and conversation_updated; a seen
    marker is neither."""
    conversation.status = Conversation.Status.RESOLVED
    conversation.save()
    for event in ("conversation_opened", "conversation_updated"):
        rule(
            account,
            event=event,
            conditions=[
                {
                    "attribute_key": "status",
                    "filter_operator": "equal_to",
                    "values": ["open"],
                }
            ],
            actions=[{"action_name": "change_priority", "action_params": ["high"]}],
        )
    services.mark_seen_by_contact(conversation=conversation)
    assert jobs() == []
    services.change_status(conversation=conversation, status=Conversation.Status.OPEN)
    run_jobs()
    assert sorted(AutomationRun.objects.values_list("event_name", "matched")) == [
        ("conversation_opened", True),
        ("conversation_updated", True),
    ]


def test_a_refused_action_stops_the_rest_and_is_recorded(account, conversation, agent):
    """An agent gone since the rule was saved: the run records the refusal."""
    rule(
        account,
        event="conversation_created",
        conditions=[
            {
                "attribute_key": "status",
                "filter_operator": "equal_to",
                "values": ["open"],
            }
        ],
        actions=[
            {"action_name": "assign_agent", "action_params": [agent.pk + 999]},
            {"action_name": "resolve_conversation"},
        ],
    )
    automation_services.run_rules(
        event_name="conversation_created", conversation_id=conversation.pk
    )
    run = AutomationRun.objects.get()
    assert run.actions_taken == []
    assert "assign_agent" in run.error
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN
    assert Label.objects.count() == 0


def test_rules_saved_later_are_seen_at_once(account, conversation, labels):
    """The events an account has rules of are cached; adding, turning off and
    deleting a rule forget them, so the next change sees the rules as they are."""
    incoming(conversation, "no rules yet")
    assert jobs() == []
    found = rule(account)
    incoming(conversation)
    assert len(jobs()) == 1
    found.active = False
    found.save()
    incoming(conversation)
    assert len(jobs()) == 1
    found.active = True
    found.save()
    found.delete()
    incoming(conversation)
    assert len(jobs()) == 1


def test_old_runs_are_forgotten(account, conversation, monkeypatch):
    """Each rule keeps its latest runs only."""
    monkeypatch.setattr(automation_services, "RUNS_KEPT", 2)
    rule(
        account,
        event="conversation_updated",
        conditions=[
            {
                "attribute_key": "status",
                "filter_operator": "equal_to",
                "values": ["open"],
            }
        ],
        actions=[{"action_name": "change_priority", "action_params": ["high"]}],
    )
    made = [
        automation_services.run_rules(
            event_name="conversation_updated", conversation_id=conversation.pk
        )[0].pk
        for _ in range(3)
    ]
    assert list(AutomationRun.objects.values_list("pk", flat=True)) == made[:0:-1]
