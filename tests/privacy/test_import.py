"""Contact imports from CSV: Chatwoot's path and columns, all or nothing,
a preview that writes nothing, errors named by line and column, limits."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import Contact
from conversations.models import Label
from tests import factories

pytestmark = pytest.mark.django_db

GOOD = (
    "name,email,phone_number,identifier,plan,labels\n"
    'Ann Archer,ann@example.com,+4915112345678,u-1,gold,"vip, b2b"\n'
    "Ben Baker,BEN@example.com,,u-2,,\n"
)


def csv_file(text: str | bytes, name: str = "contacts.csv") -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def url(account, tail: str = "") -> str:
    return f"/api/v1/accounts/{account.pk}/contacts/import{tail}"


def test_a_good_file_imports_and_updates_by_email(as_admin, account):
    ben = factories.ContactFactory(account=account, email="ben@example.com")
    response = as_admin.post(
        url(account), {"import_file": csv_file(GOOD)}, format="multipart"
    )
    assert response.status_code == 200, response.content
    ann = Contact.objects.get(email="ann@example.com")
    assert (ann.name, ann.phone_number, ann.identifier) == (
        "Ann Archer",
        "+4915112345678",
        "u-1",
    )
    assert ann.custom_attributes == {"plan": "gold"}
    assert sorted(ann.labels.values_list("title", flat=True)) == ["b2b", "vip"]
    ben.refresh_from_db()
    assert (ben.name, ben.identifier) == ("Ben Baker", "u-2")
    assert Contact.objects.filter(account=account).count() == 2


def test_a_malformed_row_changes_nothing_and_is_named(as_admin, account):
    text = GOOD + "Cy Cole,not-an-email,,u-3,,\n"
    response = as_admin.post(
        url(account), {"import_file": csv_file(text)}, format="multipart"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [
        {"line": 4, "column": "email", "message": "Enter a valid email address."}
    ]
    assert "error" in body
    assert not Contact.objects.exists()
    assert not Label.objects.exists()


def test_broken_csv_names_its_line(as_admin, account):
    text = 'name,email\n"Ann,ann@example.com\n'
    response = as_admin.post(
        url(account, "/preview"), {"import_file": csv_file(text)}, format="multipart"
    )
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["line"] == 2 and error["column"] is None
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("name,email\nA,a@example.com\nB,a@example.com\n", 3, "email"),
        ("name,phone_number\nA,call me\n", 2, "phone_number"),
        ("name,email\nA,a@example.com,extra\n", 2, None),
        ("name,email,name\nA,a@example.com,B\n", 1, "name"),
        ("plan\ngold\n", 1, None),
        ("name,email\n,\n,,\n\nA,\n ,x@example.com\n", None, None),
    ],
)
def test_each_bad_row_is_reported(as_admin, account, text, line, column):
    response = as_admin.post(
        url(account, "/preview"), {"import_file": csv_file(text)}, format="multipart"
    )
    errors = response.json()["errors"]
    if line is None:
        assert errors == [] and len(response.json()["rows"]) == 2
    else:
        assert (errors[0]["line"], errors[0]["column"]) == (line, column)


def test_conflicting_identity_is_an_error(as_admin, account):
    factories.ContactFactory(account=account, email="a@example.com")
    factories.ContactFactory(account=account, identifier="id-b")
    text = "email,identifier\na@example.com,id-b\n"
    response = as_admin.post(
        url(account), {"import_file": csv_file(text)}, format="multipart"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["column"] == "email"


def test_preview_writes_nothing(as_admin, account):
    ben = factories.ContactFactory(account=account, email="ben@example.com")
    response = as_admin.post(
        url(account, "/preview"), {"import_file": csv_file(GOOD)}, format="multipart"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == []
    assert (body["create_count"], body["update_count"]) == (1, 1)
    assert [row["action"] for row in body["rows"]] == ["create", "update"]
    assert body["rows"][1]["contact_id"] == ben.pk
    assert body["rows"][0]["labels"] == ["vip", "b2b"]
    assert Contact.objects.count() == 1
    assert not Label.objects.exists()


def test_limits_of_size_and_rows(as_admin, account, settings):
    settings.ONECHAT_CONTACT_IMPORT_MAX_ROWS = 1
    response = as_admin.post(
        url(account, "/preview"), {"import_file": csv_file(GOOD)}, format="multipart"
    )
    assert response.json()["errors"][0]["line"] == 3
    settings.ONECHAT_CONTACT_IMPORT_MAX_BYTES = 10
    response = as_admin.post(
        url(account), {"import_file": csv_file(GOOD)}, format="multipart"
    )
    assert response.status_code == 400
    assert "import_file" in response.json()["errors"]


def test_not_utf8_and_no_file_are_4xx(as_admin, account):
    response = as_admin.post(
        url(account), {"import_file": csv_file(b"name\n\xff\xfe\n")}, format="multipart"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["line"] is None
    assert as_admin.post(url(account), {}, format="multipart").status_code == 400
    assert as_admin.post(url(account), "x", content_type="text/csv").status_code in (
        400,
        415,
    )


def test_agents_may_not_import(as_agent, account):
    for tail in ("", "/preview"):
        response = as_agent.post(
            url(account, tail), {"import_file": csv_file(GOOD)}, format="multipart"
        )
        assert response.status_code == 403
    assert not Contact.objects.exists()


def test_another_accounts_import_is_404(as_admin):
    other = factories.AccountFactory()
    response = as_admin.post(
        url(other), {"import_file": csv_file(GOOD)}, format="multipart"
    )
    assert response.status_code == 404
    assert not Contact.objects.exists()


def test_a_large_file_is_checked_in_a_few_queries(
    as_admin, account, django_assert_max_num_queries
):
    factories.ContactFactory(account=account, email="c7@example.com")
    lines = [f"C{n},c{n}@example.com,id-{n},+3312345{n:04d}" for n in range(1200)]
    text = "name,email,identifier,phone_number\n" + "\n".join(lines) + "\n"
    with django_assert_max_num_queries(20):
        response = as_admin.post(
            url(account, "/preview"),
            {"import_file": csv_file(text)},
            format="multipart",
        )
    body = response.json()
    assert body["errors"] == []
    assert (body["create_count"], body["update_count"]) == (1199, 1)
