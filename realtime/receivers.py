"""Signal receivers that turn the changes the services announce into realtime
events (and, for access, model saves).

Each receiver only decides which registered event a change is and calls
``publish``; payloads and audiences live in ``realtime/events.py``. Connected in
``RealtimeConfig.ready()``.
"""

from typing import Any

from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from accounts.models import Account, AccountUser, Inbox, InboxMember, User
from accounts.signals import availability_changed as availability_was_set
from agentchat.models import AgentChat, AgentChatMessage
from agentchat.signals import (
    chat_message_posted,
    chat_started,
    chat_typing_changed,
    chat_updated,
)
from calls.models import Call
from calls.signals import call_signalled, call_updated
from collaboration import capabilities
from collaboration.models import Participant
from collaboration.signals import (
    conversation_transferred,
    operation_failed,
    participant_joined,
    participant_left,
)
from contacts.models import Contact
from contacts.signals import (
    contact_created,
    contact_deleted,
    contact_updated,
    contacts_merged,
)
from conversations.models import Conversation, Message
from conversations.signals import (
    conversation_changed,
    conversation_created,
    conversation_mentioned,
    message_created,
    message_statuses_changed,
    message_updated,
    typing_changed,
    visitor_page_changed,
)
from notifications import signals as notification_signals
from notifications.models import Notification
from notifications.services import RemovedNotification
from realtime.events import (
    CallSignal,
    CallUpdate,
    ChatTyping,
    Failure,
    Mention,
    Transfer,
    Typing,
    VisitorPage,
    publish,
    revoke_stream,
)
from realtime.presence import pushed_on_availability
from realtime.streams import membership_stream
from routing import signals as routing_signals
from routing.changes import capacity_moves
from routing.selectors import QueuePlace, agent_capacity

# A save touching only these fields is the bookkeeping of a new message, which
# clients learn from message.created (as in the reference).
MESSAGE_BOOKKEEPING = frozenset(
    {"last_activity_at", "updated_at", "first_reply_created_at"}
)

# Tracked conversation fields and the event each change publishes.
CONVERSATION_CHANGES = {
    "assignee_id": "assignee.changed",
    "team_id": "team.changed",
    "contact_last_seen_at": "conversation.read",
    "contact_id": "conversation.contact_changed",
}


def conversation_was_created(
    sender: type, conversation: Conversation, **kwargs
) -> None:
    publish("conversation.created", about=conversation)


def conversation_was_changed(
    sender: type,
    conversation: Conversation,
    changes: dict[str, tuple[Any, Any]],
    fields: Any,
    **kwargs,
) -> None:
    # One publish for every event of this save: the payload, which they
    # share, is serialised once (a hand-off is assignee.changed and
    # conversation.dequeued).
    names = []
    if "status" in changes:
        names += ["conversation.status_changed", "conversation.updated"]
    names += [name for field, name in CONVERSATION_CHANGES.items() if field in changes]
    if "waiting_since" in changes:
        joined = changes["waiting_since"][1] is not None
        names.append("conversation.queued" if joined else "conversation.dequeued")
    if names:
        publish(*names, about=conversation)
    for capacity in capacity_moves(conversation, changes):
        publish(
            "agent.available" if capacity.available else "agent.unavailable",
            about=capacity,
        )
    for change in capabilities.changes_of_save(
        conversation=conversation, changes=changes
    ):
        publish("conversation.capabilities_changed", about=change)
    if changes or _is_message_bookkeeping(fields):
        return
    publish("conversation.updated", about=conversation)


def queue_places_were_moved(sender: type, places: list[QueuePlace], **kwargs) -> None:
    for place in places:
        publish("conversation.queue_position", about=place)


def participation_changed(participant: Participant) -> None:
    """Joining, leaving or changing how one takes part changes what one may do."""
    change = capabilities.change_of(
        conversation=participant.conversation, user_id=participant.user_id
    )
    if change is not None:
        publish("conversation.capabilities_changed", about=change)


def _is_message_bookkeeping(update_fields: Any) -> bool:
    return bool(update_fields) and (
        "last_activity_at" in update_fields
        and MESSAGE_BOOKKEEPING.issuperset(update_fields)
    )


def message_statuses_were_changed(
    sender: type, messages: list[Message], **kwargs
) -> None:
    for message in messages:
        publish("message.updated", about=message)


def message_was_created(
    sender: type, message: Message, first_reply: bool, **kwargs
) -> None:
    if first_reply:
        publish("message.created", "first.reply.created", about=message)
    else:
        publish("message.created", about=message)


def message_was_updated(sender: type, message: Message, **kwargs) -> None:
    publish("message.updated", about=message)


def contact_was_created(sender: type, contact: Contact, **kwargs) -> None:
    publish("contact.created", about=contact)


def contact_was_updated(sender: type, contact: Contact, **kwargs) -> None:
    publish("contact.updated", about=contact)


def contact_was_deleted(sender: type, contact: Contact, **kwargs) -> None:
    publish("contact.deleted", about=contact)


def contacts_were_merged(
    sender: type, base: Contact, mergee_id: int, moved: list[Conversation], **kwargs
) -> None:
    for conversation in moved:
        publish("conversation.contact_changed", about=conversation)
    publish("contact.merged", about=base)


def typing_was_changed(
    sender: type,
    conversation: Conversation,
    actor: User | Contact,
    is_typing: bool,
    is_private: bool,
    **kwargs,
) -> None:
    name = "conversation.typing_on" if is_typing else "conversation.typing_off"
    publish(name, about=Typing(conversation, actor, is_private), actor=actor)


def user_was_mentioned(
    sender: type, conversation: Conversation, user: User, **kwargs
) -> None:
    publish("conversation.mentioned", about=Mention(conversation, user))


def participant_has_joined(sender: type, participant: Participant, **kwargs) -> None:
    # A consultant invited to join visibly joins again, as an invited agent.
    publish("conversation.participant_joined", about=participant)
    participation_changed(participant)


def participant_has_left(sender: type, participant: Participant, **kwargs) -> None:
    publish("conversation.participant_left", about=participant)
    participation_changed(participant)


def conversation_was_transferred(
    sender: type,
    conversation: Conversation,
    actor: User,
    note: Message | None,
    assignee: User | None,
    team: Any,
    **kwargs,
) -> None:
    publish(
        "conversation.transferred",
        about=Transfer(conversation, actor, note, assignee, team),
        actor=actor,
    )


def operation_did_fail(
    sender: type,
    user: User,
    conversation: Conversation,
    operation: str,
    code: str,
    reason: str,
    **kwargs,
) -> None:
    publish(
        "operation.failed",
        about=Failure(user, conversation, operation, code, reason),
    )


def call_was_updated(sender: type, call: Call, rung: bool, **kwargs) -> None:
    publish("call.updated", about=CallUpdate(call, rung))


def call_was_signalled(
    sender: type, call: Call, sender_side: str, data: dict, **kwargs
) -> None:
    publish("call.signal", about=CallSignal(call, sender_side, data))


def chat_was_started(sender: type, chat: AgentChat, **kwargs) -> None:
    publish("agent_chat.created", about=chat)


def chat_was_updated(sender: type, chat: AgentChat, **kwargs) -> None:
    publish("agent_chat.updated", about=chat)


def chat_message_was_posted(sender: type, message: AgentChatMessage, **kwargs) -> None:
    publish("agent_chat.message_created", about=message)


def chat_typing_was_changed(
    sender: type, chat: AgentChat, user: User, is_typing: bool, **kwargs
) -> None:
    name = "agent_chat.typing_on" if is_typing else "agent_chat.typing_off"
    publish(name, about=ChatTyping(chat, user), actor=user)


def notification_was_created(
    sender: type, notification: Notification, **kwargs
) -> None:
    publish("notification.created", about=notification)


def notification_was_updated(
    sender: type, notification: Notification, **kwargs
) -> None:
    publish("notification.updated", about=notification)


def notification_was_deleted(
    sender: type, removed: RemovedNotification, **kwargs
) -> None:
    publish("notification.deleted", about=removed)


def user_saving(sender: type, instance: User, update_fields: Any, **kwargs) -> None:
    # A new password rotates the token and a deactivated user keeps none: the
    # subscriptions holding the old token end, and the user's accounts hear
    # events on the new token (or not at all) from now on.
    if instance.pk is None or (
        update_fields and not {"pubsub_token", "is_active"} & set(update_fields)
    ):
        return
    stored = (
        User.objects.filter(pk=instance.pk)
        .values_list("pubsub_token", "is_active")
        .first()
    )
    if stored is None:
        return
    old_token, was_active = stored
    if old_token != instance.pubsub_token or was_active != instance.is_active:
        Account.change_roster(
            AccountUser.objects.filter(user_id=instance.pk).values("account_id")
        )
    if old_token != instance.pubsub_token or (was_active and not instance.is_active):
        revoke_stream(old_token)


def availability_changed(
    sender: type,
    instance: AccountUser,
    created: bool,
    update_fields: Any = None,
    **kwargs,
) -> None:
    if created or (update_fields and "availability" not in update_fields):
        return
    capacity = agent_capacity(membership=instance)
    publish(
        "agent.available" if capacity.available else "agent.unavailable",
        about=capacity,
    )


def agent_availability_changed(sender: type, membership: AccountUser, **kwargs) -> None:
    # Chosen in the profile or set by auto-offline: the dashboards' dots and
    # the widgets' "online" follow at once, not at the next heartbeat.
    for presence in pushed_on_availability(membership):
        publish("presence.update", about=presence)


def visitor_page_was_changed(
    sender: type, conversation: Conversation, present: bool, **kwargs
) -> None:
    publish("conversation.contact_presence", about=VisitorPage(conversation, present))


def membership_changed(
    sender: type, instance: AccountUser, update_fields: Any = None, **kwargs
) -> None:
    # Joining, leaving or changing role changes who hears the account's inboxes;
    # an agent's availability (saved alone, and often) does not.
    if update_fields and "role" not in update_fields:
        return
    Account.change_roster([instance.account_id])


def role_changed(sender: type, instance: AccountUser, **kwargs) -> None:
    if "role" not in instance.saved_changes:
        return
    for change in capabilities.changes_of_role(membership=instance):
        publish("conversation.capabilities_changed", about=change)


def inbox_member_changed(sender: type, instance: InboxMember, **kwargs) -> None:
    Account.change_roster(
        Inbox.objects.filter(pk=instance.inbox_id).values("account_id")
    )


def inbox_members_changed(
    sender: type, instance: Inbox | User, action: str, **kwargs
) -> None:
    # ``inbox.members.add()`` and friends save no InboxMember one by one.
    if not action.startswith("post_"):
        return
    if isinstance(instance, Inbox):
        Account.change_roster([instance.account_id])
    else:
        Account.change_roster(
            AccountUser.objects.filter(user_id=instance.pk).values("account_id")
        )


def membership_removing(sender: type, instance: AccountUser, **kwargs) -> None:
    # Only the subscriptions to the account being left end (on reconnecting
    # that account rejects them); the user's other accounts keep theirs.
    revoke_stream(
        membership_stream(account_id=instance.account_id, user_id=instance.user_id),
        reconnect=True,
    )


def connect() -> None:
    """Connect every receiver (idempotent: receivers are registered by uid)."""
    conversation_created.connect(conversation_was_created, dispatch_uid="rt-conv")
    conversation_changed.connect(conversation_was_changed, dispatch_uid="rt-conv-upd")
    message_created.connect(message_was_created, dispatch_uid="rt-message")
    message_updated.connect(message_was_updated, dispatch_uid="rt-message-upd")
    contact_created.connect(contact_was_created, dispatch_uid="rt-contact")
    contact_updated.connect(contact_was_updated, dispatch_uid="rt-contact-upd")
    contact_deleted.connect(contact_was_deleted, dispatch_uid="rt-contact-del")
    routing_signals.queue_places_moved.connect(
        queue_places_were_moved, dispatch_uid="rt-queue-places"
    )
    # Users and memberships are told by their saves: access must follow the
    # rows whatever wrote them (a shell, a cascade); their availability and
    # role events ride on the same saves until accounts announces them.
    pre_save.connect(user_saving, User, dispatch_uid="rt-user")
    pre_delete.connect(membership_removing, AccountUser, dispatch_uid="rt-member-del")
    post_save.connect(membership_changed, AccountUser, dispatch_uid="rt-roster-1")
    post_save.connect(availability_changed, AccountUser, dispatch_uid="rt-capacity")
    post_save.connect(role_changed, AccountUser, dispatch_uid="rt-role")
    post_delete.connect(membership_changed, AccountUser, dispatch_uid="rt-roster-2")
    post_save.connect(inbox_member_changed, InboxMember, dispatch_uid="rt-roster-3")
    post_delete.connect(inbox_member_changed, InboxMember, dispatch_uid="rt-roster-4")
    m2m_changed.connect(
        inbox_members_changed, Inbox.members.through, dispatch_uid="rt-roster-5"
    )
    contacts_merged.connect(contacts_were_merged, dispatch_uid="rt-merged")
    typing_changed.connect(typing_was_changed, dispatch_uid="rt-typing")
    message_statuses_changed.connect(
        message_statuses_were_changed, dispatch_uid="rt-message-statuses"
    )
    conversation_mentioned.connect(user_was_mentioned, dispatch_uid="rt-mention")
    participant_joined.connect(participant_has_joined, dispatch_uid="rt-participant")
    participant_left.connect(participant_has_left, dispatch_uid="rt-participant-del")
    conversation_transferred.connect(
        conversation_was_transferred, dispatch_uid="rt-transferred"
    )
    operation_failed.connect(operation_did_fail, dispatch_uid="rt-op-failed")
    call_updated.connect(call_was_updated, dispatch_uid="rt-call")
    call_signalled.connect(call_was_signalled, dispatch_uid="rt-call-signal")
    routing_signals.agent_went_offline.connect(
        agent_availability_changed, dispatch_uid="rt-went-offline"
    )
    availability_was_set.connect(
        agent_availability_changed, dispatch_uid="rt-availability"
    )
    visitor_page_changed.connect(visitor_page_was_changed, dispatch_uid="rt-page")
    chat_started.connect(chat_was_started, dispatch_uid="rt-chat-started")
    chat_updated.connect(chat_was_updated, dispatch_uid="rt-chat")
    chat_message_posted.connect(chat_message_was_posted, dispatch_uid="rt-chat-msg")
    chat_typing_changed.connect(chat_typing_was_changed, dispatch_uid="rt-chat-typing")
    notification_signals.notification_created.connect(
        notification_was_created, dispatch_uid="rt-notification"
    )
    notification_signals.notification_updated.connect(
        notification_was_updated, dispatch_uid="rt-notification-upd"
    )
    notification_signals.notification_deleted.connect(
        notification_was_deleted, dispatch_uid="rt-notification-del"
    )
