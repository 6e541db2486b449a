"""The inbox settings the dashboard's settings pages write: holidays, reply
time, avatar, dark mode, and the account's default agent limit."""

import json

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Inbox
from tests import factories

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00"
    b"\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_inbox_shape_carries_the_new_settings(as_admin, base, inbox):
    """Holidays, reply time, dark mode and avatar URL, with their defaults."""
    body = as_admin.get(f"{base}/inboxes/{inbox.pk}").json()
    assert body["holidays"] == []
    assert body["reply_time"] == "in_a_few_minutes"
    assert body["dark_mode"] == "light"
    assert body["avatar_url"] == ""


def test_admin_saves_holidays_sorted_by_date(as_admin, base, inbox):
    """Holidays are stored by date, recurring off unless said."""
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}",
        {
            "holidays": [
                {"date": "2026-12-25", "name": "Christmas", "recurring": True},
                {"date": "2026-05-01", "name": MARKUP},
            ]
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["holidays"] == [
        {"date": "2026-05-01", "name": MARKUP, "recurring": False},
        {"date": "2026-12-25", "name": "Christmas", "recurring": True},
    ]
    inbox.refresh_from_db()
    assert inbox.holidays[1] == {
        "date": "2026-12-25",
        "name": "Christmas",
        "recurring": True,
    }


@pytest.mark.parametrize(
    "holidays",
    [
        [{"date": "2026-13-01", "name": "Nope"}],
        [{"date": "2026-02-30", "name": "Nope"}],
        [{"date": "25/12/2026", "name": "Nope"}],
        [{"date": "2026-12-25"}],
        [{"date": "2026-12-25", "name": ""}],
        [{"date": "2026-12-25", "name": "A"}, {"date": "2026-12-25", "name": "B"}],
        [{"date": "2026-12-25", "name": "A", "recurring": "sometimes"}],
        "2026-12-25",
        [["2026-12-25"]],
    ],
)
def test_bad_holidays_are_a_400_naming_the_field(as_admin, base, inbox, holidays):
    """A bad date, a missing name, a date twice or a wrong type: 400 JSON,
    nothing stored."""
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}", {"holidays": holidays}, format="json"
    )
    assert response.status_code == 400
    assert "holidays" in response.json()["errors"]
    inbox.refresh_from_db()
    assert inbox.holidays == []


def test_reply_time_and_dark_mode_take_chatwoots_values(as_admin, base, inbox):
    """reply_time and dark_mode change; an unknown value is a 400 naming it.
    Chatwoot's clients nest widget settings under ``channel``."""
    url = f"{base}/inboxes/{inbox.pk}"
    body = as_admin.patch(
        url,
        {"reply_time": "in_a_day", "channel": {"widget_color": "#00aa00"}},
        format="json",
    ).json()
    assert body["reply_time"] == "in_a_day" and body["widget_color"] == "#00aa00"
    assert (
        as_admin.patch(url, {"dark_mode": "auto"}, format="json").json()["dark_mode"]
        == "auto"
    )
    for name, value in (("reply_time", "someday"), ("dark_mode", "dim")):
        response = as_admin.patch(url, {name: value}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == [name]


def test_admin_uploads_and_removes_an_avatar(
    as_admin, base, inbox, client, media, django_capture_on_commit_callbacks
):
    """A PNG is stored under a random name and served inline; removing it
    deletes the file and empties ``avatar_url``."""
    url = f"{base}/inboxes/{inbox.pk}"
    upload = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    response = as_admin.patch(url, {"avatar": upload}, format="multipart")
    assert response.status_code == 200
    avatar_url = response.json()["avatar_url"]
    assert avatar_url.startswith("http://testserver/media/avatars/")
    assert avatar_url.endswith("/avatar.png")
    inbox.refresh_from_db()
    stored = media / inbox.avatar.name
    assert stored.read_bytes() == PNG
    widget = client.get(f"/widget?website_token={inbox.website_token}")
    config = json.loads(
        widget.content.decode()
        .split('id="onechat-config" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert config["inbox"]["avatarUrl"] == inbox.avatar.url
    assert config["inbox"]["replyTime"] == "in_a_few_minutes"
    assert config["inbox"]["darkMode"] == "light"
    with django_capture_on_commit_callbacks(execute=True):
        assert as_admin.delete(f"{url}/avatar").status_code == 200
    assert as_admin.get(url).json()["avatar_url"] == ""
    assert not stored.exists()


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("logo.svg", SVG, "image/svg+xml"),
        ("logo.png", SVG, "image/png"),
        ("logo.png", b"<html><script>alert(1)</script>", "image/png"),
        ("logo.gif", PNG, "image/gif"),
        ("logo.pdf", b"%PDF-1.4", "application/pdf"),
        ("logo.png", PNG, "text/html"),
    ],
)
def test_an_avatar_of_a_disallowed_type_is_a_400(
    as_admin, base, inbox, media, name, content, media_type
):
    """Only PNG, JPEG, GIF and WebP images whose bytes match their name and
    type: anything else is a 400 JSON naming ``avatar``, nothing stored."""
    upload = SimpleUploadedFile(name, content, content_type=media_type)
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}", {"avatar": upload}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["avatar"]
    inbox.refresh_from_db()
    assert not inbox.avatar
    assert list(media.rglob("*.*")) == []


def test_an_agent_cannot_write_the_settings(as_agent, base, inbox, account):
    """Agents read their inboxes but change no setting: 403 JSON."""
    url = f"{base}/inboxes/{inbox.pk}"
    for body in (
        {"holidays": [{"date": "2026-12-25", "name": "Christmas"}]},
        {"widget_color": "#000000", "dark_mode": "dark"},
        {"auto_assignment_config": {"max_assignment_limit": 1}},
    ):
        response = as_agent.patch(url, body, format="json")
        assert response.status_code == 403
        assert "error" in response.json()
    assert as_agent.delete(f"{url}/avatar").status_code == 403
    response = as_agent.patch(
        f"/api/v1/accounts/{account.pk}", {"auto_assignment_limit": 2}, format="json"
    )
    assert response.status_code == 403 and "error" in response.json()
    inbox.refresh_from_db()
    assert inbox.holidays == [] and inbox.dark_mode == Inbox.DarkMode.LIGHT


def test_another_accounts_inbox_is_not_found(as_admin, base):
    """An administrator names an inbox of another account: 404 JSON, unchanged."""
    other = factories.InboxFactory()
    url = f"{base}/inboxes/{other.pk}"
    response = as_admin.patch(url, {"dark_mode": "dark"}, format="json")
    assert response.status_code == 404 and "error" in response.json()
    assert as_admin.delete(f"{url}/avatar").status_code == 404
    other.refresh_from_db()
    assert other.dark_mode == "light"


def test_administrator_sets_the_accounts_default_limit(as_admin, account):
    """The account's default limit of open conversations per agent: 1 to 1000
    or null; anything else a 400 naming it."""
    url = f"/api/v1/accounts/{account.pk}"
    assert as_admin.get(url).json()["auto_assignment_limit"] is None
    response = as_admin.patch(url, {"auto_assignment_limit": 3}, format="json")
    assert response.status_code == 200
    assert response.json()["auto_assignment_limit"] == 3
    for bad in (0, 1001, 2.5, True, "many"):
        response = as_admin.patch(url, {"auto_assignment_limit": bad}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["auto_assignment_limit"]
    response = as_admin.patch(url, {"auto_assignment_limit": None}, format="json")
    assert response.json()["auto_assignment_limit"] is None
    account.refresh_from_db()
    assert account.auto_assignment_limit is None


def test_a_new_avatar_replaces_the_stored_one(
    as_admin, base, inbox, media, django_capture_on_commit_callbacks
):
    """Uploading again stores the new image and deletes the old file."""
    url = f"{base}/inboxes/{inbox.pk}"
    first = SimpleUploadedFile("a.png", PNG, content_type="image/png")
    as_admin.patch(url, {"avatar": first}, format="multipart")
    inbox.refresh_from_db()
    old = media / inbox.avatar.name
    gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
    second = SimpleUploadedFile("b.gif", gif, content_type="image/gif")
    with django_capture_on_commit_callbacks(execute=True):
        response = as_admin.patch(url, {"avatar": second}, format="multipart")
    assert response.json()["avatar_url"].endswith("/avatar.gif")
    assert not old.exists()
    inbox.refresh_from_db()
    assert (media / inbox.avatar.name).read_bytes() == gif
