"""Canned responses (``canned_responses``): Chatwoot's shapes, files carried
as message attachments are, administrators writing and agents reading."""

import json
from pathlib import Path

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from cannedresponses.models import CannedResponse
from cannedresponses.services import create_canned_response
from tests import factories

pytestmark = pytest.mark.django_db

SWAGGER = json.loads((Path(__file__).parent / "chatwoot_swagger.json").read_text())
SHAPE = SWAGGER["components"]["schemas"]["canned_response"]["properties"]
JSON_TYPES = {"integer": int, "string": str}


def assert_chatwoot_shape(row: dict) -> None:
    """Every field of the swagger's ``canned_response``, of its JSON type."""
    for name, declared in SHAPE.items():
        assert isinstance(row[name], JSON_TYPES[declared["type"]]), name


def png(name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n fake", content_type="image/png")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def welcome(account):
    return create_canned_response(
        account=account, short_code="welcome", content="Hello {{contact.name}}!"
    )


### Reading


def test_members_list_the_accounts_responses_in_chatwoots_shape(
    as_agent, base, welcome, account
):
    """An agent reads every canned response of the account, as Chatwoot
    draws them, plus their files; another account's are not among them."""
    factories.AccountFactory()
    create_canned_response(
        account=factories.AccountFactory(), short_code="theirs", content="x"
    )
    response = as_agent.get(f"{base}/canned_responses")
    assert response.status_code == 200
    [row] = response.json()
    assert_chatwoot_shape(row)
    assert row["short_code"] == "welcome"
    assert row["account_id"] == account.pk
    assert row["attachments"] == []


def test_search_matches_short_code_or_content_short_codes_first(
    as_agent, base, account
):
    """``?search=`` keeps short codes or contents holding the words, those
    whose short code starts with them first."""
    for code, content in [
        ("thanks", "Refund is on its way"),
        ("refund", "We sent it"),
        ("bye", "Goodbye"),
    ]:
        create_canned_response(account=account, short_code=code, content=content)
    response = as_agent.get(f"{base}/canned_responses", {"search": "REFUND"})
    assert [row["short_code"] for row in response.json()] == ["refund", "thanks"]


### Writing


def test_administrator_creates_updates_and_deletes(as_admin, base, account):
    """POST answers the stored response; PATCH changes it; DELETE removes it."""
    created = as_admin.post(
        f"{base}/canned_responses",
        {"short_code": "hi", "content": "Hello {{agent.name}}"},
        format="json",
    )
    assert created.status_code == 200, created.content
    assert_chatwoot_shape(created.json())
    canned_id = created.json()["id"]
    changed = as_admin.patch(
        f"{base}/canned_responses/{canned_id}",
        {"canned_response": {"content": "Hi there"}},
        format="json",
    )
    assert changed.status_code == 200
    assert changed.json()["content"] == "Hi there"
    assert changed.json()["short_code"] == "hi"
    assert as_admin.delete(f"{base}/canned_responses/{canned_id}").status_code == 200
    assert not CannedResponse.objects.filter(pk=canned_id).exists()


def test_short_code_is_unique_in_the_account(as_admin, base, welcome):
    """A second ``welcome`` is a 400 on short_code, as JSON."""
    response = as_admin.post(
        f"{base}/canned_responses",
        {"short_code": "welcome", "content": "again"},
        format="json",
    )
    assert response.status_code == 400
    assert "short_code" in json.dumps(response.json())


def test_files_go_up_as_multipart_and_come_back_listed(as_admin, base):
    """Files posted with a response are listed under ``attachments``; a PATCH
    adds more and takes off those named."""
    created = as_admin.post(
        f"{base}/canned_responses",
        {"short_code": "logo", "content": "Our logo", "attachments[]": [png()]},
        format="multipart",
    )
    assert created.status_code == 200, created.content
    [first] = created.json()["attachments"]
    assert first["file_name"] == "logo.png"
    assert first["file_type"] == "image"
    assert first["content_type"] == "image/png"
    assert first["data_url"].startswith("http")
    changed = as_admin.patch(
        f"{base}/canned_responses/{created.json()['id']}",
        {"attachments[]": [png("second.png")], "removed_attachment_ids": [first["id"]]},
        format="multipart",
    )
    assert changed.status_code == 200, changed.content
    assert [f["file_name"] for f in changed.json()["attachments"]] == ["second.png"]


### Hostile


def test_disallowed_file_is_a_json_400(as_admin, base):
    """An HTML file dressed as a PNG is refused as a message's would be."""
    fake = SimpleUploadedFile(
        "x.png", b"<html><script>alert(1)</script>", content_type="image/png"
    )
    response = as_admin.post(
        f"{base}/canned_responses",
        {"short_code": "x", "content": "x", "attachments[]": [fake]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "not allowed" in json.dumps(response.json())
    assert not CannedResponse.objects.exists()


def test_too_many_files_is_a_json_400(as_admin, base):
    """Past ten files, the response is refused."""
    response = as_admin.post(
        f"{base}/canned_responses",
        {
            "short_code": "many",
            "content": "x",
            "attachments[]": [png(f"{n}.png") for n in range(11)],
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()


def test_agent_cannot_write(as_agent, base, welcome):
    """Creating, changing or deleting as an agent is a 403 with a JSON body."""
    url = f"{base}/canned_responses"
    answers = [
        as_agent.post(url, {"short_code": "a", "content": "b"}, format="json"),
        as_agent.patch(f"{url}/{welcome.pk}", {"content": "b"}, format="json"),
        as_agent.delete(f"{url}/{welcome.pk}"),
    ]
    for answer in answers:
        assert answer.status_code == 403
        assert answer.json()
    welcome.refresh_from_db()
    assert welcome.content == "Hello {{contact.name}}!"


def test_another_accounts_response_is_a_json_404(as_admin, base):
    """Another account's canned response id answers 404 to every write."""
    theirs = create_canned_response(
        account=factories.AccountFactory(), short_code="theirs", content="x"
    )
    url = f"{base}/canned_responses/{theirs.pk}"
    for answer in (
        as_admin.patch(url, {"content": "mine"}, format="json"),
        as_admin.delete(url),
    ):
        assert answer.status_code == 404
        assert answer.json()
    theirs.refresh_from_db()
    assert theirs.content == "x"


def test_outsider_reads_nothing(as_stranger, base, welcome):
    """Someone of another account gets a JSON 404 for this account's list."""
    response = as_stranger.get(f"{base}/canned_responses")
    assert response.status_code == 404
    assert response.json()


def test_empty_patch_and_bad_search_are_json_400(as_admin, base, welcome):
    """A PATCH changing nothing and an oversized search are 400s."""
    url = f"{base}/canned_responses"
    assert as_admin.patch(f"{url}/{welcome.pk}", {}, format="json").status_code == 400
    assert as_admin.get(url, {"search": "x" * 300}).status_code == 400
