"""The invitation email and its link: a person invited by email answers from
the link alone; nobody else (the inviting administrator, the API, another
invitation) gets or reuses it."""

import re
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts import services
from accounts.models import AccountUser, Invitation, User
from audit.models import AuditLog
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-password-of-my-own-7"
MARKUP = '<img src=x onerror="alert(1)">Beta & Co'
LINK = re.compile(r"https?://[^/\s]+(/invitations/join/[A-Za-z0-9_-]+)")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def stranger():
    """A registered user of another account."""
    return factories.AccountUserFactory().user


@pytest.fixture
def stranger_admin():
    """The administrator of another account."""
    return factories.AccountUserFactory(role=AccountUser.Role.ADMINISTRATOR).user


def run_jobs() -> int:
    """Run the enqueued jobs in this process, as the worker would; how many."""
    ran = 0
    for result in DBTaskResult.objects.ready():
        arguments = result.args_kwargs
        result.task.call(*arguments["args"], **arguments["kwargs"])
        result.delete()
        ran += 1
    return ran


def invite(administrator, email: str, **fields) -> dict:
    """POST agents as ``administrator``, then run the email job."""
    account_id = administrator.memberships.get().account_id
    response = client_for(administrator).post(
        f"/api/v1/accounts/{account_id}/agents",
        {"email": email, **fields},
        format="json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def link_in(message) -> str:
    """The path of the one invitation link in an email (text and HTML agree)."""
    [path] = set(LINK.findall(message.body))
    [(html, _)] = message.alternatives
    assert set(LINK.findall(html)) == {path}
    return path


def test_new_person_joins_from_the_emailed_link(administrator, account):
    """POST agents enqueues one job; run, it emails the person a link where
    they choose a name and password, join the account signed in, and can
    sign in with that password later."""
    invite(administrator, "New@Example.com", name="Nia", role="administrator")
    assert mail.outbox == []
    assert run_jobs() == 1
    [message] = mail.outbox
    assert message.to == ["new@example.com"]
    assert account.name in message.subject
    path = link_in(message)
    browser = Client()
    page = browser.get(path)
    assert page.status_code == 200
    assert b'name="password"' in page.content
    joined = browser.post(
        path,
        {"name": "Nia N.", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    assert joined.status_code == 302
    assert joined["Location"] == f"/app/accounts/{account.pk}/conversations"
    assert browser.get(joined["Location"]).status_code == 200
    user = User.objects.get(email="new@example.com")
    assert user.name == "Nia N."
    assert AccountUser.objects.get(user=user, account=account).role == "administrator"
    assert Invitation.objects.exists() is False
    again = Client()
    again.post("/", {"email": "new@example.com", "password": NEW_PASSWORD})
    assert again.session["_auth_user_id"] == str(user.pk)


def test_link_works_once(administrator):
    """After joining, the same link is refused with a clear page (404), and a
    second attempt sets nothing."""
    invite(administrator, "once@example.com")
    run_jobs()
    path = link_in(mail.outbox[0])
    body = {"name": "A", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    assert Client().post(path, body).status_code == 302
    refused = Client().post(path, {**body, "password": "another-password-9"})
    assert refused.status_code == 404
    assert b"does not work" in refused.content
    user = User.objects.get(email="once@example.com")
    assert user.check_password(NEW_PASSWORD) is True


def test_link_expires(administrator, settings):
    """A link past its time is refused, and a new invitation of the same
    email sends a new link that works while the old one stays dead."""
    invite(administrator, "late@example.com")
    run_jobs()
    old = link_in(mail.outbox[0])
    Invitation.objects.update(link_expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(old).status_code == 404
    invite(administrator, "late@example.com")
    run_jobs()
    new = link_in(mail.outbox[1])
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    expires = Invitation.objects.get().link_expires_at - timezone.now()
    days = settings.ONECHAT_INVITATION_LINK_DAYS
    assert timedelta(days=days) - timedelta(minutes=5) < expires <= timedelta(days=days)


def test_link_opens_only_its_own_invitation(administrator, stranger_admin):
    """A link is for one invitation: the person invited by two accounts who
    joins through one link is not added to the other account, and a link of
    one person never sets another's password."""
    invite(administrator, "two@example.com")
    invite(stranger_admin, "two@example.com")
    invite(administrator, "three@example.com")
    run_jobs()
    assert [message.to for message in mail.outbox] == [
        ["two@example.com"],
        ["two@example.com"],
        ["three@example.com"],
    ]
    first = link_in(mail.outbox[0])
    body = {"name": "T", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    assert Client().post(first, body).status_code == 302
    user = User.objects.get(email="two@example.com")
    assert list(user.memberships.values_list("account_id", flat=True)) == [
        administrator.memberships.get().account_id
    ]
    assert Invitation.objects.filter(user=user).count() == 1
    # The second account's link now asks the registered person to sign in.
    second = Client().post(link_in(mail.outbox[1]), body)
    assert second.status_code == 200
    assert b'name="password"' not in second.content
    assert user.memberships.count() == 1
    three = User.objects.get(email="three@example.com")
    assert three.has_usable_password() is False


@pytest.mark.parametrize(
    "tampered",
    ["", "x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "<script>"],
)
def test_tampered_link_is_refused(administrator, tampered):
    """A changed or made-up key: 404 with the page that says so; the person
    stays unable to sign in."""
    invite(administrator, "tamper@example.com")
    run_jobs()
    path = link_in(mail.outbox[0])
    key = path.rsplit("/", 1)[1]
    for bad in (key[:-1] + ("A" if key[-1] != "A" else "B"), key + "x", tampered):
        response = Client().post(
            f"/invitations/join/{bad}",
            {"name": "M", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
        )
        assert response.status_code == 404
    user = User.objects.get(email="tamper@example.com")
    assert user.has_usable_password() is False


def test_administrator_never_sees_the_key(administrator, account):
    """The key is in the email only: not in the API's answers, not stored
    (only its digest), not in the job's arguments."""
    answer = invite(administrator, "secret@example.com")
    [job] = DBTaskResult.objects.filter(task_path__startswith="accounts.")
    arguments = str(job.args_kwargs)
    run_jobs()
    key = link_in(mail.outbox[0]).rsplit("/", 1)[1]
    admin = client_for(administrator)
    base = f"/api/v1/accounts/{account.pk}/agents"
    seen = [
        str(answer),
        admin.get(base).content.decode(),
        admin.get(f"{base}/{answer['id']}").content.decode(),
        arguments,
    ]
    assert all(key not in text for text in seen)
    assert key not in str(list(Invitation.objects.values()))
    assert key not in str(list(AuditLog.objects.values()))


def test_registered_and_new_emails_get_the_same_email(administrator, stranger):
    """The email a registered person gets reads like a new person's, bar the
    link: nothing in it tells whether the address was known."""
    invite(administrator, stranger.email, name="Kim")
    invite(administrator, "nobody@example.com", name="Kim")
    run_jobs()
    registered, new = mail.outbox

    def blank(text: str) -> str:
        return LINK.sub("<link>", text)

    assert registered.subject == new.subject
    assert blank(registered.body) == blank(new.body)
    assert blank(registered.alternatives[0][0]) == blank(new.alternatives[0][0])


def test_registered_person_signs_in_then_answers(administrator, stranger, account):
    """A registered person's link asks them to sign in (no password form);
    signed in, they accept there. Signed in as someone else, they cannot."""
    invite(administrator, stranger.email)
    run_jobs()
    path = link_in(mail.outbox[0])
    anonymous = Client().get(path)
    assert b'name="password"' not in anonymous.content
    assert f"next={path.replace('/', '%2F')}".encode() in anonymous.content
    someone_else = Client()
    someone_else.force_login(administrator)
    assert someone_else.post(path, {"answer": "accept"}).status_code == 200
    assert AccountUser.objects.filter(user=stranger, account=account).exists() is False
    browser = Client()
    browser.post("/", {"email": stranger.email, "password": factories.PASSWORD})
    assert b'value="accept"' in browser.get(path).content
    accepted = browser.post(path, {"answer": "accept"})
    assert accepted["Location"] == f"/app/accounts/{account.pk}/conversations"
    assert AccountUser.objects.filter(user=stranger, account=account).exists()
    assert Client().get(path).status_code == 404


def test_weak_or_mismatched_password_is_refused(administrator):
    """The page checks the password like every other: too short, or typed
    differently twice, is a 400 with the reason, and nothing is set."""
    invite(administrator, "weak@example.com")
    run_jobs()
    path = link_in(mail.outbox[0])
    short = Client().post(path, {"name": "W", "password": "1", "password_again": "1"})
    assert short.status_code == 400
    differ = Client().post(
        path, {"name": "W", "password": NEW_PASSWORD, "password_again": "other-pass-8"}
    )
    assert differ.status_code == 400
    assert b"The passwords differ." in differ.content
    assert User.objects.get(email="weak@example.com").has_usable_password() is False


def test_markup_in_names_is_escaped(administrator, account):
    """An account and an inviter named with markup: text in the HTML email
    and the page, never elements; the text email keeps the words."""
    account.name = MARKUP + "\nBcc: victim@example.com"
    account.save()
    administrator.name = MARKUP
    administrator.save()
    invite(administrator, "markup@example.com")
    run_jobs()
    [message] = mail.outbox
    assert "\n" not in message.subject
    assert message.extra_headers == {}
    assert message.bcc == []
    [(html, _)] = message.alternatives
    assert "<img" not in html
    assert "&lt;img src=x" in html
    assert '<img src=x onerror="alert(1)">Beta & Co' in message.body
    page = Client().get(link_in(message)).content.decode()
    assert "<img" not in page
    assert "&lt;img src=x" in page


def test_email_is_in_the_inviters_language(administrator):
    """A new person's email is in the inviting administrator's language (a
    registered person's in their own)."""
    administrator.ui_settings = {"locale": "fr"}
    administrator.save()
    invite(administrator, "fr@example.com")
    run_jobs()
    [message] = mail.outbox
    assert "OneChat" in message.subject
    assert "You are invited" not in message.subject


def test_invitation_taken_back_sends_nothing(administrator, account):
    """An invitation withdrawn before the job runs: no email."""
    answer = invite(administrator, "gone@example.com")
    client_for(administrator).delete(
        f"/api/v1/accounts/{account.pk}/agents/{answer['id']}"
    )
    run_jobs()
    assert mail.outbox == []


def test_link_never_sets_a_registered_users_password(account, stranger):
    """Joining through a link is for a person without a password: a
    registered user's password stays theirs, and no membership is made."""
    invitation = services.invite_agent(account=account, email=stranger.email)
    with pytest.raises(services.RegisteredUserError):
        services.join_with_invitation(
            invitation=invitation, name="Mallory", password=NEW_PASSWORD
        )
    stranger.refresh_from_db()
    assert stranger.check_password(factories.PASSWORD) is True
    assert stranger.name != "Mallory"
    assert AccountUser.objects.filter(user=stranger, account=account).exists() is False


def test_language_chosen_in_the_profile_is_the_emails(administrator, stranger):
    """A registered person who chose German through the profile API gets
    their invitation in German, whatever the inviter's language."""
    administrator.ui_settings = {"locale": "fr"}
    administrator.save()
    chosen = client_for(stranger).patch(
        "/api/v1/profile", {"ui_settings": {"locale": "de"}}, format="json"
    )
    assert chosen.status_code == 200
    assert chosen.json()["ui_settings"]["locale"] == "de"
    invite(administrator, stranger.email)
    run_jobs()
    [message] = mail.outbox
    assert message.subject.startswith("Sie sind eingeladen")
    [(html, _)] = message.alternatives
    assert 'lang="de"' in html
