"""manage.py create_admin: the first account and its administrator."""

import io

import pytest

from django.core.management import CommandError, call_command

from onechat.models import AccountUser, User

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def create_admin(*arguments: str) -> str:
    output = io.StringIO()
    call_command("create_admin", *arguments, stdout=output)
    return output.getvalue()


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
    assert user.is_staff is True and user.is_superuser is True
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
