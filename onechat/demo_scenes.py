"""The demo account's people and scenes: agents online, offline and at
capacity, a team, a visitor waiting in a queue, a conversation of rich
messages with replies, a consult with a private note that mentions an agent,
and an agent chat.

Everything goes through OneChat's own services (the functions the APIs call),
so routing, the activity lines and the events follow as they would for people
clicking. ``seed_demo_scenes`` runs once per database: a second call, or one
after people changed the demo, adds and changes nothing.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.db import transaction

from accounts import services as accounts
from accounts.models import Account, AccountUser, Inbox, Team, User
from agentchat.services import post_chat_message, start_chat
from collaboration.services import assign_conversation, consult_agent
from contacts.services import open_public_session
from conversations import answers
from conversations.models import Conversation, Message
from conversations.serializers import MessageContentSerializer, MessageCreateSerializer
from conversations.services import (
    create_message,
    send_contact_message,
    start_contact_conversation,
)
from routing.services import route_conversation

Availability = AccountUser.Availability
Type = Message.ContentType

SHOP_INBOX_NAME = "Acme shop"
TEAM_NAME = "Billing"
# The limit of open conversations that Cara reaches in the shop's queue.
AT_CAPACITY_LIMIT = 2


@dataclass(frozen=True)
class DemoAgent:
    """One of the demo's agents besides the administrator."""

    email: str
    name: str
    availability: str
    # Shown as present without signing in (auto-offline off), so the
    # dashboard offers them for a transfer at once.
    always_present: bool
    limit: int | None = None


OLIVIA = DemoAgent("olivia@onechat.local", "Olivia Park", Availability.ONLINE, True)
OWEN = DemoAgent("owen@onechat.local", "Owen Hart", Availability.OFFLINE, False)
CARA = DemoAgent(
    "cara@onechat.local", "Cara Lindqvist", Availability.ONLINE, True, AT_CAPACITY_LIMIT
)
DEMO_AGENTS = (OLIVIA, OWEN, CARA)


@transaction.atomic
def seed_demo_scenes(
    *, account_id: int, admin_id: int, inbox_id: int, password: str
) -> None:
    """Add the agents and scenes to the demo account, unless they were added
    before (the first agent's user exists): the account's administrator
    ``admin_id`` does what an administrator would, in its website inbox
    ``inbox_id``; the password of each agent is ``password``."""
    if User.objects.filter(email=OLIVIA.email).exists():
        return
    account = Account.objects.get(pk=account_id)
    admin = User.objects.get(pk=admin_id)
    website = Inbox.objects.get(pk=inbox_id)
    olivia, owen, cara = (
        _join(account, admin, agent, password) for agent in DEMO_AGENTS
    )
    accounts.add_inbox_members(inbox=website, users=[olivia, owen, cara])
    team = Team.objects.filter(account=account, name=TEAM_NAME).first()
    if team is None:
        team = accounts.create_team(
            account=account,
            name=TEAM_NAME,
            description="Refunds, invoices and double charges.",
        )
    accounts.add_team_members(team=team, users=[olivia, owen])
    _seed_queue(account=account, agents=[owen, cara])
    _seed_rich_conversation(inbox=website, agent=admin)
    _seed_consult(inbox=website, admin=admin, consultant=olivia)


def _join(account: Account, admin: User, agent: DemoAgent, password: str) -> User:
    """Invite the agent as the administrator does, then join with
    ``password`` as the invitation email's link does (a registered user
    accepts instead); the agent's user."""
    invitation = accounts.invite_agent(
        account=account,
        email=agent.email,
        name=agent.name,
        availability=agent.availability,
        inviter=admin,
    )
    if invitation.user.has_usable_password():
        membership = accounts.accept_invitation(invitation=invitation)
    else:
        membership = accounts.join_with_invitation(
            invitation=invitation, name=agent.name, password=password
        )
    changes: dict = {}
    if agent.always_present:
        changes["auto_offline"] = False
    if agent.limit is not None:
        changes["auto_assignment_limit"] = agent.limit
    if changes:
        accounts.update_agent(membership=membership, **changes)
    return membership.user


### The queue: an inbox routing cannot serve


def _seed_queue(*, account: Account, agents: list[User]) -> None:
    """A website inbox with auto-assignment worked by ``agents``: the first
    offline, the second online with room for ``AT_CAPACITY_LIMIT``
    conversations. Visitors arrive one more than that room: routing hands
    the first ones to the online agent, the last waits in the queue."""
    shop = Inbox.objects.filter(account=account, name=SHOP_INBOX_NAME).first()
    if shop is None:
        shop = accounts.create_inbox(
            account=account,
            name=SHOP_INBOX_NAME,
            channel_type=Inbox.ChannelType.WEBSITE,
            website_url="http://localhost:8000",
            welcome_tagline="Orders, sizes and returns.",
            auto_assignment_config={"max_assignment_limit": 5},
        )
    accounts.add_inbox_members(inbox=shop, users=agents)
    visitors = [
        ("Noah Fischer", "noah@example.com", "Do you ship to Switzerland?"),
        ("Mia Rossi", "mia@example.com", "Is the Trail 28 backpack waterproof?"),
        ("Lena Vogel", "lena@example.com", "Hello? I'd like to return a jacket."),
    ]
    for name, email, line in visitors:
        session = open_public_session(inbox=shop, name=name, email=email)
        conversation = start_contact_conversation(
            contact_inbox=session, message={"content": line}
        )
        # Routing runs once the conversation commits; it runs here too, so
        # the next visitor meets the load this one left (the run after the
        # commit then finds nothing to do).
        route_conversation(conversation=conversation)


### A conversation of rich messages, with replies and a reaction


def _seed_rich_conversation(*, inbox: Inbox, agent: User) -> None:
    session = open_public_session(inbox=inbox, name="Sam Lee", email="sam@example.com")
    conversation = start_contact_conversation(
        contact_inbox=session,
        message={"content": "Hi! I need a backpack for a weekend hike."},
    )
    assign_conversation(
        conversation=conversation, actor=agent, seen_assignee_id=None, assignee=agent
    )
    _reply(conversation, agent, Type.CARDS, "Two of our favourites:", CARDS)
    question = _reply(
        conversation, agent, Type.INPUT_SELECT, "Which size fits you?", SIZES
    )
    answers.answer_question(
        question=question,
        contact=conversation.contact,
        submitted_values=[{"title": "M", "value": "m"}],
    )
    article = _reply(
        conversation, agent, Type.ARTICLE, "Before you go, our packing list:", GUIDE
    )
    _say(
        conversation, Type.TEXT, "Thanks, that list helps!", {"in_reply_to": article.pk}
    )
    _say(conversation, Type.TEXT, "Can I pick the backpack up today? I'm here:", {})
    here = _say(conversation, Type.LOCATION, "", WHERE)
    answer = _reply(
        conversation,
        agent,
        Type.TEXT,
        "Yes! Our Kreuzberg store is five minutes from you, open until 20:00.",
        {"in_reply_to": here.pk},
    )
    _reply(conversation, agent, Type.CONTACTS, "The store's number:", STORE)
    _say(conversation, Type.REACTION, "👍", {"in_reply_to": answer.pk})
    _reply(conversation, agent, Type.FORM, "Or we send it to you:", DELIVERY)


def _reply(
    conversation: Conversation,
    agent: User,
    content_type: str,
    content: str,
    attributes: dict,
    *,
    private: bool = False,
) -> Message:
    """The agent's outgoing message or private note, checked as ``POST
    messages`` checks it."""
    checker = MessageCreateSerializer(
        data={
            "content": content,
            "content_type": content_type,
            "content_attributes": attributes,
            "private": private,
        }
    )
    checker.is_valid(raise_exception=True)
    return create_message(
        conversation=conversation, sender=agent, **checker.validated_data
    )


def _say(
    conversation: Conversation, content_type: str, content: str, attributes: dict
) -> Message:
    """The contact's message, checked as the widget's API checks it."""
    checker = MessageContentSerializer(
        data={
            "content": content,
            "content_type": content_type,
            "content_attributes": attributes,
        }
    )
    checker.is_valid(raise_exception=True)
    return send_contact_message(conversation=conversation, **checker.validated_data)


CARDS = {
    "items": [
        {
            "title": "Trail 28",
            "description": "28 litres, rain cover included. 89 €",
            "actions": [
                {
                    "type": "link",
                    "text": "See it",
                    "uri": "https://example.com/trail-28",
                },
                {"type": "postback", "text": "Reserve", "payload": "reserve:trail-28"},
            ],
        },
        {
            "title": "Summit 40",
            "description": "40 litres, for two nights out. 129 €",
            "actions": [
                {
                    "type": "link",
                    "text": "See it",
                    "uri": "https://example.com/summit-40",
                }
            ],
        },
    ]
}
SIZES = {
    "items": [
        {"title": "S", "value": "s"},
        {"title": "M", "value": "m"},
        {"title": "L", "value": "l"},
    ],
    "quick_reply": True,
}
GUIDE = {
    "items": [
        {
            "title": "Packing for a weekend hike",
            "description": "What goes in, and what stays at home.",
            "link": "https://example.com/help/weekend-packing",
        }
    ]
}
WHERE = {
    "latitude": 52.4991,
    "longitude": 13.4181,
    "name": "Kottbusser Tor",
    "address": "Kottbusser Tor, 10999 Berlin",
}
STORE = {
    "contacts": [
        {
            "name": "Acme Kreuzberg",
            "phones": ["+49 30 1234567"],
            "organization": "Acme Inc",
        }
    ]
}
DELIVERY = {
    "items": [
        {"name": "name", "label": "Name", "type": "text", "required": True},
        {"name": "email", "label": "Email", "type": "email", "required": True},
        {
            "name": "speed",
            "label": "Delivery",
            "type": "select",
            "options": [
                {"title": "Standard (3 days)", "value": "standard"},
                {"title": "Express (next day)", "value": "express"},
            ],
        },
        {"name": "gift", "label": "Gift wrap", "type": "checkbox"},
    ]
}


### A consult with a private note, and the agents' chat about it


def mention(user: User) -> str:
    """A mention of ``user`` in a private note, as the reference's editor
    writes it."""
    return f"[@{user.name}](mention://user/{user.pk}/{quote(user.name)})"


def _seed_consult(*, inbox: Inbox, admin: User, consultant: User) -> None:
    session = open_public_session(
        inbox=inbox, name="Priya Nair", email="priya@example.com"
    )
    conversation = start_contact_conversation(
        contact_inbox=session,
        message={"content": "Hello, I was charged twice for order #1077."},
    )
    assign_conversation(
        conversation=conversation, actor=admin, seen_assignee_id=None, assignee=admin
    )
    _reply(
        conversation,
        admin,
        Type.TEXT,
        "Sorry about that, Priya! Let me check with our billing team.",
        {},
    )
    consult_agent(
        conversation=conversation,
        user=consultant,
        actor=admin,
        note=f"{mention(consultant)} could you look at the payment log for #1077?",
    )
    note = conversation.messages.filter(private=True).latest("id")
    _reply(
        conversation,
        consultant,
        Type.TEXT,
        "Found it: the second charge is a card pre-authorisation. "
        "It drops off within three days.",
        {"in_reply_to": note.pk},
        private=True,
    )
    chat = start_chat(
        account=conversation.account,
        creator=consultant,
        members=[admin],
        topic=f"Double charge in #{conversation.display_id}",
        conversation=conversation,
    )
    for sender, line in [
        (consultant, "Nothing to refund on Priya's order: it's a pre-authorisation."),
        (admin, "Thanks! Will you tell her, or shall I?"),
        (consultant, "Transfer it to me, I'm online."),
    ]:
        post_chat_message(chat=chat, sender=sender, content=line)
