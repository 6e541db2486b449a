"""Who is notified of what: the work of the notification jobs.

Each function re-reads the change it was enqueued for and does nothing when
that moved on (reassigned meanwhile, the message deleted, the wait over), so
a job run late or twice is harmless.
"""

from datetime import datetime

from accounts.models import User
from collaboration.models import Participant
from conversations.models import Conversation, Message
from conversations.selectors import conversation_readers, stays_quiet
from conversations.services import mentioned_users
from notifications import services
from notifications.models import Kind, Notification

# Messages that are news to the agents: not activity lines nor templates.
NEWS = (Message.MessageType.INCOMING, Message.MessageType.OUTGOING)


def assigned(
    *, conversation_id: int, assignee_id: int, actor_id: int | None
) -> list[Notification]:
    """Tell the assignee a conversation is theirs, unless they took it
    themselves or it went to someone else meanwhile."""
    conversation = Conversation.objects.filter(
        pk=conversation_id, assignee_id=assignee_id
    ).first()
    if conversation is None or actor_id == assignee_id:
        return []
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return services.notify(
        kind=Kind.CONVERSATION_ASSIGNMENT,
        conversation=conversation,
        user_ids=[assignee_id],
        actor_id=actor_id,
        secondary_user=actor,
    )


def mentioned(*, message_id: int, user_id: int) -> list[Notification]:
    """Tell a user they were mentioned in a private note."""
    message = (
        Message.objects.select_related("conversation", "sender_user")
        .filter(pk=message_id, private=True)
        .first()
    )
    if message is None:
        return []
    return services.notify(
        kind=Kind.CONVERSATION_MENTION,
        conversation=message.conversation,
        user_ids=[user_id],
        actor_id=message.sender_user_id,
        message=message,
    )


def mentioned_ids(message: Message) -> set[int]:
    """The users a private note mentions (told by a mention, not as news)."""
    if not message.private:
        return set()
    found = mentioned_users(conversation=message.conversation, content=message.content)
    return {user.pk for user in found}


def may_interest_someone(message: Message) -> bool:
    """Cheap, in the message's transaction: whether a new-message job could
    notify anyone (an assignee who did not write it, or participants; nobody
    of the contact's words in a muted conversation)."""
    if message.message_type not in NEWS:
        return False
    conversation = message.conversation
    if stays_quiet(conversation=conversation, message_type=message.message_type):
        return False
    if conversation.assignee_id not in (None, message.sender_user_id):
        return True
    return Participant.objects.filter(conversation_id=conversation.pk).exists()


def new_message(*, message_id: int) -> list[Notification]:
    """Tell the conversation's assignee and participants of a new message,
    except its sender and those it mentions."""
    message = (
        Message.objects.select_related("conversation")
        .filter(pk=message_id, message_type__in=NEWS)
        .first()
    )
    if message is None:
        return []
    conversation = message.conversation
    # Muted since the message came: still nobody is told.
    if stays_quiet(conversation=conversation, message_type=message.message_type):
        return []
    skipped = mentioned_ids(message)
    written = []
    if conversation.assignee_id is not None and conversation.assignee_id not in skipped:
        written += services.notify(
            kind=Kind.ASSIGNED_CONVERSATION_NEW_MESSAGE,
            conversation=conversation,
            user_ids=[conversation.assignee_id],
            actor_id=message.sender_user_id,
            message=message,
        )
    participants = (
        set(
            Participant.objects.filter(conversation=conversation).values_list(
                "user_id", flat=True
            )
        )
        - skipped
        - {conversation.assignee_id}
    )
    written += services.notify(
        kind=Kind.PARTICIPATING_CONVERSATION_NEW_MESSAGE,
        conversation=conversation,
        user_ids=participants,
        actor_id=message.sender_user_id,
        message=message,
    )
    return written


def still_waiting(
    *, conversation_id: int, waiting_since: datetime
) -> list[Notification]:
    """Tell the conversation's readers it has waited in the queue past its
    inbox's threshold, when it still waits since ``waiting_since``."""
    conversation = Conversation.objects.filter(
        pk=conversation_id,
        status=Conversation.Status.OPEN,
        assignee__isnull=True,
        waiting_since=waiting_since,
    ).first()
    if conversation is None:
        return []
    return services.notify(
        kind=Kind.CONVERSATION_WAITING,
        conversation=conversation,
        user_ids=conversation_readers(conversation=conversation).values_list(
            "pk", flat=True
        ),
    )
