"""Calls through their services: who may ring, answer and act; one live call
per conversation; inbox settings; the lines each step writes; the events and
their audiences; the end of a call whose connection does not come back."""

from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from calls import services, tasks
from calls.models import Call
from calls.selectors import Unknown, party_of
from calls.services import CallRefused
from conversations.models import Message
from tests import factories

pytestmark = pytest.mark.django_db


def ring(party, conversation, *, video=True) -> Call:
    return services.request_call(
        party=party, conversation_id=conversation.display_id, video=video
    )


def connected_call(as_agent, agent, visitor, conversation) -> Call:
    call = ring(as_agent(agent), conversation)
    services.accept_call(party=visitor, call_id=call.pk, video=True)
    return services.set_call_state(party=visitor, call_id=call.pk, state="active")


def call_lines(conversation) -> list[Message]:
    return list(
        Message.objects.filter(
            conversation=conversation, content_attributes__has_key="call"
        ).order_by("id")
    )


def refused(code: str, step, **kwargs) -> None:
    with pytest.raises(CallRefused) as caught:
        step(**kwargs)
    assert caught.value.code == code


### Requests


def test_one_live_call_per_conversation(
    as_agent, agent, colleague, visitor, conversation
):
    """A second request while a call rings or goes on is refused, whoever asks;
    once it ended, a new one rings."""
    call = ring(as_agent(agent), conversation)
    refused("call_in_progress", ring, party=visitor, conversation=conversation)
    refused(
        "call_in_progress", ring, party=as_agent(colleague), conversation=conversation
    )
    services.cancel_call(party=as_agent(agent), call_id=call.pk)
    assert ring(visitor, conversation, video=False).state == "ringing"
    assert Call.objects.filter(conversation=conversation).count() == 2


def test_calls_off_in_the_inbox(as_agent, agent, visitor, conversation, inbox):
    """An inbox with calls turned off refuses both sides' requests."""
    inbox.calls_enabled = False
    inbox.save()
    refused("calls_off", ring, party=as_agent(agent), conversation=conversation)
    refused("calls_off", ring, party=visitor, conversation=conversation)
    assert not Call.objects.exists()


def test_an_agent_who_may_not_reply_cannot_call(
    as_agent, agent, colleague, conversation
):
    """While a colleague is assigned, an agent who may not reply is refused."""
    conversation.assignee = colleague
    conversation.save()
    refused("no_access", ring, party=as_agent(agent), conversation=conversation)
    assert ring(as_agent(colleague), conversation).agent == colleague


def test_ids_out_of_reach_are_unknown(
    as_agent, agent, visitor, conversation, other_account_conversation, account, inbox
):
    """Another account's conversation and call, and another visitor's
    conversation, are unknown: never refused as if they existed."""
    foreign = other_account_conversation
    # Display ids count per account: one with no conversation here is unknown.
    with pytest.raises(Unknown):
        services.request_call(party=as_agent(agent), conversation_id=999, video=True)
    foreign_agent = factories.UserFactory()
    factories.AccountUserFactory(account=foreign.account, user=foreign_agent)
    factories.InboxMemberFactory(inbox=foreign.inbox, user=foreign_agent)
    foreign_call = ring(
        party_of(account_id=foreign.account_id, user_id=foreign_agent.pk), foreign
    )
    for step in (services.accept_call, services.hang_up_call, services.cancel_call):
        extra = {"video": True} if step is services.accept_call else {}
        with pytest.raises(Unknown):
            step(party=as_agent(agent), call_id=foreign_call.pk, **extra)
        with pytest.raises(Unknown):
            step(party=visitor, call_id=foreign_call.pk, **extra)
    # Another visitor's conversation in the same inbox.
    other = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            contact=factories.ContactFactory(account=account), inbox=inbox
        )
    )
    other_call = ring(as_agent(agent), other)
    with pytest.raises(Unknown):
        ring(visitor, other)
    with pytest.raises(Unknown):
        services.accept_call(party=visitor, call_id=other_call.pk, video=True)
    assert party_of(account_id=foreign.account_id, user_id=agent.pk) is None


### Answers


def test_first_agent_to_answer_a_visitors_call_takes_it(
    as_agent, agent, colleague, visitor, conversation
):
    """A visitor's call rings every agent who may reply; the first to answer
    becomes its agent, the next one hears it was answered already."""
    call = ring(visitor, conversation)
    assert call.agent is None
    refused(
        "no_access", services.accept_call, party=visitor, call_id=call.pk, video=True
    )
    services.accept_call(party=as_agent(colleague), call_id=call.pk, video=True)
    refused(
        "already_answered",
        services.accept_call,
        party=as_agent(agent),
        call_id=call.pk,
        video=True,
    )
    call.refresh_from_db()
    assert call.agent == colleague and call.state == "accepted"
    # Only the call's agent acts on it now.
    refused("no_access", services.hang_up_call, party=as_agent(agent), call_id=call.pk)


def test_reject_and_cancel(as_agent, agent, visitor, conversation):
    """Declining ends a ringing call as rejected; cancelling one's own request
    is a missed call; neither can happen twice."""
    call = ring(as_agent(agent), conversation)
    refused("no_access", services.reject_call, party=as_agent(agent), call_id=call.pk)
    services.reject_call(party=visitor, call_id=call.pk)
    call.refresh_from_db()
    assert (call.state, call.ended_by) == ("rejected", "contact")
    refused("call_over", services.reject_call, party=visitor, call_id=call.pk)
    second = ring(visitor, conversation, video=False)
    refused("no_access", services.cancel_call, party=as_agent(agent), call_id=second.pk)
    services.cancel_call(party=visitor, call_id=second.pk)
    second.refresh_from_db()
    assert (second.state, second.ended_by) == ("ended", "contact")
    kinds = [
        line.content_attributes["i18n"]["kind"] for line in call_lines(conversation)
    ]
    assert kinds == [
        "call.requested.video",
        "call.rejected",
        "call.requested.voice",
        "call.missed",
    ]


### During the call


def test_screen_sharing_for_visitors_only_when_allowed(
    as_agent, agent, visitor, conversation, inbox
):
    """The agent shares freely; the visitor only where the inbox allows it;
    each start and stop is a line."""
    call = connected_call(as_agent, agent, visitor, conversation)
    refused(
        "screen_sharing_off",
        services.share_screen,
        party=visitor,
        call_id=call.pk,
        sharing=True,
    )
    services.share_screen(party=as_agent(agent), call_id=call.pk, sharing=True)
    assert Call.objects.get().screen_sharing == "agent"
    services.share_screen(party=as_agent(agent), call_id=call.pk, sharing=False)
    inbox.visitor_screen_sharing = True
    inbox.save()
    services.share_screen(party=visitor, call_id=call.pk, sharing=True)
    assert Call.objects.get().screen_sharing == "contact"
    services.hang_up_call(party=visitor, call_id=call.pk)
    kinds = [
        line.content_attributes["i18n"]["kind"] for line in call_lines(conversation)
    ]
    assert kinds[3:] == [
        "call.screen.started",
        "call.screen.ended",
        "call.screen.started",
        "call.ended",
    ]
    names = [line.content for line in call_lines(conversation)[3:6]]
    assert names == [
        "Alex Agent is sharing their screen",
        "Alex Agent stopped sharing their screen",
        "Vera Visitor is sharing their screen",
    ]
    assert Call.objects.get().screen_sharing == ""


def test_lines_the_transcript_keeps(as_agent, agent, visitor, conversation):
    """Every step is an activity line the visitor reads, with its seed type,
    who took it and, at the end, how long the call was connected."""
    call = connected_call(as_agent, agent, visitor, conversation)
    Call.objects.filter(pk=call.pk).update(
        connected_at=timezone.now() - timedelta(seconds=65)
    )
    services.hang_up_call(party=as_agent(agent), call_id=call.pk)
    lines = call_lines(conversation)
    assert [line.content for line in lines] == [
        "Alex Agent started a video call",
        "Vera Visitor answered the call",
        "Call connected",
        "Call ended after 1:05",
    ]
    assert [line.content_attributes["call"] for line in lines] == [
        {
            "id": call.pk,
            "type": "videoRequestedByAgent",
            "audio": True,
            "video": True,
            "by": "agent",
        },
        {
            "id": call.pk,
            "type": "videoAccepted",
            "audio": True,
            "video": True,
            "by": "contact",
        },
        {
            "id": call.pk,
            "type": "videoStarted",
            "audio": True,
            "video": True,
            "by": "contact",
        },
        {
            "id": call.pk,
            "type": "videoEnded",
            "audio": True,
            "video": True,
            "by": "agent",
            "duration": 65,
        },
    ]
    assert all(line.is_visible_to_contact for line in lines)
    assert all(line.message_type == Message.MessageType.ACTIVITY for line in lines)


def test_markup_in_a_name_stays_a_parameter(as_agent, agent, visitor, conversation):
    """A name holding markup is stored as given, as a parameter the front
    ends draw as text."""
    agent.name = "<img src=x onerror=alert(1)>"
    agent.save()
    ring(as_agent(agent), conversation)
    [line] = call_lines(conversation)
    assert line.content_attributes["i18n"]["params"] == {"name": agent.name}


### A lost connection


def test_an_interrupted_call_ends_after_the_resume_window(
    as_agent, agent, visitor, conversation, settings
):
    """Losing the connection schedules the call's end
    ONECHAT_CALL_RESUME_SECONDS later; the job ends it (by the system) when
    it is still interrupted, and leaves a call that came back alone."""
    settings.ONECHAT_CALL_RESUME_SECONDS = 45
    call = connected_call(as_agent, agent, visitor, conversation)
    services.set_call_state(party=as_agent(agent), call_id=call.pk, state="interrupted")
    [job] = DBTaskResult.objects.filter(task_path="calls.tasks.end_interrupted_call")
    call.refresh_from_db()
    assert job.run_after == call.interrupted_at + timedelta(seconds=45)
    # Back in time: the job changes nothing.
    services.set_call_state(party=visitor, call_id=call.pk, state="active")
    tasks.end_interrupted_call.call(**job.args_kwargs["kwargs"])
    assert Call.objects.get().state == "active"
    # Lost again and not back: the newest job ends it.
    services.set_call_state(party=visitor, call_id=call.pk, state="interrupted")
    latest = DBTaskResult.objects.filter(
        task_path="calls.tasks.end_interrupted_call"
    ).latest("enqueued_at")
    tasks.end_interrupted_call.call(**job.args_kwargs["kwargs"])
    assert Call.objects.get().state == "interrupted"
    tasks.end_interrupted_call.call(**latest.args_kwargs["kwargs"])
    call.refresh_from_db()
    assert (call.state, call.ended_by) == ("ended", "system")
    assert (
        call_lines(conversation)[-1].content_attributes["i18n"]["kind"] == "call.ended"
    )


def jobs(task: str) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=f"calls.tasks.{task}").order_by("id")
    )


def test_a_call_nobody_answers_is_missed(
    as_agent, agent, visitor, conversation, settings
):
    """A request schedules its end ONECHAT_CALL_RING_SECONDS later: still
    ringing then, it is a missed call and the conversation may call again;
    answered by then, the job changes nothing."""
    settings.ONECHAT_CALL_RING_SECONDS = 30
    call = ring(visitor, conversation)
    [job] = jobs("end_unanswered_call")
    assert job.run_after == call.created_at + timedelta(seconds=30)
    tasks.end_unanswered_call.call(**job.args_kwargs["kwargs"])
    call.refresh_from_db()
    assert (call.state, call.ended_by) == ("missed", "system")
    assert call_lines(conversation)[-1].content == "Missed call"
    answered = ring(as_agent(agent), conversation)
    services.accept_call(party=visitor, call_id=answered.pk, video=False)
    tasks.end_unanswered_call.call(call_id=answered.pk)
    assert Call.objects.get(pk=answered.pk).state == "accepted"


def test_an_answered_call_that_never_connects_ends(
    as_agent, agent, visitor, conversation, settings
):
    """Answered but never connected within ONECHAT_CALL_RESUME_SECONDS (both
    browsers gone), the call ends; a connected one is left alone."""
    settings.ONECHAT_CALL_RESUME_SECONDS = 20
    call = ring(as_agent(agent), conversation)
    services.accept_call(party=visitor, call_id=call.pk, video=True)
    [job] = jobs("end_unconnected_call")
    call.refresh_from_db()
    assert job.run_after == call.answered_at + timedelta(seconds=20)
    tasks.end_unconnected_call.call(**job.args_kwargs["kwargs"])
    call.refresh_from_db()
    assert (call.state, call.ended_by, call.duration) == ("ended", "system", None)
    live = connected_call(as_agent, agent, visitor, conversation)
    tasks.end_unconnected_call.call(call_id=live.pk)
    assert Call.objects.get(pk=live.pk).state == "active"


def test_steps_need_a_live_answered_call(as_agent, agent, visitor, conversation):
    """State and screen changes wait for an answer; nothing is taken once
    the call is over."""
    call = ring(as_agent(agent), conversation)
    refused(
        "not_answered",
        services.set_call_state,
        party=visitor,
        call_id=call.pk,
        state="active",
    )
    services.hang_up_call(party=visitor, call_id=call.pk)
    refused("call_over", services.hang_up_call, party=visitor, call_id=call.pk)
    refused(
        "call_over",
        services.relay_signal,
        party=as_agent(agent),
        call_id=call.pk,
        signal={"type": "offer"},
    )


def test_a_nameless_visitor_is_the_visitor_in_each_readers_language(
    as_agent, agent, visitor, conversation
):
    """A contact with neither name nor email is "The visitor" in its lines, as
    a kind each front end translates, never a bare id."""
    conversation.contact.name = ""
    conversation.contact.email = None
    conversation.contact.save()
    conversation.inbox.visitor_screen_sharing = True
    conversation.inbox.save()
    call = ring(visitor, conversation, video=False)
    services.accept_call(party=as_agent(agent), call_id=call.pk, video=False)
    services.share_screen(party=visitor, call_id=call.pk, sharing=True)
    lines = call_lines(conversation)
    kinds = [line.content_attributes["i18n"]["kind"] for line in lines]
    assert kinds == [
        "call.requested.voice.visitor",
        "call.accepted",
        "call.screen.started.visitor",
    ]
    assert lines[0].content == "The visitor started a voice call"
    assert all(f"#{conversation.contact.pk}" not in line.content for line in lines)
