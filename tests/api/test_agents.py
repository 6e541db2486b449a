import pytest

from conversations.services import assign_agent
from onechat.models import AccountUser, InboxMember, User

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
    """POST without a password invites: a new user who cannot sign in yet."""
    response = as_admin.post(
        f"{base}/agents",
        {"email": "New@Example.com", "name": "Nia", "role": "administrator"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["confirmed"] is False
    user = User.objects.get(email="new@example.com")
    assert user.has_usable_password() is False
    assert AccountUser.objects.get(user=user, account=account).role == "administrator"


def test_create_agent_with_password(as_admin, base):
    """POST with a password creates a user who can sign in."""
    response = as_admin.post(
        f"{base}/agents",
        {"email": "pat@example.com", "name": "Pat", "password": "long-enough-pass-1"},
        format="json",
    )
    assert response.status_code == 201
    assert User.objects.get(email="pat@example.com").check_password(
        "long-enough-pass-1"
    )


def test_existing_user_joins_another_account(as_admin, base, account, stranger):
    """An existing user's email adds them, keeping their password."""
    response = as_admin.post(f"{base}/agents", {"email": stranger.email}, format="json")
    assert response.status_code == 201
    assert AccountUser.objects.filter(user=stranger).count() == 2


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email"},
        {"email": "x@example.com", "role": "owner"},
        {"email": "x@example.com", "password": "123"},
        {"email": "agent-dup"},
    ],
)
def test_create_agent_refuses_bad_input(as_admin, base, agent, body):
    """Bad email, unknown role, weak password, already a member: 400."""
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
    assert as_admin.delete(f"{base}/agents/{agent.pk}").status_code == 204
    assert not AccountUser.objects.filter(user=agent).exists()
    assert not InboxMember.objects.filter(user=agent).exists()
    conversation.refresh_from_db()
    assert conversation.assignee is None


def test_agents_cannot_manage_agents(as_agent, base, administrator, agent):
    """Agents may not add, change or remove agents."""
    assert (
        as_agent.post(
            f"{base}/agents", {"email": "z@example.com"}, format="json"
        ).status_code
        == 403
    )
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
