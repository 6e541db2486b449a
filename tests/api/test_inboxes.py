import pytest

from accounts.models import Inbox, InboxMember
from tests import factories

pytestmark = pytest.mark.django_db


def test_admin_lists_all_inboxes_with_hmac_token(as_admin, base, account, inbox):
    """Administrators see every inbox and its HMAC secret."""
    other = factories.InboxFactory(account=account)
    payload = as_admin.get(f"{base}/inboxes").json()["payload"]
    assert [row["id"] for row in payload] == [inbox.pk, other.pk]
    assert payload[0]["hmac_token"] == inbox.hmac_token
    assert payload[0]["website_token"] == inbox.website_token
    assert payload[0]["channel_type"] == "Channel::WebWidget"
    assert payload[0]["inbox_identifier"] == inbox.identifier


def test_agent_reads_own_inboxes_without_secret(as_agent, base, account, inbox):
    """Agents see the inboxes they work, without the HMAC secret."""
    hidden = factories.InboxFactory(account=account)
    payload = as_agent.get(f"{base}/inboxes").json()["payload"]
    assert [row["id"] for row in payload] == [inbox.pk]
    assert payload[0]["hmac_token"] is None
    assert as_agent.get(f"{base}/inboxes/{hidden.pk}").status_code == 404


def test_website_inbox_carries_its_embed_snippet(
    as_admin, base, account, inbox, monkeypatch, settings
):
    """A website inbox carries the snippet to paste, naming FRONTEND_URL when set,
    else the origin the administrator uses; an API inbox carries none."""
    api_inbox = factories.InboxFactory(account=account, channel_type="api")
    script = as_admin.get(f"{base}/inboxes/{inbox.pk}").json()["web_widget_script"]
    assert '"http://testserver"' in script
    assert f'"{inbox.website_token}"' in script
    assert "/packs/js/sdk.js" in script
    monkeypatch.setenv("FRONTEND_URL", "https://chat.example.com")
    settings.FRONTEND_URL = "https://chat.example.com"
    script = as_admin.get(f"{base}/inboxes/{inbox.pk}").json()["web_widget_script"]
    assert '"https://chat.example.com"' in script
    api_row = as_admin.get(f"{base}/inboxes/{api_inbox.pk}").json()
    assert api_row["web_widget_script"] is None


def test_admin_creates_and_updates_a_website_inbox(as_admin, base, account):
    """POST creates a website inbox; PATCH changes the widget settings."""
    response = as_admin.post(
        f"{base}/inboxes",
        {
            "name": "Shop",
            "website_url": "https://shop.example",
            "widget_color": "#ff0000",
            "greeting_enabled": True,
            "greeting_message": "Hello!",
        },
        format="json",
    )
    assert response.status_code == 200
    inbox = Inbox.objects.get(pk=response.json()["id"], account=account)
    assert inbox.channel_type == "website" and inbox.greeting_enabled is True
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}",
        {
            "hmac_mandatory": True,
            "welcome_title": "Hi",
            "welcome_tagline": "We reply fast",
            "widget_enabled": False,
            "email_collect_enabled": False,
        },
        format="json",
    )
    assert response.status_code == 200
    inbox.refresh_from_db()
    assert inbox.hmac_mandatory is True and inbox.widget_enabled is False
    assert inbox.welcome_tagline == "We reply fast"


def test_admin_creates_an_api_inbox(as_admin, base):
    """channel_type api makes an API inbox."""
    response = as_admin.post(
        f"{base}/inboxes", {"name": "App", "channel_type": "api"}, format="json"
    )
    assert response.json()["channel_type"] == "Channel::Api"


def test_inbox_sender_name_and_lock(as_admin, base, inbox):
    """An inbox keeps Chatwoot's sender name type, business name (null for the
    inbox's name) and single-conversation lock; a website inbox lists its
    widget's features, channel settings of other channels are null."""
    url = f"{base}/inboxes/{inbox.pk}"
    shown = as_admin.get(url).json()
    assert (shown["sender_name_type"], shown["business_name"]) == ("friendly", None)
    assert shown["lock_to_single_conversation"] is False
    assert shown["selected_feature_flags"] == [
        "attachments",
        "emoji_picker",
        "end_conversation",
    ]
    assert (shown["phone_number"], shown["callback_webhook_url"]) == (None, None)
    changed = as_admin.patch(
        url,
        {
            "sender_name_type": "professional",
            "business_name": "<b>Acme</b>",
            "lock_to_single_conversation": True,
        },
        format="json",
    ).json()
    assert changed["sender_name_type"] == "professional"
    assert changed["business_name"] == "<b>Acme</b>"
    assert changed["lock_to_single_conversation"] is True
    cleared = as_admin.patch(url, {"business_name": None}, format="json").json()
    assert cleared["business_name"] is None
    inbox.refresh_from_db()
    assert (inbox.business_name, inbox.sender_name_type) == ("", "professional")


@pytest.mark.parametrize(
    "body",
    [
        {"name": "X", "sender_name_type": "casual"},
        {"name": "X", "lock_to_single_conversation": "maybe"},
        {"name": "X", "business_name": "B" * 300},
        {"name": ""},
        {"name": "X", "channel_type": "fax"},
        {"name": "X", "widget_color": "red; background:url(x)"},
        {"name": "X", "hmac_mandatory": "perhaps"},
        {"name": "X" * 300},
        {"name": "X", "locale": "klingon"},
        {"name": "X", "locale": "<b>de</b>"},
    ],
)
def test_create_inbox_refuses_bad_input(as_admin, base, account, inbox, body):
    """Bad names, channels, colours, flags: 400 and no inbox."""
    response = as_admin.post(f"{base}/inboxes", body, format="json")
    assert response.status_code == 400
    assert Inbox.objects.filter(account=account).count() == 1


def test_inbox_language_is_one_onechat_speaks(as_admin, base, inbox):
    """An inbox's widget language is stored in Django's spelling; "" clears it."""
    url = f"{base}/inboxes/{inbox.pk}"
    response = as_admin.patch(url, {"locale": "pt_BR"}, format="json")
    assert response.status_code == 200
    assert response.json()["locale"] == "pt-br"
    assert as_admin.patch(url, {"locale": ""}, format="json").json()["locale"] == ""


def test_channel_cannot_change(as_admin, base, inbox):
    """A website inbox stays a website inbox."""
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}", {"channel_type": "api"}, format="json"
    )
    assert response.status_code == 400


def test_agents_cannot_change_inboxes(as_agent, base, inbox):
    """Agents may read inboxes, not create or change them."""
    assert (
        as_agent.post(f"{base}/inboxes", {"name": "X"}, format="json").status_code
        == 403
    )
    response = as_agent.patch(
        f"{base}/inboxes/{inbox.pk}", {"name": "Y"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["error"]
    inbox.refresh_from_db()
    assert inbox.name != "Y"


def test_other_account_inbox_is_not_found(as_admin, base, other_account_conversation):
    """Another account's inbox id is a 404, for reading and changing."""
    url = f"{base}/inboxes/{other_account_conversation.inbox_id}"
    assert as_admin.get(url).status_code == 404
    assert as_admin.patch(url, {"name": "Mine"}, format="json").status_code == 404


def test_stranger_cannot_list(as_stranger, base):
    """A user of another account gets 404 for this account."""
    assert as_stranger.get(f"{base}/inboxes").status_code == 404


### Members


def test_inbox_members_list_add_replace_remove(
    as_admin, base, inbox, agent, outsider, administrator
):
    """GET lists, POST adds, PATCH replaces, DELETE removes inbox agents."""
    listing = as_admin.get(f"{base}/inbox_members/{inbox.pk}").json()["payload"]
    assert [row["id"] for row in listing] == [agent.pk]
    url = f"{base}/inbox_members"
    added = as_admin.post(
        url, {"inbox_id": inbox.pk, "user_ids": [outsider.pk]}, format="json"
    )
    assert {row["id"] for row in added.json()["payload"]} == {agent.pk, outsider.pk}
    replaced = as_admin.patch(
        url, {"inbox_id": inbox.pk, "user_ids": [administrator.pk]}, format="json"
    )
    assert [row["id"] for row in replaced.json()["payload"]] == [administrator.pk]
    as_admin.delete(
        url, {"inbox_id": inbox.pk, "user_ids": [administrator.pk]}, format="json"
    )
    assert not InboxMember.objects.filter(inbox=inbox).exists()


@pytest.mark.parametrize("who", ["stranger", "missing", "garbage"])
def test_inbox_members_refuse_non_members(as_admin, base, inbox, agent, stranger, who):
    """User ids outside the account: 400, members unchanged."""
    user_ids = {"stranger": [stranger.pk], "missing": [424242], "garbage": ["x"]}[who]
    response = as_admin.patch(
        f"{base}/inbox_members",
        {"inbox_id": inbox.pk, "user_ids": user_ids},
        format="json",
    )
    assert response.status_code == 400
    assert list(
        InboxMember.objects.filter(inbox=inbox).values_list("user", flat=True)
    ) == [agent.pk]


def test_inbox_members_of_other_account_inbox(
    as_admin, base, other_account_conversation
):
    """Another account's inbox id is a 404."""
    response = as_admin.post(
        f"{base}/inbox_members",
        {"inbox_id": other_account_conversation.inbox_id, "user_ids": []},
        format="json",
    )
    assert response.status_code == 404


def test_agents_cannot_change_inbox_members(as_agent, base, inbox, outsider):
    """Only administrators manage inbox members."""
    response = as_agent.post(
        f"{base}/inbox_members",
        {"inbox_id": inbox.pk, "user_ids": [outsider.pk]},
        format="json",
    )
    assert response.status_code == 403
    assert not InboxMember.objects.filter(user=outsider).exists()
