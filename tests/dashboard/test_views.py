import json

import pytest

from accounts.models import AccountUser, Invitation, User
from accounts.services import invite_agent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests run in-process only, so a cheap hasher keeps them quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def page_config(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="dashboard-config" type="application/json">')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def test_signed_out_visitor_gets_the_sign_in_form(client):
    """``/`` shows the form; a dashboard page sends a visitor back to it."""
    response = client.get("/")
    assert response.status_code == 200
    assert b'name="password"' in response.content
    response = client.get("/app/accounts/1/conversations")
    assert response.status_code == 302
    assert response["Location"].startswith("/?next=")


def test_wrong_password_is_refused_with_a_message(client, administrator):
    """A wrong password re-shows the form with an error and signs nobody in."""
    response = client.post("/", {"email": administrator.email, "password": "nope"})
    assert response.status_code == 400
    assert b"do not match" in response.content
    assert "_auth_user_id" not in client.session


def test_sign_in_opens_the_account_and_hands_the_page_its_tokens(
    client, administrator, account
):
    """The page config carries the user's ids, pubsub token and a CSRF token."""
    response = client.post(
        "/", {"email": administrator.email.upper(), "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == f"/app/accounts/{account.pk}/conversations"
    config = page_config(response)
    assert config["user"]["id"] == administrator.pk
    assert config["account"] == {
        "id": account.pk,
        "name": account.name,
        "role": "administrator",
        "availability": "online",
    }
    assert config["pubsubToken"] == administrator.pubsub_token
    assert config["csrfToken"]
    assert config["page"] == "conversations"


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(
    client, administrator, account
):
    """``next`` is honoured for this site's pages, ignored for other hosts."""
    wanted = f"/app/accounts/{account.pk}/contacts"
    credentials = {"email": administrator.email, "password": factories.PASSWORD}
    response = client.post(f"/?next={wanted}", {**credentials, "next": wanted})
    assert response["Location"] == wanted
    client.logout()
    response = client.post("/", {**credentials, "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_another_accounts_pages_are_not_found(client, administrator):
    """Pages and the switch of an account the user is not in answer 404."""
    other = factories.AccountFactory()
    client.force_login(administrator)
    assert client.get(f"/app/accounts/{other.pk}/conversations").status_code == 404
    assert client.get(f"/app/accounts/{other.pk}/queue").status_code == 404
    response = client.post("/switch-account", {"account_id": other.pk})
    assert response.status_code == 404
    assert client.post("/switch-account", {"account_id": "x"}).status_code == 404


def test_queue_page_is_for_every_member(client, account, agent):
    """An agent opens the Queue page from the main navigation."""
    client.force_login(agent)
    response = client.get(f"/app/accounts/{account.pk}/queue")
    assert response.status_code == 200
    assert f'href="/app/accounts/{account.pk}/queue" aria-current="page"' in (
        response.content.decode()
    )


def test_switching_account_is_remembered_for_the_next_visit(client, administrator):
    """After a switch, ``/`` opens the account chosen last."""
    other = factories.AccountFactory(name="Second Shop")
    factories.AccountUserFactory(account=other, user=administrator)
    client.force_login(administrator)
    response = client.post("/switch-account", {"account_id": other.pk})
    assert response["Location"] == f"/app/accounts/{other.pk}/conversations"
    client.get(response["Location"])
    assert client.get("/")["Location"] == f"/app/accounts/{other.pk}/conversations"


def test_settings_are_for_administrators_only(client, account, agent, administrator):
    """Agents get 403 on settings; an unknown section is 404."""
    client.force_login(agent)
    response = client.get(f"/app/accounts/{account.pk}/settings/inboxes")
    assert response.status_code == 403
    client.force_login(administrator)
    response = client.get(f"/app/accounts/{account.pk}/settings/teams")
    assert response.status_code == 200
    assert page_config(response)["section"] == "teams"
    response = client.get(f"/app/accounts/{account.pk}/settings/secrets")
    assert response.status_code == 404


@pytest.mark.parametrize("section", ["capacity", "hours", "widget"])
def test_capacity_hours_and_widget_settings_are_for_administrators(
    client, account, agent, administrator, section
):
    """Agents get 403 on each; administrators get the section with the
    languages the widget speaks."""
    client.force_login(agent)
    url = f"/app/accounts/{account.pk}/settings/{section}"
    assert client.get(url).status_code == 403
    client.force_login(administrator)
    config = page_config(client.get(url))
    assert config["section"] == section
    assert ["pt-br", "Português (Brasil)"] in config["languages"]


def test_user_without_an_account_is_told_so(client):
    """A user with no membership sees why instead of an empty dashboard."""
    user = factories.UserFactory()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 403
    assert b"do not belong to any account" in response.content


def test_sign_out_needs_a_post_and_ends_the_session(client, administrator):
    """Signing out is a POST (no sign-out by link) and ends the session."""
    client.force_login(administrator)
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out")["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_pages_follow_the_language_chosen_in_the_profile(
    client, administrator, account
):
    """The agent's ``ui_settings.locale`` beats the browser's language; Arabic
    turns the page right to left."""
    client.force_login(administrator)
    url = f"/app/accounts/{account.pk}/conversations"
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="de" dir="ltr">' in german
    assert ">Unterhaltungen</a>" in german
    administrator.ui_settings = {"locale": "ar"}
    administrator.save()
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert ">المحادثات</a>" in arabic
    assert ">متصل</option>" in arabic


def test_invitations_are_answered_only_by_their_user(client, account, agent):
    """Someone in no account yet answers their own invitation from ``/``;
    another user's invitation is a 404, and nothing is answered by GET."""
    factories.UserFactory(email="nia@example.com")
    invite_agent(account=account, email="nia@example.com")
    theirs = Invitation.objects.get()
    client.force_login(agent)
    url = f"/invitations/{theirs.pk}"
    assert client.post(url, {"answer": "accept"}).status_code == 404
    nia = User.objects.get(email="nia@example.com")
    client.force_login(nia)
    assert b"Accept" in client.get("/").content
    assert client.get(url).status_code == 405
    response = client.post(url, {"answer": "accept"})
    assert response["Location"] == f"/app/accounts/{account.pk}/conversations"
    assert AccountUser.objects.filter(user=nia, account=account).exists() is True
