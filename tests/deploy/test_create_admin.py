"""manage.py create_admin (an account and its administrator) and
create_operator (who opens /admin/)."""

import io

import pytest

from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import AccountUser, User

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def create_admin(*arguments: str) -> str:
    output = io.StringIO()
    call_command("create_admin", *arguments, stdout=output)
    return output.getvalue()


def create_operator(*arguments: str) -> str:
    output = io.StringIO()
    call_command("create_operator", *arguments, stdout=output)
    return output.getvalue()


def admin_site_as(email: str, password: str) -> Client:
    """A browser signed in through /admin/'s own login form."""
    client = Client()
    client.post("/admin/login/", {"username": email, "password": password})
    return client


def test_creates_account_administrator_who_can_sign_in():
    """The account, the user and an administrator membership, in one go."""
    output = create_admin(
        "--email", "Owner@Example.com", "--account-name", "Acme", "--password", PASSWORD
    )
    user = User.objects.get(email="owner@example.com")
    membership = AccountUser.objects.get(user=user)
    assert membership.role == AccountUser.Role.ADMINISTRATOR
    assert membership.account.name == "Acme"
    assert user.check_password(PASSWORD) is True
    assert user.is_staff is False and user.is_superuser is False
    assert user.name == "owner"
    assert f"Created account {membership.account_id} (Acme)" in output


def test_password_from_the_environment(monkeypatch):
    """ONECHAT_ADMIN_PASSWORD keeps the password out of the process list."""
    monkeypatch.setenv("ONECHAT_ADMIN_PASSWORD", PASSWORD)
    create_admin("--email", "a@example.com", "--account-name", "Acme")
    assert User.objects.get(email="a@example.com").check_password(PASSWORD) is True


def test_no_password_without_a_terminal_is_refused(monkeypatch):
    """Non-interactive runs without a password fail instead of hanging."""
    monkeypatch.delenv("ONECHAT_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())
    with pytest.raises(CommandError, match="No password"):
        create_admin("--email", "a@example.com", "--account-name", "Acme")
    assert User.objects.exists() is False


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--email", "not-an-email", "--account-name", "Acme"], "Not an email"),
        (["--email", "a@example.com", "--account-name", "  "], "must not be empty"),
        (["--email", "a@example.com", "--account-name", "Acme"], "too short"),
    ],
)
def test_bad_input_is_refused_with_a_reason(arguments, message):
    """A bad email, an empty account name or a weak password create nothing."""
    password = "short" if message == "too short" else PASSWORD
    with pytest.raises(CommandError, match=message):
        create_admin(*arguments, "--password", password)
    assert User.objects.exists() is False


def test_existing_email_is_refused(administrator):
    """An email already in use is refused; no second account appears."""
    with pytest.raises(CommandError, match="already exists"):
        create_admin(
            "--email",
            administrator.email,
            "--account-name",
            "Other",
            "--password",
            PASSWORD,
        )
    assert AccountUser.objects.filter(user=administrator).count() == 1


def test_only_the_operator_opens_the_admin_site(settings):
    """The administrator of a second account cannot read the first account in
    /admin/; the named operator can."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    create_admin(
        "--email", "first@a.com", "--account-name", "A", "--password", PASSWORD
    )
    create_admin(
        "--email", "second@b.com", "--account-name", "B", "--password", PASSWORD
    )
    create_operator("--email", "ops@host.com", "--password", PASSWORD)
    second = admin_site_as("second@b.com", PASSWORD)
    assert second.get("/admin/contacts/contact/").status_code == 302
    assert second.get("/admin/").status_code == 302
    operator = admin_site_as("ops@host.com", PASSWORD)
    assert operator.get("/admin/contacts/contact/").status_code == 200
    assert User.objects.get(email="ops@host.com").memberships.exists() is False


def test_an_existing_user_is_promoted_keeping_their_password(administrator):
    """create_operator on an account's administrator makes them an operator."""
    output = create_operator("--email", administrator.email.upper())
    administrator.refresh_from_db()
    assert administrator.is_staff is True and administrator.is_superuser is True
    assert "now an operator" in output


def test_operator_with_a_weak_password_is_refused():
    """The password validators apply to operators too."""
    with pytest.raises(CommandError, match="too short"):
        create_operator("--email", "ops@host.com", "--password", "short")
    assert User.objects.exists() is False
