"""The demo that ``manage.py seed_demo`` seeds: a person for each availability,
a waiting visitor, rich messages, a consult and an agent chat, made through the
services, and a second run that changes nothing."""

import io

import pytest

from django.apps import apps
from django.core.management import call_command

from accounts import services as accounts
from accounts.models import AccountUser, Inbox, Team, User
from agentchat.models import AgentChat
from collaboration.models import Participant
from collaboration.services import ReceiverOffline, transfer_conversation
from conversations.models import Conversation, Message
from onechat.demo import DEMO_EMAIL, DEMO_PASSWORD, seed_demo_account
from onechat.demo_scenes import CARA, OLIVIA, OWEN, SHOP_INBOX_NAME, mention
from routing import selectors as routing
from routing.services import route_conversation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """A quick hasher: the demo sets and checks several passwords per run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    """Run ``seed_demo`` as ``make run`` does, with what runs after its
    commits (routing, events); returns what it printed."""

    def run(*arguments: str) -> str:
        output = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("seed_demo", *arguments, stdout=output)
        return output.getvalue()

    return run


def membership(email: str) -> AccountUser:
    return AccountUser.objects.select_related("user", "account").get(user__email=email)


def test_prints_how_each_person_signs_in_and_who_waits(seed):
    printed = seed()
    for email in (DEMO_EMAIL, OLIVIA.email, OWEN.email, CARA.email):
        assert f"{email}" in printed
    lines = printed.splitlines()
    assert all(f"/ {DEMO_PASSWORD}" in line for line in lines[1:5])
    assert "Owen Hart, agent, offline" in printed
    assert "Cara Lindqvist, agent, online, 2 of 2 open conversations: at capacity" in (
        printed
    )
    assert (
        lines[-1] == f"In the queue of {SHOP_INBOX_NAME}, 1 visitor waits for an agent."
    )


def test_visitor_waits_because_its_inbox_agents_are_full_or_offline(seed):
    seed()
    shop = Inbox.objects.get(name=SHOP_INBOX_NAME)
    waiting = list(routing.waiting(inbox_ids=[shop.pk]))
    assert [conversation.contact.name for conversation in waiting] == ["Lena Vogel"]
    cara = routing.agent_capacity(membership=membership(CARA.email))
    assert (cara.availability, cara.load, cara.limit) == ("online", 2, 2)
    assert cara.available is False
    assert membership(OWEN.email).availability == "offline"
    roster = routing.assignment_roster(account_id=shop.account_id)
    assert roster.pick(inbox_id=shop.pk, team_id=None) is None
    # Routing it again places it nowhere either.
    route_conversation(conversation=waiting[0])
    waiting[0].refresh_from_db()
    assert waiting[0].assignee_id is None
    assert waiting[0].waiting_since is not None


def test_agents_work_the_inbox_and_a_team(seed):
    seed()
    demo = seed_demo_account()
    website = Inbox.objects.get(pk=demo.inbox_id)
    assert {OLIVIA.email, OWEN.email, CARA.email} <= set(
        website.members.values_list("email", flat=True)
    )
    billing = Team.objects.get(account_id=demo.account_id, name="Billing")
    assert set(billing.members.values_list("email", flat=True)) == {
        OLIVIA.email,
        OWEN.email,
    }
    olivia = routing.agent_capacity(membership=membership(OLIVIA.email))
    assert olivia.available is True
    assert all(
        user.check_password(DEMO_PASSWORD)
        for user in User.objects.filter(email__in=[OLIVIA.email, OWEN.email])
    )


def test_transfer_goes_to_the_online_agent_not_the_offline_one(seed):
    seed()
    admin = User.objects.get(email=DEMO_EMAIL)
    conversation = Conversation.objects.get(contact__name="Priya Nair")
    owen = User.objects.get(email=OWEN.email)
    with pytest.raises(ReceiverOffline):
        transfer_conversation(
            conversation=conversation,
            actor=admin,
            seen_assignee_id=admin.pk,
            assignee=owen,
        )
    olivia = User.objects.get(email=OLIVIA.email)
    transfer_conversation(
        conversation=conversation,
        actor=admin,
        seen_assignee_id=admin.pk,
        assignee=olivia,
        note="She is all yours.",
    )
    conversation.refresh_from_db()
    assert conversation.assignee_id == olivia.pk


def test_rich_messages_with_replies_and_a_reaction(seed):
    seed()
    messages = Message.objects.filter(conversation__contact__name="Sam Lee")
    kinds = set(messages.values_list("content_type", flat=True))
    assert {
        "cards",
        "input_select",
        "form",
        "article",
        "location",
        "contacts",
        "reaction",
    } <= kinds
    question = messages.get(content_type="input_select")
    assert question.content_attributes["answered"] is True
    replies = messages.filter(reply_to__isnull=False).exclude(content_type="reaction")
    assert replies.count() >= 3
    reacted = messages.get(content_type="reaction").reply_to
    assert reacted.content_attributes["reactions"][0]["emoji"] == "👍"


def test_private_note_mentions_the_consulted_agent_who_chats_about_it(seed):
    seed()
    olivia = User.objects.get(email=OLIVIA.email)
    admin = User.objects.get(email=DEMO_EMAIL)
    conversation = Conversation.objects.get(contact__name="Priya Nair")
    notes = conversation.messages.filter(private=True).order_by("id")
    assert mention(olivia) in notes[0].content
    assert notes[1].sender_user == olivia and notes[1].reply_to == notes[0]
    participant = Participant.objects.get(conversation=conversation)
    assert (participant.user, participant.kind) == (olivia, "consulting")
    chat = AgentChat.objects.get(conversation=conversation)
    assert set(chat.members.all()) == {olivia, admin}
    assert chat.messages.count() == 3


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, as values."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
    }


def test_second_run_adds_and_changes_nothing_even_after_people_changed_things(seed):
    seed()
    olivia = User.objects.get(email=OLIVIA.email)
    accounts.update_profile(user=olivia, password="my-own-secret")
    owen = membership(OWEN.email)
    accounts.set_availability(membership=owen, availability="busy")
    billing = Team.objects.get(name="Billing")
    accounts.update_team(team=billing, name="Payments")
    before = snapshot()
    counts = {label: len(rows) for label, rows in before.items()}

    printed = seed()

    after = snapshot()
    assert {label: len(rows) for label, rows in after.items()} == counts
    assert after == before
    assert f"{OLIVIA.email} / (a password of their own)" in printed


def test_minimal_seeds_only_the_account(seed):
    seed("--minimal")
    assert not User.objects.filter(email=OLIVIA.email).exists()
    assert not Inbox.objects.filter(name=SHOP_INBOX_NAME).exists()
    assert AccountUser.objects.count() == 1


def test_queue_drains_once_the_offline_agent_comes_online(
    seed, django_capture_on_commit_callbacks
):
    seed()
    lena = Conversation.objects.get(contact__name="Lena Vogel")
    with django_capture_on_commit_callbacks(execute=True):
        accounts.set_availability(
            membership=membership(OWEN.email), availability="online"
        )
    lena.refresh_from_db()
    assert lena.assignee.email == OWEN.email
    assert lena.waiting_since is None
