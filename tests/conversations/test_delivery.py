"""Delivery state rules: states only move forward, each side marks only the
other side's messages, notes and activity lines are never marked, a failed
upload fails the message with its reason, and pushes are one job per
conversation per window."""

from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conversations import delivery, services
from conversations.models import Message
from tests import factories

pytestmark = pytest.mark.django_db

OUTGOING = Message.MessageType.OUTGOING
INCOMING = Message.MessageType.INCOMING
PUSH_TASK = "conversations.tasks.push_message_statuses"


@pytest.fixture(autouse=True)
def fresh_push_windows():
    cache.clear()
    yield
    cache.clear()


def message(conversation, message_type=OUTGOING, **fields) -> Message:
    return factories.MessageFactory(
        conversation=conversation, message_type=message_type, **fields
    )


def statuses(*messages: Message) -> list[str]:
    return [Message.objects.get(pk=found.pk).status for found in messages]


def delivered(conversation, *, to_contact: bool, up_to: int) -> None:
    delivery.record_deliveries(
        [
            delivery.Delivered(
                account_id=conversation.account_id,
                conversation_id=conversation.pk,
                to_contact=to_contact,
                up_to=up_to,
            )
        ]
    )


def test_delivery_marks_one_direction_up_to_the_message(conversation, agent):
    """Delivered to the contact up to a reply: earlier replies too, not later
    ones, not the contact's own messages, not notes or activity lines."""
    first = message(conversation, sender_user=agent)
    from_contact = message(conversation, INCOMING)
    note = message(conversation, private=True, sender_user=agent)
    activity = message(conversation, Message.MessageType.ACTIVITY)
    second = message(conversation, sender_user=agent)
    later = message(conversation, sender_user=agent)
    delivered(conversation, to_contact=True, up_to=second.pk)
    assert statuses(first, from_contact, note, activity, second, later) == [
        "delivered",
        "sent",
        "sent",
        "sent",
        "delivered",
        "sent",
    ]


def test_states_never_go_back(conversation, agent):
    """A read message stays read and a failed one stays failed when a later
    delivery covers them; a delivery for another account's ids marks nothing."""
    read = message(conversation, sender_user=agent)
    services.mark_seen_by_contact(conversation=conversation)
    failed = message(conversation, sender_user=agent, status="failed")
    fresh = message(conversation, sender_user=agent)
    delivery.record_deliveries(
        [
            delivery.Delivered(
                account_id=factories.AccountFactory().pk,
                conversation_id=conversation.pk,
                to_contact=True,
                up_to=fresh.pk,
            )
        ]
    )
    assert statuses(read, failed, fresh) == ["read", "failed", "sent"]
    delivered(conversation, to_contact=True, up_to=fresh.pk)
    assert statuses(read, failed, fresh) == ["read", "failed", "delivered"]
    delivered(conversation, to_contact=True, up_to=read.pk)
    assert statuses(read) == ["read"]


def test_each_side_reads_only_the_other_sides_messages(conversation, agent):
    """The contact's last seen reads the agents' replies, the agent's reads
    the contact's messages; notes, activity lines and messages created after
    the last seen stay as they were; another conversation is untouched."""
    reply = message(conversation, sender_user=agent)
    prompt = message(conversation, Message.MessageType.TEMPLATE)
    question = message(conversation, INCOMING)
    note = message(conversation, private=True, sender_user=agent)
    other = factories.ConversationFactory(contact_inbox=conversation.contact_inbox)
    elsewhere = message(other, sender_user=agent)
    services.mark_seen_by_contact(conversation=conversation)
    assert statuses(reply, prompt, question, note, elsewhere) == [
        "read",
        "read",
        "sent",
        "sent",
        "sent",
    ]
    services.mark_seen_by_agent(conversation=conversation, user=agent)
    assert statuses(question, note) == ["read", "sent"]
    newer = message(conversation, sender_user=agent)
    Message.objects.filter(pk=newer.pk).update(
        created_at=timezone.now() + timedelta(minutes=1)
    )
    services.mark_seen_by_contact(conversation=conversation)
    assert statuses(newer) == ["sent"]


def test_attachment_the_storage_refuses_fails_the_message(
    conversation, agent, settings, tmp_path
):
    """The storage cannot write (the media folder is a file): the message is
    kept without the file, failed, with the file named in external_error."""
    blocker = tmp_path / "media"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = str(blocker)
    created = services.create_message(
        conversation=conversation,
        message_type=OUTGOING,
        sender=agent,
        content="See attached",
        attachments=[
            SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
        ],
    )
    stored = Message.objects.get(pk=created.pk)
    assert (created.status, stored.status) == ("failed", "failed")
    assert stored.content_attributes["external_error"] == (
        "Could not store the attachment: notes.txt"
    )
    assert stored.attachments.count() == 0
    assert stored.content == "See attached"


def test_one_push_job_per_conversation_per_window(
    conversation, agent, django_capture_on_commit_callbacks
):
    """Many changes to one conversation in a window enqueue one push job,
    run after the window; another conversation gets its own; once the
    window has passed, a change enqueues the next."""
    other = factories.ConversationFactory(contact_inbox=conversation.contact_inbox)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            reply = message(conversation, sender_user=agent)
            delivered(conversation, to_contact=True, up_to=reply.pk)
        message(other, INCOMING)
        services.mark_seen_by_agent(conversation=other, user=agent)
    jobs = DBTaskResult.objects.filter(task_path=PUSH_TASK)
    by_conversation = sorted(
        job.args_kwargs["kwargs"]["conversation_id"] for job in jobs
    )
    assert by_conversation == sorted([conversation.pk, other.pk])
    assert all(job.run_after > job.enqueued_at for job in jobs)
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply = message(conversation, sender_user=agent)
        delivered(conversation, to_contact=True, up_to=reply.pk)
    assert DBTaskResult.objects.filter(task_path=PUSH_TASK).count() == 3


def test_no_change_enqueues_nothing(
    conversation, agent, django_capture_on_commit_callbacks
):
    """A delivery or a last seen that changes no state schedules no push."""
    with django_capture_on_commit_callbacks(execute=True):
        note = message(conversation, private=True, sender_user=agent)
        delivered(conversation, to_contact=True, up_to=note.pk)
        services.mark_seen_by_contact(conversation=conversation)
    assert not DBTaskResult.objects.filter(task_path=PUSH_TASK).exists()


def test_one_record_covers_several_conversations_and_directions(conversation, agent):
    """One call records each conversation and direction up to its own id."""
    other = factories.ConversationFactory(contact_inbox=conversation.contact_inbox)
    reply = message(conversation, sender_user=agent)
    later_reply = message(conversation, sender_user=agent)
    question = message(other, INCOMING)
    other_reply = message(other, sender_user=agent)
    delivery.record_deliveries(
        [
            delivery.Delivered(
                account_id=conversation.account_id,
                conversation_id=conversation.pk,
                to_contact=True,
                up_to=reply.pk,
            ),
            delivery.Delivered(
                account_id=other.account_id,
                conversation_id=other.pk,
                to_contact=False,
                up_to=other_reply.pk,
            ),
        ]
    )
    assert statuses(reply, later_reply, question, other_reply) == [
        "delivered",
        "sent",
        "delivered",
        "sent",
    ]
