"""Reporting events written as conversations move: first responses, reply
times, resolutions timed from the start or the last reopening, reopenings,
queue waits and hand-offs, in all and within business hours."""

import pytest

from reports.models import ReportingEvent
from tests.reports.conftest import at

pytestmark = pytest.mark.django_db

HOUR = 3600.0
Name = ReportingEvent.Name


def figures(conversation, name):
    return list(
        ReportingEvent.objects.filter(conversation=conversation, name=name)
        .order_by("id")
        .values_list("value", "value_in_business_hours", "user_id")
    )


def test_first_response_and_reply_times(history):
    ana, ben = history.ana.pk, history.ben.pk
    # A: created 08:00, answered 10:00 (business hours open at 09:00).
    assert figures(history.a, Name.FIRST_RESPONSE) == [(2 * HOUR, HOUR, ana)]
    # Replies: 08:00 -> 10:00, 10:30 -> 11:00, Tue 09:00 -> 09:15.
    assert figures(history.a, Name.REPLY_TIME) == [
        (2 * HOUR, HOUR, ana),
        (0.5 * HOUR, 0.5 * HOUR, ana),
        (0.25 * HOUR, 0.25 * HOUR, ana),
    ]
    # B: created Mon 20:00, answered Tue 09:30 (the night counts nothing).
    assert figures(history.b, Name.FIRST_RESPONSE) == [(13.5 * HOUR, 0.5 * HOUR, ben)]


def test_resolution_timed_from_the_start_then_from_the_reopening(history):
    ana = history.ana.pk
    assert figures(history.a, Name.CONVERSATION_RESOLVED) == [
        (4 * HOUR, 3 * HOUR, ana),
        (HOUR, HOUR, ana),
    ]
    # Reopened Tue 09:00, 21 hours after its resolution (business: 12:00-17:00).
    assert figures(history.a, Name.CONVERSATION_OPENED) == [(21 * HOUR, 5 * HOUR, ana)]
    event = ReportingEvent.objects.get(
        conversation=history.a, name=Name.CONVERSATION_OPENED
    )
    assert event.event_start_time == at(0, 12) and event.event_end_time == at(1, 9)
    assert event.created_at == at(1, 9) and event.inbox_id == history.first.pk


def test_queue_wait_and_hand_off_between_agents(history):
    assert figures(history.c, Name.QUEUE_WAIT) == [
        (20 * 60.0, 20 * 60.0, history.ana.pk)
    ]
    assert figures(history.c, Name.CONVERSATION_AGENT_HANDOFF) == [
        (0.0, 0.0, history.ben.pk)
    ]
    assert figures(history.c, Name.FIRST_RESPONSE) == []
