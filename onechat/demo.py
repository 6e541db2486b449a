"""The demo account: what a fresh install shows and what tools and tests drive.

``seed_demo_account`` makes the account, its administrator, two inboxes and two
conversations (what the tests and benchmarks start from); ``seed_demo_scenes``
(``onechat/demo_scenes.py``) adds the other agents and a scene for each
capability, as ``manage.py seed_demo`` does.
"""

from collections import Counter
from dataclasses import asdict, dataclass

from django.db import transaction

from accounts.models import (
    Account,
    AccountUser,
    Inbox,
    InboxMember,
    Team,
    TeamMember,
    User,
)
from contacts.models import ContactInbox
from contacts.services import create_contact, create_contact_session
from conversations.models import Message
from conversations.services import assign_agent, create_conversation, create_message
from onechat.demo_scenes import DEMO_AGENTS, seed_demo_scenes
from routing.selectors import AgentCapacity, agent_capacity, waiting

DEMO_ACCOUNT_NAME = "Acme Inc"
DEMO_EMAIL = "admin@onechat.local"
DEMO_PASSWORD = "onechat-demo"


@dataclass
class DemoAccount:
    """The handles of the demo account, as ``seed_demo --json`` prints them."""

    account_id: int
    user_id: int
    email: str
    password: str
    api_access_token: str
    pubsub_token: str
    inbox_id: int
    inbox_identifier: str
    website_token: str
    hmac_token: str
    api_inbox_identifier: str

    def as_dict(self) -> dict:
        return asdict(self)


@transaction.atomic
def seed_demo_account() -> DemoAccount:
    """Create the demo account once; later calls return the same handles.

    The administrator's password is reset to the known demo password only when it
    no longer works, so an existing pubsub token stays valid across calls.
    """
    account, _ = Account.objects.get_or_create(name=DEMO_ACCOUNT_NAME)
    user = User.objects.filter(email=DEMO_EMAIL).first()
    if user is None:
        user = User.objects.create_user(DEMO_EMAIL, DEMO_PASSWORD, name="Demo Admin")
    elif not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    AccountUser.objects.get_or_create(
        account=account, user=user, defaults={"role": AccountUser.Role.ADMINISTRATOR}
    )
    website, created = Inbox.objects.get_or_create(
        account=account,
        name="Acme website",
        defaults={
            "channel_type": Inbox.ChannelType.WEBSITE,
            "website_url": "http://localhost:8000",
            "greeting_enabled": True,
            "greeting_message": "Hi! Ask us anything, we reply in a few minutes.",
            # The demo's one agent shows assignment by hand (some conversations
            # stay unassigned); auto-assignment is a switch in the inbox settings.
            "enable_auto_assignment": False,
        },
    )
    api_inbox, _ = Inbox.objects.get_or_create(
        account=account,
        name="Acme API",
        defaults={
            "channel_type": Inbox.ChannelType.API,
            "enable_auto_assignment": False,
        },
    )
    for inbox in (website, api_inbox):
        InboxMember.objects.get_or_create(inbox=inbox, user=user)
    team, _ = Team.objects.get_or_create(account=account, name="Support")
    TeamMember.objects.get_or_create(team=team, user=user)
    if created:
        _seed_conversations(inbox=website, agent=user)
    return DemoAccount(
        account_id=account.pk,
        user_id=user.pk,
        email=DEMO_EMAIL,
        password=DEMO_PASSWORD,
        api_access_token=user.access_token,
        pubsub_token=user.pubsub_token,
        inbox_id=website.pk,
        inbox_identifier=website.identifier,
        website_token=website.website_token,
        hmac_token=website.hmac_token,
        api_inbox_identifier=api_inbox.identifier,
    )


def seed_demo(*, scenes: bool = True) -> DemoAccount:
    """The demo account, with (unless ``scenes`` is False) its other agents
    and scenes; idempotent."""
    demo = seed_demo_account()
    if scenes:
        seed_demo_scenes(
            account_id=demo.account_id,
            admin_id=demo.user_id,
            inbox_id=demo.inbox_id,
            password=DEMO_PASSWORD,
        )
    return demo


@dataclass(frozen=True)
class DemoPerson:
    """Someone of the demo account to sign in as, and what auto-assignment
    sees of them now."""

    email: str
    # None once the person chose a password of their own.
    password: str | None
    role: str
    capacity: AgentCapacity


def demo_people(demo: DemoAccount) -> list[DemoPerson]:
    """The administrator and the demo's agents still in the account."""
    emails = [demo.email, *(agent.email for agent in DEMO_AGENTS)]
    memberships = {
        membership.user.email: membership
        for membership in AccountUser.objects.filter(
            account_id=demo.account_id, user__email__in=emails
        ).select_related("user", "account")
    }
    return [
        DemoPerson(
            email=email,
            password=(
                DEMO_PASSWORD
                if email == demo.email
                or memberships[email].user.check_password(DEMO_PASSWORD)
                else None
            ),
            role=memberships[email].role,
            capacity=agent_capacity(membership=memberships[email]),
        )
        for email in emails
        if email in memberships
    ]


def demo_queues(demo: DemoAccount) -> dict[str, int]:
    """How many visitors wait in each queue of the demo account, by inbox name."""
    inbox_ids = Inbox.objects.filter(account_id=demo.account_id).values("pk")
    return dict(
        Counter(waiting(inbox_ids=inbox_ids).values_list("inbox__name", flat=True))
    )


def _seed_conversations(*, inbox: Inbox, agent: User) -> None:
    threads = [
        (
            "Jane Doe",
            "jane@example.com",
            ["Hi, my order #1042 has not arrived yet."],
            True,
        ),
        (
            "Marco Rossi",
            "marco@example.com",
            ["Can I change my shipping address?"],
            False,
        ),
    ]
    for name, email, lines, answered in threads:
        contact = create_contact(account=inbox.account, name=name, email=email)
        session: ContactInbox = create_contact_session(contact=contact, inbox=inbox)
        conversation = create_conversation(inbox=inbox, contact_inbox=session)
        for line in lines:
            create_message(
                conversation=conversation,
                message_type=Message.MessageType.INCOMING,
                content=line,
                sender=contact,
            )
        if answered:
            create_message(
                conversation=conversation,
                message_type=Message.MessageType.OUTGOING,
                content="Thanks Jane, let me check that for you.",
                sender=agent,
            )
            assign_agent(conversation=conversation, assignee=agent, actor=agent)
