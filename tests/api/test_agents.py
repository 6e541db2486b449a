import contextlib

import pytest

from django.test import Client

from accounts import services
from accounts.models import AccountUser, InboxMember, Invitation, User
from conversations import services as conversation_services
from conversations.services import assign_agent
from realtime import fanout
from realtime.hub import CLOSE, Envelope
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_agents_list(as_agent, base, agent, administrator):
    """Every member reads the account's agents with role and availability."""
    rows = as_agent.get(f"{base}/agents").json()
    assert {(r["id"], r["role"]) for r in rows} == {
        (agent.pk, "agent"),
        (administrator.pk, "administrator"),
    }
    assert rows[0]["availability_status"] == "online"


def test_invite_creates_user_without_usable_password(as_admin, base, account):
    """POST without a password invites: a new user who cannot sign in yet,
    and no member until they accept."""
    response = as_admin.post(
        f"{base}/agents",
        {"email": "New@Example.com", "name": "Nia", "role": "administrator"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["confirmed"] is False
    assert response.json()["availability_status"] == "offline"
    user = User.objects.get(email="new@example.com")
    assert response.json()["id"] == user.pk
    assert user.has_usable_password() is False
    assert AccountUser.objects.filter(user=user).exists() is False
    assert Invitation.objects.get(user=user, account=account).role == "administrator"


@pytest.mark.parametrize("email", ["pat@example.com", "registered"])
def test_create_agent_refuses_a_password(as_admin, base, account, stranger, email):
    """POST with a password, for a new or a registered email: 400 naming the
    field, nobody created or invited, and nobody signs in with it (an
    administrator never chooses another person's password)."""
    email = stranger.email if email == "registered" else email
    before = User.objects.count()
    response = as_admin.post(
        f"{base}/agents",
        {"email": email, "name": "Pat", "password": "long-enough-pass-1"},
        format="json",
    )
    assert response.status_code == 400
    assert "password" in response.json()["errors"]
    assert User.objects.count() == before
    assert Invitation.objects.exists() is False
    client = Client()
    client.post("/", {"email": email, "password": "long-enough-pass-1"})
    assert "_auth_user_id" not in client.session


def test_existing_user_is_invited_not_added(as_admin, base, account, stranger):
    """Another account's user is only invited: no membership, no access, until
    they accept; then they are listed by their user id."""
    response = as_admin.post(f"{base}/agents", {"email": stranger.email}, format="json")
    assert response.status_code == 200
    assert AccountUser.objects.filter(user=stranger).count() == 1
    assert client_for(stranger).get(f"{base}/conversations").status_code == 404
    invitations = client_for(stranger).get("/api/v1/profile/invitations").json()
    assert [(i["account_id"], i["role"]) for i in invitations] == [
        (account.pk, "agent")
    ]
    accepted = client_for(stranger).post(
        f"/api/v1/profile/invitations/{invitations[0]['id']}"
    )
    assert account.pk in {a["id"] for a in accepted.json()["accounts"]}
    assert client_for(stranger).get(f"{base}/conversations").status_code == 200
    assert Invitation.objects.exists() is False
    listed = {r["email"]: r for r in as_admin.get(f"{base}/agents").json()}
    assert listed[stranger.email]["id"] == stranger.pk
    assert listed[stranger.email]["name"] == stranger.name


def _invite(client, base: str, email: str, **fields) -> dict:
    response = client.post(f"{base}/agents", {"email": email, **fields}, format="json")
    assert response.status_code == 200
    return response.json()


def _without_email(row: dict) -> dict:
    """``row`` with the email (and the name that defaults to it) blanked; the
    id is checked apart and the thumbnail is the email's Gravatar address."""
    return {
        key: "<email>" if value == row["email"] else value
        for key, value in row.items()
        if key not in ("id", "thumbnail")
    }


def test_invitation_answer_names_the_invited_user_by_their_id(as_admin, base, stranger):
    """A registered and an unknown email answer alike in POST, in the list and
    in GET by id, bar the id: each the invited user's own, given at once
    (Chatwoot's unconfirmed user), with the name as typed, unconfirmed and
    offline."""
    extra = {"name": "Kim", "availability": "busy"}
    registered = _invite(as_admin, base, stranger.email.upper(), **extra)
    unknown = _invite(as_admin, base, "NOBODY@example.com", **extra)
    assert _without_email(registered) == _without_email(unknown)
    assert registered["name"] == "Kim"
    assert registered["confirmed"] is False
    assert registered["availability_status"] == "offline"
    assert registered["id"] == stranger.pk
    assert unknown["id"] == User.objects.get(email="nobody@example.com").pk
    listed = {r["email"]: r for r in as_admin.get(f"{base}/agents").json()}
    assert listed[stranger.email] == registered
    assert listed["nobody@example.com"] == unknown
    for row in (registered, unknown):
        assert as_admin.get(f"{base}/agents/{row['id']}").json() == row
    again = _invite(as_admin, base, "nobody@example.com", name="Kim Again")
    assert again["id"] == unknown["id"]
    assert User.objects.filter(email="nobody@example.com").count() == 1
    assert Invitation.objects.filter(user_id=unknown["id"]).count() == 1
    assert as_admin.get(f"{base}/agents/-1").status_code == 404


def test_other_accounts_admin_sees_only_what_they_typed_of_my_member(
    as_stranger, stranger, account, agent
):
    """Another account's administrator inviting one of this account's agents
    sees the name they typed, unconfirmed and offline, and the agent stays
    where they are."""
    theirs = f"/api/v1/accounts/{stranger.memberships.get().account_id}"
    registered = _invite(as_stranger, theirs, agent.email, name="Typed")
    unknown = _invite(as_stranger, theirs, "unknown@example.com", name="Typed")
    assert _without_email(registered) == _without_email(unknown)
    assert (registered["name"], registered["confirmed"]) == ("Typed", False)
    assert registered["availability_status"] == "offline"
    assert list(agent.memberships.values_list("account_id", flat=True)) == [account.pk]


def test_other_accounts_admin_cannot_remove_my_member(
    as_stranger, stranger, base, agent, account
):
    """Neither through their account nor through this one can another
    account's administrator end a membership here."""
    theirs = f"/api/v1/accounts/{stranger.memberships.get().account_id}"
    assert as_stranger.delete(f"{theirs}/agents/{agent.pk}").status_code == 404
    assert as_stranger.delete(f"{base}/agents/{agent.pk}").status_code == 404
    pending = _invite(as_stranger, theirs, "someone@example.com")
    own = Invitation.objects.get(user_id=pending["id"])
    assert as_stranger.delete(f"{base}/agents/{pending['id']}").status_code == 404
    assert AccountUser.objects.filter(user=agent, account=account).exists() is True
    assert Invitation.objects.filter(pk=own.pk).exists() is True


@pytest.fixture
def closed_streams(django_capture_on_commit_callbacks, monkeypatch):
    """The streams whose subscriptions a block closes (after commit)."""

    @contextlib.contextmanager
    def capture():
        closed = []

        def record(envelope: Envelope) -> None:
            if envelope.kind == CLOSE:
                closed.extend(envelope.streams)

        monkeypatch.setattr(fanout, "send", record)
        with django_capture_on_commit_callbacks(execute=True):
            yield closed

    return capture


def test_taking_back_an_invitation_disconnects_nobody(
    as_stranger, stranger, agent, account, closed_streams
):
    """DELETE of a pending entry takes the invitation back: the invited user
    keeps their membership elsewhere and no subscription of theirs ends,
    where removing a member does end theirs."""
    theirs = f"/api/v1/accounts/{stranger.memberships.get().account_id}"
    pending = _invite(as_stranger, theirs, agent.email)
    with closed_streams() as closed:
        assert as_stranger.delete(f"{theirs}/agents/{pending['id']}").status_code == 200
    assert closed == []
    assert Invitation.objects.exists() is False
    assert AccountUser.objects.filter(user=agent, account=account).exists() is True
    assert client_for(agent).get("/api/v1/profile/invitations").json() == []
    member = factories.UserFactory()
    factories.AccountUserFactory(
        user=member, account=stranger.memberships.get().account
    )
    with closed_streams() as closed:
        assert as_stranger.delete(f"{theirs}/agents/{member.pk}").status_code == 200
    assert len(closed) == 1


def test_pending_entry_changes_only_what_an_invitation_offers(as_admin, base, stranger):
    """PATCH on a pending entry changes the offered role; member-only fields
    are refused naming the field."""
    pending = _invite(as_admin, base, stranger.email)
    url = f"{base}/agents/{pending['id']}"
    changed = as_admin.patch(url, {"role": "administrator"}, format="json")
    assert changed.json()["role"] == "administrator"
    refused = as_admin.patch(url, {"auto_offline": False}, format="json")
    assert refused.status_code == 400
    assert "auto_offline" in refused.json()["errors"]
    accepted = client_for(stranger).get("/api/v1/profile/invitations").json()
    assert accepted[0]["role"] == "administrator"


def test_invitations_are_the_invited_users_own(as_admin, base, stranger, agent):
    """Nobody else reads, accepts or declines a user's invitation."""
    as_admin.post(f"{base}/agents", {"email": stranger.email}, format="json")
    invitation = Invitation.objects.get(user=stranger)
    url = f"/api/v1/profile/invitations/{invitation.pk}"
    assert client_for(agent).get("/api/v1/profile/invitations").json() == []
    assert client_for(agent).post(url).status_code == 404
    assert client_for(agent).delete(url).status_code == 404
    assert client_for(stranger).delete(url).status_code == 200
    assert AccountUser.objects.filter(user=stranger).count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email"},
        {"email": "x@example.com", "role": "owner"},
        {"email": "x@example.com", "password": "long-enough-pass-1"},
        {"email": "agent-dup"},
    ],
)
def test_create_agent_refuses_bad_input(as_admin, base, agent, body):
    """Bad email, unknown role, a password, already a member: 400."""
    if body["email"] == "agent-dup":
        body = {"email": agent.email}
    before = User.objects.count()
    response = as_admin.post(f"{base}/agents", body, format="json")
    assert response.status_code == 400
    assert User.objects.count() == before


def test_update_agent_role_and_availability(as_admin, base, agent):
    """PATCH changes role and availability in this account."""
    response = as_admin.patch(
        f"{base}/agents/{agent.pk}",
        {"role": "administrator", "availability": "busy"},
        format="json",
    )
    assert response.status_code == 200
    membership = AccountUser.objects.get(user=agent)
    assert (membership.role, membership.availability) == ("administrator", "busy")


def test_last_administrator_stays(as_admin, base, administrator):
    """The only administrator can be neither demoted nor removed."""
    demote = as_admin.patch(
        f"{base}/agents/{administrator.pk}", {"role": "agent"}, format="json"
    )
    assert demote.status_code == 400
    assert as_admin.delete(f"{base}/agents/{administrator.pk}").status_code == 400
    assert AccountUser.objects.get(user=administrator).role == "administrator"


def test_remove_agent_drops_inboxes_and_assignments(
    as_admin, base, agent, conversation
):
    """DELETE removes the membership, inbox memberships and assignments."""
    assign_agent(conversation=conversation, assignee=agent)
    assert as_admin.delete(f"{base}/agents/{agent.pk}").status_code == 200
    assert not AccountUser.objects.filter(user=agent).exists()
    assert not InboxMember.objects.filter(user=agent).exists()
    conversation.refresh_from_db()
    assert conversation.assignee is None


def test_agents_cannot_manage_agents(as_agent, base, administrator, agent, stranger):
    """Agents may not invite, change or remove agents."""
    users = User.objects.count()
    for email in ("z@example.com", stranger.email):
        response = as_agent.post(f"{base}/agents", {"email": email}, format="json")
        assert response.status_code == 403
    assert (User.objects.count(), Invitation.objects.count()) == (users, 0)
    assert (
        as_agent.patch(
            f"{base}/agents/{agent.pk}", {"role": "administrator"}, format="json"
        ).status_code
        == 403
    )
    assert as_agent.delete(f"{base}/agents/{administrator.pk}").status_code == 403
    assert AccountUser.objects.get(user=agent).role == "agent"


def test_other_account_agent_is_not_found(as_admin, base, stranger):
    """A user of another account is a 404 here."""
    assert as_admin.get(f"{base}/agents/{stranger.pk}").status_code == 404
    assert as_admin.delete(f"{base}/agents/{stranger.pk}").status_code == 404


def test_pending_agent_is_placed_before_joining_and_routed_only_after(
    as_admin, base, account, routed
):
    """An invited agent's id goes into an inbox and a team at once; the
    member lists show them unconfirmed; nobody routes to them, nor does the
    queue overview count them, until they join from the email's link; then
    they work the inbox they were put in."""
    inbox = factories.InboxFactory(account=account)
    team = factories.TeamFactory(account=account)
    pending = _invite(as_admin, base, "nia@example.com", name="Nia")
    added = as_admin.post(
        f"{base}/inbox_members",
        {"inbox_id": inbox.pk, "user_ids": [pending["id"]]},
        format="json",
    )
    assert added.status_code == 200
    assert [(r["id"], r["confirmed"]) for r in added.json()["payload"]] == [
        (pending["id"], False)
    ]
    listed = as_admin.get(f"{base}/inbox_members/{inbox.pk}").json()["payload"]
    assert [r["id"] for r in listed] == [pending["id"]]
    in_team = as_admin.post(
        f"{base}/teams/{team.pk}/team_members",
        {"user_ids": [pending["id"]]},
        format="json",
    )
    assert [r["id"] for r in in_team.json()] == [pending["id"]]
    overview = as_admin.get(f"{base}/queue").json()
    queue = next(q for q in overview["inboxes"] if q["inbox_id"] == inbox.pk)
    assert pending["id"] not in queue["agent_ids"]

    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=account), inbox=inbox
    )
    waiting = routed(
        conversation_services.create_contact_message,
        contact_inbox=session,
        content="anyone?",
    ).conversation
    waiting.refresh_from_db()
    assert waiting.assignee_id is None

    invitation = Invitation.objects.get(user_id=pending["id"])
    routed(
        services.join_with_invitation,
        invitation=invitation,
        name="Nia",
        password="long-enough-pass-1",
    )
    joined = User.objects.get(pk=pending["id"])
    assert joined.has_usable_password()
    assert as_admin.get(f"{base}/agents/{joined.pk}").json()["confirmed"] is True
    waiting.refresh_from_db()
    assert waiting.assignee_id == joined.pk


def test_taking_back_a_placed_invitation_empties_its_inboxes_and_teams(
    as_admin, base, account, inbox, as_stranger, stranger
):
    """DELETE of a pending agent drops the invitation and the inbox and team
    places made for it; another account can neither place my pending agent
    nor read or delete it."""
    team = factories.TeamFactory(account=account)
    pending = _invite(as_admin, base, "pat@example.com")
    services.add_inbox_members(inbox=inbox, users=[User.objects.get(pk=pending["id"])])
    services.add_team_members(team=team, users=[User.objects.get(pk=pending["id"])])
    theirs = f"/api/v1/accounts/{stranger.memberships.get().account_id}"
    their_inbox = factories.InboxFactory(account=stranger.memberships.get().account)
    refused = as_stranger.post(
        f"{theirs}/inbox_members",
        {"inbox_id": their_inbox.pk, "user_ids": [pending["id"]]},
        format="json",
    )
    assert refused.status_code == 400
    assert as_stranger.get(f"{theirs}/agents/{pending['id']}").status_code == 404
    assert as_stranger.delete(f"{theirs}/agents/{pending['id']}").status_code == 404

    assert as_admin.delete(f"{base}/agents/{pending['id']}").status_code == 200
    assert not Invitation.objects.filter(user_id=pending["id"]).exists()
    assert not InboxMember.objects.filter(user_id=pending["id"]).exists()
    assert not team.members.filter(pk=pending["id"]).exists()
    assert as_admin.get(f"{base}/agents/{pending['id']}").status_code == 404
