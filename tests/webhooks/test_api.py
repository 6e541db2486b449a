"""The webhooks API: Chatwoot's paths and shapes, administrators only, the
secret answered once, URLs that lead inside refused, another account's ids
a 404; the delivery log and resend (OneChat's)."""

import pytest

from rest_framework.test import APIClient

from accounts.models import AccountUser
from conversations import services
from conversations.models import Message
from tests import factories
from tests.webhooks.conftest import run_jobs
from webhooks.models import Webhook, WebhookDelivery
from webhooks.services import create_webhook

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.215.14/hooks"


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN=user.access_token)
    return client


@pytest.fixture
def as_admin(administrator):
    return client_for(administrator)


@pytest.fixture
def base(account) -> str:
    return f"/api/v1/accounts/{account.pk}/webhooks"


def test_create_list_update_delete_in_chatwoots_shapes(as_admin, base, account, inbox):
    created = as_admin.post(
        base,
        {
            "url": PUBLIC_URL,
            "name": "CRM",
            "subscriptions": ["message_created", "contact_created"],
            "inbox_id": inbox.pk,
        },
        format="json",
    )
    assert created.status_code == 200, created.content
    webhook = created.json()["payload"]["webhook"]
    stored = Webhook.objects.get()
    assert webhook["secret"] == stored.secret and len(stored.secret) >= 24
    assert webhook["url"] == PUBLIC_URL and webhook["account_id"] == account.pk
    assert webhook["subscriptions"] == ["message_created", "contact_created"]
    assert webhook["inbox"] == {
        "id": inbox.pk,
        "name": inbox.name,
        "channel_type": "Channel::WebWidget",
    }
    assert webhook["enabled"] is True

    listed = as_admin.get(base).json()["payload"]["webhooks"]
    assert [row["id"] for row in listed] == [stored.pk]
    assert "secret" not in listed[0]

    changed = as_admin.patch(
        f"{base}/{stored.pk}",
        {"webhook": {"subscriptions": ["conversation_created"], "inbox_id": None}},
        format="json",
    )
    assert changed.status_code == 200
    body = changed.json()["payload"]["webhook"]
    assert body["subscriptions"] == ["conversation_created"]
    assert "inbox" not in body and "secret" not in body
    put = as_admin.put(f"{base}/{stored.pk}", {"name": "<b>CRM</b>"}, format="json")
    assert put.json()["payload"]["webhook"]["name"] == "<b>CRM</b>"

    assert as_admin.delete(f"{base}/{stored.pk}").status_code == 200
    assert not Webhook.objects.exists()


def test_without_subscriptions_chatwoots_defaults(as_admin, base):
    body = as_admin.post(base, {"url": PUBLIC_URL}, format="json").json()
    assert "message_created" in body["payload"]["webhook"]["subscriptions"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/api",
        "http://10.0.0.5/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://2130706433/hook",
        "http://user:pass@93.184.215.14/hook",
        "ftp://93.184.215.14/hook",
        "javascript:alert(1)",
        "http://93.184.215.14:99999/hook",
        "",
    ],
)
def test_urls_leading_inside_are_a_json_400(as_admin, base, url, settings):
    settings.ONECHAT_WEBHOOK_ALLOWED_NETWORKS = []
    response = as_admin.post(
        base, {"url": url, "subscriptions": ["message_created"]}, format="json"
    )
    assert response.status_code == 400, url
    assert response.json()
    assert not Webhook.objects.exists()


def test_onechat_itself_is_refused_on_a_public_address(as_admin, base, settings):
    settings.FRONTEND_URL = "https://93.184.215.14"
    response = as_admin.post(base, {"url": PUBLIC_URL}, format="json")
    assert response.status_code == 400
    assert "OneChat itself" in str(response.json())


def test_bad_input_is_a_json_400(as_admin, base, account):
    other_inbox = factories.InboxFactory()
    for body in (
        {"url": PUBLIC_URL, "subscriptions": ["message_exploded"]},
        {"url": PUBLIC_URL, "subscriptions": "message_created"},
        {"url": PUBLIC_URL, "inbox_id": other_inbox.pk},
        {"subscriptions": ["message_created"]},
        ["not", "an", "object"],
    ):
        response = as_admin.post(base, body, format="json")
        assert response.status_code == 400, body
        assert response.json()
    webhook = create_webhook(account=account, url=PUBLIC_URL, subscriptions=[])
    assert as_admin.patch(f"{base}/{webhook.pk}", {}, format="json").status_code == 400
    bad_page = as_admin.get(f"{base}/{webhook.pk}/deliveries?page=zero")
    assert bad_page.status_code == 400


def test_agents_are_refused_and_other_accounts_ids_are_404(
    account, agent, administrator, base
):
    webhook = create_webhook(account=account, url=PUBLIC_URL, subscriptions=[])
    as_agent = client_for(agent)
    assert as_agent.get(base).status_code == 403
    refused = as_agent.post(base, {"url": PUBLIC_URL}, format="json")
    assert refused.status_code == 403 and refused.json()
    assert as_agent.delete(f"{base}/{webhook.pk}").status_code == 403
    assert as_agent.get(f"{base}/{webhook.pk}/deliveries").status_code == 403

    stranger = factories.UserFactory()
    other = factories.AccountUserFactory(
        user=stranger, role=AccountUser.Role.ADMINISTRATOR
    ).account
    theirs = f"/api/v1/accounts/{other.pk}/webhooks/{webhook.pk}"
    as_stranger = client_for(stranger)
    for response in (
        as_stranger.patch(theirs, {"name": "x"}, format="json"),
        as_stranger.delete(theirs),
        as_stranger.get(f"{theirs}/deliveries"),
    ):
        assert response.status_code == 404 and response.json()
    # Their own account's path, someone else's account: not a member.
    assert as_stranger.get(base).status_code in (403, 404)
    assert Webhook.objects.filter(pk=webhook.pk, name="").exists()


def test_delivery_log_and_resend(
    as_admin, base, account, conversation, receiver, administrator
):
    webhook = create_webhook(
        account=account, url=receiver.url, subscriptions=["message_created"]
    )
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content="Hi",
        sender=conversation.contact,
    )
    run_jobs()
    log = as_admin.get(f"{base}/{webhook.pk}/deliveries").json()
    [row] = log["payload"]
    assert row["event"] == "message_created" and row["status"] == "delivered"
    assert row["attempts"] == 1 and row["response_status"] == 200
    assert row["last_error"] == "" and isinstance(row["response_ms"], int)
    assert row["sent_at"] and row["created_at"]
    resend = as_admin.post(
        f"{base}/{webhook.pk}/deliveries/{row['delivery_id']}/resend"
    )
    assert resend.status_code == 200
    assert resend.json()["payload"]["delivery_id"] != row["delivery_id"]
    run_jobs()
    assert len(receiver.received) == 2
    assert WebhookDelivery.objects.filter(status="delivered").count() == 2
    missing = as_admin.post(
        f"{base}/{webhook.pk}/deliveries/00000000-0000-0000-0000-000000000000/resend"
    )
    assert missing.status_code == 404
    not_a_uuid = as_admin.post(f"{base}/{webhook.pk}/deliveries/nope/resend")
    assert not_a_uuid.status_code == 404


def test_enabling_again_clears_the_reason(as_admin, base, account):
    webhook = create_webhook(account=account, url=PUBLIC_URL, subscriptions=[])
    Webhook.objects.filter(pk=webhook.pk).update(
        enabled=False, disabled_reason="failing", consecutive_failures=9
    )
    body = as_admin.patch(
        f"{base}/{webhook.pk}", {"enabled": True}, format="json"
    ).json()["payload"]["webhook"]
    assert body["enabled"] is True
    assert body["disabled_reason"] == "" and body["consecutive_failures"] == 0


def test_integration_apps_list_the_webhooks_app(as_admin, account, agent):
    """Chatwoot's integration apps: the webhooks app, enabled once the account
    has a webhook; any member may read it, another account's id is a 404."""
    path = f"/api/v1/accounts/{account.pk}/integrations/apps"
    as_agent = client_for(agent)
    [app] = as_agent.get(path).json()["payload"]
    assert (app["id"], app["enabled"], app["action"]) == ("webhook", False, "/webhook")
    create_webhook(account=account, url=PUBLIC_URL, subscriptions=[])
    [app] = as_admin.get(path).json()["payload"]
    assert app["enabled"] is True and app["name"] == "Webhooks"

    other = factories.AccountFactory()
    answer = as_agent.get(f"/api/v1/accounts/{other.pk}/integrations/apps")
    assert answer.status_code == 404 and "error" in answer.json()
