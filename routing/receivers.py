"""When routing acts: the changes below it that open a conversation or free
capacity. Connected in ``RoutingConfig.ready()``.

Routing runs once the change has committed, in a transaction of its own: its
events follow the change's own (``conversation.created`` before
``assignee.changed``), and the account's row lock is held only while routing.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models.signals import m2m_changed, post_save
from django.utils import timezone

from accounts.models import Account, AccountUser, Inbox, InboxMember, TeamMember
from common.commit import after_commit
from conversations.models import Conversation, Message
from conversations.signals import (
    conversation_changed,
    conversation_created,
    message_created,
)
from routing import selectors, signals, tasks
from routing.changes import load_moves, note_queue_move
from routing.services import drain_queue, reply_when_away, route_conversation

# Membership fields whose change can give an agent room.
CAPACITY_FIELDS = frozenset({"availability", "auto_assignment_limit", "role"})


def conversation_was_created(
    sender: type, conversation: Conversation, **kwargs: Any
) -> None:
    if _wants_agent(conversation):
        after_commit("routing a conversation", _route, conversation)


def conversation_was_changed(
    sender: type,
    conversation: Conversation,
    changes: dict[str, tuple[Any, Any]],
    **kwargs: Any,
) -> None:
    note_queue_move(conversation, changes)
    if (
        "assignee_id" in changes
        and conversation.assignee_id is not None
        and conversation.status == Conversation.Status.OPEN
    ):
        # In the assigning transaction: the reassignment job commits with it.
        schedule_reassignment(conversation=conversation, since=timezone.now())
    if "status" in changes and _wants_agent(conversation):
        after_commit("routing a conversation", _route, conversation)
        return
    # An agent's open conversation resolved, snoozed or taken from them.
    lost_by, _ = load_moves(conversation, changes)
    if lost_by is not None:
        _drain_after_commit(conversation.account_id)


def _wants_agent(conversation: Conversation) -> bool:
    return (
        conversation.status == Conversation.Status.OPEN
        and conversation.assignee_id is None
    )


def message_was_created(sender: type, message: Message, **kwargs: Any) -> None:
    if message.sender_contact_id is None:
        return
    after_commit(
        "replying when away", reply_when_away, conversation=message.conversation
    )
    conversation = message.conversation
    # The first unanswered message starts the assignee's clock; the ones
    # after it wait on the same job.
    if (
        conversation.assignee_id is not None
        and selectors.inbox_minutes(conversation.inbox, "reassign_after_minutes")
        and selectors.unanswered_since(conversation) == message.created_at
    ):
        schedule_reassignment(conversation=conversation, since=message.created_at)


def _route(conversation: Conversation) -> None:
    route_conversation(conversation=conversation)
    # The saver's instance (often the one its view renders next) shows the
    # outcome: assigned, or waiting.
    conversation.refresh_from_db(fields=["assignee", "waiting_since"])


def _drain_after_commit(account_id: int) -> None:
    after_commit("draining the queue", drain_queue, account_id=account_id)


def membership_saved(
    sender: type, instance: AccountUser, update_fields: Any = None, **kwargs: Any
) -> None:
    if update_fields and not CAPACITY_FIELDS & set(update_fields):
        return
    _drain_after_commit(instance.account_id)


def inbox_saved(sender: type, instance: Inbox, **kwargs: Any) -> None:
    _drain_after_commit(instance.account_id)


def account_saved(sender: type, instance: Account, created: bool, **kwargs) -> None:
    if not created:
        _drain_after_commit(instance.pk)


def inbox_member_saved(sender: type, instance: InboxMember, **kwargs: Any) -> None:
    _drain_after_commit(instance.inbox.account_id)


def team_member_saved(sender: type, instance: TeamMember, **kwargs: Any) -> None:
    _drain_after_commit(instance.team.account_id)


def inbox_members_changed(
    sender: type, instance: Inbox | Any, action: str, **kwargs: Any
) -> None:
    # ``inbox.members.add()`` saves no InboxMember one by one.
    if action != "post_add":
        return
    if isinstance(instance, Inbox):
        _drain_after_commit(instance.account_id)
    else:
        for account_id in AccountUser.objects.filter(user=instance).values_list(
            "account_id", flat=True
        ):
            _drain_after_commit(account_id)


### Routing's jobs, enqueued in the transaction of the change that makes them due


def schedule_reassignment(
    sender: type | None = None,
    *,
    conversation: Conversation,
    since: datetime,
    **kwargs: Any,
) -> None:
    """Check, the inbox's ``reassign_after_minutes`` after ``since``, that the
    conversation's assignee has answered the visitor (nothing when the inbox
    does not reassign)."""
    minutes = selectors.inbox_minutes(conversation.inbox, "reassign_after_minutes")
    if minutes is None or conversation.assignee_id is None:
        return
    tasks.reassign_unanswered_conversation.using(
        run_after=since + timedelta(minutes=minutes)
    ).enqueue(
        conversation_id=conversation.pk,
        assignee_id=conversation.assignee_id,
        since=since.isoformat(),
    )


def schedule_long_wait_notice(
    sender: type, *, conversation: Conversation, since: datetime, **kwargs: Any
) -> None:
    """Tell the visitor the wait is long after the inbox's queue timeout
    (nothing when the inbox has none)."""
    minutes = selectors.inbox_minutes(conversation.inbox, "queue_timeout_minutes")
    if minutes is not None:
        tasks.tell_long_wait.using(
            run_after=since + timedelta(minutes=minutes)
        ).enqueue(conversation_id=conversation.pk, waiting_since=since.isoformat())


def schedule_offline_check(
    sender: type, *, account_id: int, user_id: int, left_at: datetime, **kwargs: Any
) -> None:
    """Check after ``ONECHAT_AUTO_OFFLINE_SECONDS`` whether any dashboard
    socket of the agent was seen since ``left_at``."""
    tasks.take_agent_offline.using(
        run_after=left_at + timedelta(seconds=settings.ONECHAT_AUTO_OFFLINE_SECONDS)
    ).enqueue(account_id=account_id, user_id=user_id, left_at=left_at.isoformat())


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    conversation_created.connect(
        conversation_was_created, dispatch_uid="route-conversation"
    )
    conversation_changed.connect(
        conversation_was_changed, dispatch_uid="route-conversation-upd"
    )
    message_created.connect(message_was_created, dispatch_uid="route-message")
    post_save.connect(membership_saved, AccountUser, dispatch_uid="route-member")
    post_save.connect(inbox_saved, Inbox, dispatch_uid="route-inbox")
    post_save.connect(account_saved, Account, dispatch_uid="route-account")
    post_save.connect(inbox_member_saved, InboxMember, dispatch_uid="route-inbox-m")
    post_save.connect(team_member_saved, TeamMember, dispatch_uid="route-team-m")
    m2m_changed.connect(
        inbox_members_changed, Inbox.members.through, dispatch_uid="route-inbox-mm"
    )
    signals.reply_awaited.connect(schedule_reassignment, dispatch_uid="route-reply")
    signals.waiting_started.connect(
        schedule_long_wait_notice, dispatch_uid="route-long-wait"
    )
    signals.agent_left.connect(schedule_offline_check, dispatch_uid="route-left")
