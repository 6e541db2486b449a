"""Agent bots in the Application API: the account's bots (administrators
write, agents read without the token), an inbox's bot, hostile input."""

import pytest

from rest_framework.test import APIClient

from agentbots.models import AgentBot, AgentBotInbox
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def bots_url(account) -> str:
    return f"/api/v1/accounts/{account.pk}/agent_bots"


def test_an_administrator_creates_a_bot_and_sees_its_secret_once(
    administrator, account
):
    client = client_for(administrator)
    response = client.post(
        bots_url(account),
        {
            "name": "Greeter",
            "description": "Says hello",
            "outgoing_url": "https://8.8.8.8/hook",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    created = response.json()
    bot = AgentBot.objects.get(pk=created["id"])
    assert created["account_id"] == account.pk
    assert created["access_token"] == bot.access_token
    assert created["secret"] == bot.secret
    assert created["bot_type"] == "webhook"
    assert created["system_bot"] is False

    shown = client.get(f"{bots_url(account)}/{bot.pk}").json()
    assert shown["access_token"] == bot.access_token
    assert "secret" not in shown
    listed = client.get(bots_url(account)).json()
    assert [row["id"] for row in listed] == [bot.pk]
    assert "secret" not in listed[0]


def test_agents_list_bots_without_tokens_and_change_nothing(agent, account, bot):
    client = client_for(agent)
    listed = client.get(bots_url(account)).json()
    assert [row["name"] for row in listed] == [bot.name]
    assert "access_token" not in listed[0]
    for method, path, body in [
        ("post", bots_url(account), {"name": "Mine"}),
        ("patch", f"{bots_url(account)}/{bot.pk}", {"name": "Mine"}),
        ("delete", f"{bots_url(account)}/{bot.pk}", None),
        ("post", f"{bots_url(account)}/{bot.pk}/reset_access_token", None),
        (
            "post",
            f"/api/v1/accounts/{account.pk}/inboxes/{bot.inboxes.get().inbox_id}"
            "/set_agent_bot",
            {"agent_bot": None},
        ),
    ]:
        response = getattr(client, method)(path, body, format="json")
        assert response.status_code == 403, (method, path)
        assert "error" in response.json() or "detail" in response.json()
    bot.refresh_from_db()
    assert bot.name == "Robo <b>Helper</b>"
    assert AgentBotInbox.objects.filter(agent_bot=bot).exists()


def test_update_reset_and_delete(administrator, account, bot):
    client = client_for(administrator)
    url = f"{bots_url(account)}/{bot.pk}"
    changed = client.patch(url, {"description": "New words"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["description"] == "New words"
    assert changed.json()["name"] == bot.name
    old_token = bot.access_token
    reset = client.post(f"{url}/reset_access_token")
    assert reset.status_code == 200
    assert reset.json()["access_token"] not in ("", old_token)
    assert reset.json()["access_token"].startswith("bot_")
    stale = APIClient()
    stale.credentials(HTTP_API_ACCESS_TOKEN=old_token)
    refused = stale.get(f"/api/v1/accounts/{account.pk}/conversations")
    assert refused.status_code == 401
    assert client.delete(url).status_code == 200
    assert not AgentBot.objects.filter(pk=bot.pk).exists()
    assert client.get(url).status_code == 404


def test_another_accounts_bots_and_inboxes_are_404(administrator, account, bot):
    other = factories.AccountFactory()
    foreign = AgentBot.objects.create(account=other, name="Theirs")
    foreign_inbox = factories.InboxFactory(account=other)
    client = client_for(administrator)
    url = f"{bots_url(account)}/{foreign.pk}"
    for method in ("get", "patch", "delete"):
        response = getattr(client, method)(url, {"name": "x"}, format="json")
        assert response.status_code == 404
        assert response.json()
    inbox_path = f"/api/v1/accounts/{account.pk}/inboxes"
    inbox_url = f"{inbox_path}/{foreign_inbox.pk}/set_agent_bot"
    response = client.post(inbox_url, {"agent_bot": bot.pk}, format="json")
    assert response.status_code == 404
    own_inbox = bot.inboxes.get().inbox_id
    response = client.post(
        f"{inbox_path}/{own_inbox}/set_agent_bot",
        {"agent_bot": foreign.pk},
        format="json",
    )
    assert response.status_code == 404
    assert client.get(f"/api/v1/accounts/{other.pk}/agent_bots").status_code == 404
    assert client.get(f"{inbox_path}/{foreign_inbox.pk}/agent_bot").status_code == 404


def test_a_system_bot_is_listed_and_connected_but_not_changed(
    administrator, account, inbox
):
    system = AgentBot.objects.create(account=None, name="Shared")
    client = client_for(administrator)
    listed = client.get(bots_url(account)).json()
    assert listed[0]["system_bot"] is True
    assert "access_token" not in listed[0]
    assert (
        client.patch(
            f"{bots_url(account)}/{system.pk}", {"name": "x"}, format="json"
        ).status_code
        == 404
    )
    url = f"/api/v1/accounts/{account.pk}/inboxes/{inbox.pk}"
    response = client.post(f"{url}/set_agent_bot", {"agent_bot": system.pk})
    assert response.status_code == 200
    assert client.get(f"{url}/agent_bot").json()["agent_bot"]["id"] == system.pk
    response = client.post(f"{url}/set_agent_bot", {"agent_bot": None}, format="json")
    assert response.status_code == 200
    assert client.get(f"{url}/agent_bot").json() == {"agent_bot": None}


INSIDE_AND_ODD_URLS = [
    "http://127.0.0.1:9000/hook",
    "http://localhost/hook",
    "http://10.0.0.5/hook",
    "http://192.168.1.1/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://100.64.0.1/hook",
    "ftp://8.8.8.8/hook",
    "javascript:alert(1)",
    "not a url",
]


def test_inside_and_odd_urls_are_refused(administrator, account, bot):
    client = client_for(administrator)
    for url in INSIDE_AND_ODD_URLS:
        for method, path in [
            ("post", bots_url(account)),
            ("patch", f"{bots_url(account)}/{bot.pk}"),
        ]:
            response = getattr(client, method)(
                path, {"name": "Sneaky", "outgoing_url": url}, format="json"
            )
            assert response.status_code == 400, url
            assert "outgoing_url" in str(response.json()), url
    assert AgentBot.objects.get().outgoing_url == bot.outgoing_url


def test_an_allowed_network_may_be_named(administrator, account, settings):
    settings.ONECHAT_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    response = client_for(administrator).post(
        bots_url(account),
        {"name": "Local", "outgoing_url": "http://127.0.0.1:8123/bot"},
        format="json",
    )
    assert response.status_code == 200


BAD_BODIES = [
    {},
    {"name": ""},
    {"name": "x" * 256},
    {"name": "Ok", "bot_config": "[1, 2]"},
    {"name": "Ok", "bot_type": "agent"},
    {"name": "Ok", "avatar_url": "javascript:alert(1)"},
    [],
]


def test_bad_input_is_a_json_400(administrator, account):
    client = client_for(administrator)
    for body in BAD_BODIES:
        response = client.post(bots_url(account), body, format="json")
        assert response.status_code == 400, body
        assert response.json()
    assert not AgentBot.objects.exists()


def test_set_agent_bot_refuses_bad_ids(administrator, account, inbox):
    url = f"/api/v1/accounts/{account.pk}/inboxes/{inbox.pk}/set_agent_bot"
    client = client_for(administrator)
    assert client.post(url, {}, format="json").status_code == 400
    assert client.post(url, {"agent_bot": "abc"}, format="json").status_code == 400
    assert client.post(url, {"agent_bot": 999999}, format="json").status_code == 404
