"""Notifications and notification settings at Chatwoot's paths and in its
shapes; a user only ever reaches their own, in the account of the path."""

from datetime import timedelta

import pytest

from django.utils import timezone

from conversations import services
from notifications.models import Kind, Notification
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

NOTIFICATION_KEYS = {
    "id",
    "notification_type",
    "push_message_title",
    "push_message_body",
    "primary_actor_type",
    "primary_actor_id",
    "primary_actor",
    "read_at",
    "secondary_actor",
    "user",
    "created_at",
    "last_activity_at",
    "snoozed_until",
    "meta",
    "account_id",
}


def notify(user, conversation, kind=Kind.CONVERSATION_ASSIGNMENT, **fields):
    return Notification.objects.create(
        account=conversation.account,
        user=user,
        conversation=conversation,
        notification_type=kind,
        **fields,
    )


@pytest.fixture
def mine(agent, conversation, administrator):
    """Three notifications of the agent, the latest an unread mention."""
    message = services.create_message(
        conversation=conversation,
        message_type=1,
        content=f"[@Alex](mention://user/{agent.pk}/Alex) <b>look</b>",
        sender=administrator,
        private=True,
    )
    old = timezone.now() - timedelta(hours=1)
    return [
        notify(agent, conversation, secondary_user=administrator, last_activity_at=old),
        notify(agent, conversation, Kind.CONVERSATION_WAITING, read_at=old),
        notify(
            agent, conversation, Kind.CONVERSATION_MENTION, secondary_message=message
        ),
    ]


def test_list_shape_and_meta(as_agent, base, mine, agent, conversation):
    """Chatwoot's {data: {meta, payload}}: newest activity first, counts of
    unread and all, each notification with its conversation and actors."""
    response = as_agent.get(f"{base}/notifications")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["meta"] == {"unread_count": 2, "count": 3, "current_page": 1}
    payload = data["payload"]
    assert [row["id"] for row in payload] == [mine[2].pk, mine[1].pk, mine[0].pk]
    mention = payload[0]
    assert set(mention) == NOTIFICATION_KEYS
    assert mention["notification_type"] == "conversation_mention"
    assert mention["primary_actor_type"] == "Conversation"
    assert mention["primary_actor_id"] == conversation.display_id
    assert mention["primary_actor"]["id"] == conversation.display_id
    assert mention["primary_actor"]["meta"]["sender"]["id"] == conversation.contact_id
    assert mention["secondary_actor"]["content"].endswith("<b>look</b>")
    assert mention["push_message_body"] == "@Alex <b>look</b>"
    assert mention["push_message_title"] == (
        f"You were mentioned in conversation #{conversation.display_id}"
    )
    assert mention["user"]["id"] == agent.pk
    assert mention["read_at"] is None
    assert isinstance(mention["created_at"], int)
    assert payload[1]["read_at"].endswith("Z")
    assert payload[1]["secondary_actor"] is None
    assert payload[2]["secondary_actor"]["name"] == "Ada Admin"


def test_pages_of_fifteen(as_agent, base, agent, conversation):
    """15 a page; a page past the end is empty; a bad page is a 400."""
    for _ in range(17):
        notify(agent, conversation)
    second = as_agent.get(f"{base}/notifications", {"page": 2}).json()["data"]
    assert len(second["payload"]) == 2
    assert second["meta"] == {"unread_count": 17, "count": 17, "current_page": 2}
    assert as_agent.get(f"{base}/notifications?page=9").json()["data"]["payload"] == []
    response = as_agent.get(f"{base}/notifications?page=zero")
    assert response.status_code == 400
    assert "page" in response.json()["errors"]


def test_unread_count_read_unread_and_read_all(as_agent, base, mine):
    """unread_count is a bare number; PATCH reads one, unread unreads it,
    read_all reads every one."""
    assert as_agent.get(f"{base}/notifications/unread_count").json() == 2
    response = as_agent.patch(f"{base}/notifications/{mine[0].pk}")
    assert response.status_code == 200
    assert response.json()["read_at"] is not None
    assert as_agent.get(f"{base}/notifications/unread_count").json() == 1
    response = as_agent.post(f"{base}/notifications/{mine[0].pk}/unread")
    assert response.json()["read_at"] is None
    assert as_agent.post(f"{base}/notifications/read_all").status_code == 200
    assert as_agent.get(f"{base}/notifications/unread_count").json() == 0


def test_snooze_hides_until_the_time(as_agent, base, mine):
    """A snoozed notification leaves the list and the counts until its time."""
    until = int((timezone.now() + timedelta(hours=2)).timestamp())
    response = as_agent.post(
        f"{base}/notifications/{mine[2].pk}/snooze",
        {"snoozed_until": until},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["snoozed_until"].startswith(
        timezone.now().strftime("%Y-%m-%d")[:4]
    )
    data = as_agent.get(f"{base}/notifications").json()["data"]
    assert mine[2].pk not in [row["id"] for row in data["payload"]]
    assert data["meta"]["unread_count"] == 1
    iso = (timezone.now() + timedelta(days=1)).isoformat()
    response = as_agent.post(
        f"{base}/notifications/{mine[0].pk}/snooze", {"snoozed_until": iso}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "value", [None, "", "soon", "2001-01-01T00:00:00Z", 12, True, [1], {"a": 1}]
)
def test_bad_snooze_time_is_400(as_agent, base, mine, value):
    """A missing, unreadable or past time is a 400 naming the field."""
    response = as_agent.post(
        f"{base}/notifications/{mine[0].pk}/snooze",
        {} if value is None else {"snoozed_until": value},
        format="json",
    )
    assert response.status_code == 400
    assert "snoozed_until" in response.json()["errors"]


def test_delete_and_destroy_all(as_agent, base, mine):
    """DELETE removes one; destroy_all type=read the read ones, then all."""
    assert as_agent.delete(f"{base}/notifications/{mine[2].pk}").status_code == 200
    assert not Notification.objects.filter(pk=mine[2].pk).exists()
    as_agent.post(f"{base}/notifications/destroy_all", {"type": "read"})
    assert list(Notification.objects.values_list("pk", flat=True)) == [mine[0].pk]
    as_agent.post(f"{base}/notifications/destroy_all")
    assert Notification.objects.count() == 0
    response = as_agent.post(f"{base}/notifications/destroy_all", {"type": "x"})
    assert response.status_code == 400


def test_other_users_notifications_are_404(
    as_admin, as_stranger, base, mine, stranger, conversation
):
    """Another user's notification, or one of another account, is a JSON 404
    for every route; lists and counts show only the caller's own."""
    other = factories.ConversationFactory()
    foreign = notify(stranger, other)
    paths = [
        ("patch", f"{base}/notifications/{mine[0].pk}"),
        ("delete", f"{base}/notifications/{mine[0].pk}"),
        ("post", f"{base}/notifications/{mine[0].pk}/unread"),
        ("post", f"{base}/notifications/{mine[0].pk}/snooze"),
        ("patch", f"{base}/notifications/{foreign.pk}"),
        ("post", f"{base}/notifications/{foreign.pk}/unread"),
    ]
    for method, path in paths:
        response = getattr(as_admin, method)(path)
        assert response.status_code == 404, path
        assert "error" in response.json()
    assert as_admin.get(f"{base}/notifications").json()["data"]["payload"] == []
    assert as_admin.get(f"{base}/notifications/unread_count").json() == 0
    response = as_stranger.get(f"{base}/notifications")
    assert response.status_code in (401, 403, 404)
    own_base = f"/api/v1/accounts/{other.account_id}"
    response = as_stranger.patch(f"{own_base}/notifications/{mine[0].pk}")
    assert response.status_code == 404
    assert Notification.objects.get(pk=mine[0].pk).read_at is None


def test_settings_defaults_and_update(as_agent, base, agent, account):
    """Chatwoot's selected_email_flags / selected_push_flags, with OneChat's
    in-app and sound flags; PATCH changes the channels sent, keeps the rest."""
    data = as_agent.get(f"{base}/notification_settings").json()
    assert data["user_id"] == agent.pk
    assert data["account_id"] == account.pk
    assert data["selected_email_flags"] == [
        "email_conversation_assignment",
        "email_conversation_mention",
    ]
    assert "push_conversation_assignment" in data["selected_push_flags"]
    assert "in_app_conversation_waiting" in data["selected_in_app_flags"]
    assert "sound_conversation_mention" in data["selected_sound_flags"]
    response = as_agent.patch(
        f"{base}/notification_settings",
        {
            "notification_settings": {
                "selected_email_flags": [],
                "selected_push_flags": ["push_conversation_waiting"],
            }
        },
        format="json",
    )
    assert response.status_code == 200
    changed = response.json()
    assert changed["selected_email_flags"] == []
    assert changed["selected_push_flags"] == ["push_conversation_waiting"]
    assert changed["selected_in_app_flags"] == data["selected_in_app_flags"]
    assert as_agent.get(f"{base}/notification_settings").json() == changed


@pytest.mark.parametrize(
    "body",
    [
        {
            "notification_settings": {
                "selected_email_flags": ["push_conversation_mention"]
            }
        },
        {
            "notification_settings": {
                "selected_email_flags": "email_conversation_mention"
            }
        },
        {"notification_settings": "all"},
        {},
    ],
)
def test_bad_settings_are_400(as_agent, base, body):
    """A flag of another channel, a non-list or no settings is a JSON 400."""
    response = as_agent.patch(f"{base}/notification_settings", body, format="json")
    assert response.status_code == 400
    assert response.json()


def test_settings_are_per_account(as_agent, base, agent, account):
    """Settings in one account do not change another's."""
    other = factories.AccountFactory()
    factories.AccountUserFactory(account=other, user=agent)
    as_agent.patch(
        f"{base}/notification_settings",
        {"notification_settings": {"selected_email_flags": []}},
        format="json",
    )
    elsewhere = client_for(agent).get(
        f"/api/v1/accounts/{other.pk}/notification_settings"
    )
    assert elsewhere.json()["selected_email_flags"] != []


def test_list_costs_the_same_for_any_number_of_rows(
    as_agent, base, agent, conversation, administrator, django_assert_max_num_queries
):
    """A page of fifteen notifications reads no more than a page of one."""
    notify(agent, conversation, secondary_user=administrator)
    with django_assert_max_num_queries(40) as one:
        as_agent.get(f"{base}/notifications")
    for _ in range(14):
        notify(agent, conversation, secondary_user=administrator)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = as_agent.get(f"{base}/notifications")
    assert len(response.json()["data"]["payload"]) == 15


def test_read_all_of_one_conversation(as_agent, base, agent, conversation):
    """read_all with Chatwoot's primary actor reads that conversation's only;
    a bad one is a 400."""
    other = factories.ConversationFactory(contact_inbox=conversation.contact_inbox)
    mine = notify(agent, conversation)
    elsewhere = notify(agent, other)
    response = as_agent.post(
        f"{base}/notifications/read_all",
        {"primary_actor_type": "Conversation", "primary_actor_id": other.display_id},
        format="json",
    )
    assert response.status_code == 200
    mine.refresh_from_db()
    elsewhere.refresh_from_db()
    assert mine.read_at is None
    assert elsewhere.read_at is not None
    response = as_agent.post(
        f"{base}/notifications/read_all",
        {"primary_actor_type": "Message", "primary_actor_id": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"primary_actor_type", "primary_actor_id"}
