"""Brute-force protection of the dashboard's sign-in and /admin/'s."""

import time

import pytest

from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-1"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ONECHAT_SIGN_IN_FAILURES_PER_EMAIL = 5
    settings.ONECHAT_SIGN_IN_FAILURES_PER_ADDRESS = 8


@pytest.fixture
def user():
    return factories.UserFactory(email="ada@example.com", password=PASSWORD)


@pytest.fixture
def operator():
    return factories.UserFactory(
        email="ops@example.com", password=PASSWORD, is_staff=True, is_superuser=True
    )


def dashboard_sign_in(email, password, address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).post("/", {"email": email, "password": password})


def admin_sign_in(email, password, address="10.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/admin/login/", {"username": email, "password": password})
    return response, client


def test_dashboard_locks_an_email_after_repeated_failures(user):
    """Wrong passwords lock the email: then even the right one is refused with
    a 429 that says why, from any address."""
    for _ in range(5):
        assert dashboard_sign_in(user.email, "wrong").status_code == 400
    for address in ("10.0.0.1", "10.9.9.9"):
        refused = dashboard_sign_in(user.email, PASSWORD, address)
        assert refused.status_code == 429
        assert b"Too many failed sign-ins" in refused.content
        assert "_auth_user_id" not in refused.wsgi_request.session


def test_dashboard_locks_an_address_trying_many_emails(user):
    """One address guessing across emails is locked out too; others are not."""
    for n in range(8):
        dashboard_sign_in(f"guess{n}@example.com", "wrong")
    assert dashboard_sign_in(user.email, PASSWORD).status_code == 429
    assert dashboard_sign_in(user.email, PASSWORD, "10.0.0.2").status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_count(user):
    """The address counted is the connection's, not X-Forwarded-For."""
    for n in range(8):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}").post(
            "/", {"email": f"g{n}@example.com", "password": "wrong"}
        )
    assert dashboard_sign_in(user.email, PASSWORD).status_code == 429


def test_success_before_the_limit_clears_the_email_count(user):
    """A right password before the lock-out starts the count afresh."""
    for _ in range(4):
        dashboard_sign_in(user.email, "wrong", "10.0.0.3")
    assert dashboard_sign_in(user.email, PASSWORD, "10.0.0.4").status_code == 302
    for _ in range(4):
        dashboard_sign_in(user.email, "wrong", "10.0.0.5")
    assert dashboard_sign_in(user.email, PASSWORD, "10.0.0.6").status_code == 302


def test_admin_login_is_locked_out_too(operator):
    """/admin/'s own form counts failures alike and says why it refuses."""
    for _ in range(5):
        response, _ = admin_sign_in(operator.email, "wrong")
        assert response.status_code == 200
    response, client = admin_sign_in(operator.email, PASSWORD)
    assert b"Too many failed sign-ins" in response.content
    assert client.get("/admin/").status_code == 302


def test_lockout_ends_after_the_window(user, settings):
    """The lock-out lasts ONECHAT_SIGN_IN_LOCKOUT_SECONDS."""
    settings.ONECHAT_SIGN_IN_LOCKOUT_SECONDS = 1
    for _ in range(5):
        dashboard_sign_in(user.email, "wrong")
    assert dashboard_sign_in(user.email, PASSWORD).status_code == 429
    time.sleep(1.2)
    assert dashboard_sign_in(user.email, PASSWORD).status_code == 302
