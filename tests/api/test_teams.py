import pytest

from accounts.models import Team, TeamMember
from tests import factories

pytestmark = pytest.mark.django_db


def test_team_crud(as_admin, base, account):
    """Administrators create, read, rename and delete teams."""
    created = as_admin.post(
        f"{base}/teams", {"name": "Billing", "description": "Money"}, format="json"
    )
    assert created.status_code == 200
    team_id = created.json()["id"]
    assert [t["name"] for t in as_admin.get(f"{base}/teams").json()] == ["Billing"]
    renamed = as_admin.patch(
        f"{base}/teams/{team_id}", {"name": "Payments"}, format="json"
    )
    assert renamed.json()["name"] == "Payments"
    assert as_admin.delete(f"{base}/teams/{team_id}").status_code == 200
    assert not Team.objects.filter(account=account).exists()


def test_team_names_are_unique(as_admin, base, account):
    """A second team of the same name is a 400, not a database error."""
    factories.TeamFactory(account=account, name="Sales")
    response = as_admin.post(f"{base}/teams", {"name": "Sales"}, format="json")
    assert response.status_code == 400
    assert Team.objects.filter(account=account).count() == 1


def test_agents_read_teams_but_cannot_change_them(as_agent, base, account):
    """Agents list and read teams; writes are 403."""
    team = factories.TeamFactory(account=account)
    assert as_agent.get(f"{base}/teams/{team.pk}").json()["name"] == team.name
    assert (
        as_agent.post(f"{base}/teams", {"name": "X"}, format="json").status_code == 403
    )
    assert as_agent.delete(f"{base}/teams/{team.pk}").status_code == 403
    assert Team.objects.filter(pk=team.pk).exists()


def test_other_account_team_is_not_found(as_admin, base):
    """Another account's team id is a 404."""
    theirs = factories.TeamFactory()
    assert as_admin.get(f"{base}/teams/{theirs.pk}").status_code == 404
    assert as_admin.delete(f"{base}/teams/{theirs.pk}").status_code == 404
    assert Team.objects.filter(pk=theirs.pk).exists()


def test_team_members(as_admin, base, account, agent, outsider, stranger):
    """POST adds, PATCH replaces, DELETE removes; outsiders of the account: 400."""
    team = factories.TeamFactory(account=account)
    url = f"{base}/teams/{team.pk}/team_members"
    added = as_admin.post(url, {"user_ids": [agent.pk, outsider.pk]}, format="json")
    assert {row["id"] for row in added.json()} == {agent.pk, outsider.pk}
    assert (
        as_admin.patch(url, {"user_ids": [agent.pk]}, format="json").status_code == 200
    )
    assert [row["id"] for row in as_admin.get(url).json()] == [agent.pk]
    refused = as_admin.post(url, {"user_ids": [stranger.pk]}, format="json")
    assert refused.status_code == 400
    as_admin.delete(url, {"user_ids": [agent.pk]}, format="json")
    assert not TeamMember.objects.filter(team=team).exists()
