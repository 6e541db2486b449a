"""The account's labels (administrators manage them) and a contact's labels."""

import pytest

from conversations.models import Label
from conversations.services import set_contact_labels, set_labels
from tests import factories

pytestmark = pytest.mark.django_db

MARKUP = '<img src=x onerror="alert(1)">'


def test_administrator_manages_labels(as_admin, base, account):
    """Create (title lowercased), list, read, change and delete a label."""
    created = as_admin.post(
        f"{base}/labels",
        {"title": "Billing", "description": "Money", "color": "#ff0000"},
        format="json",
    )
    assert created.status_code == 200
    label = created.json()
    assert label["title"] == "billing"
    assert label["show_on_sidebar"] is True
    listed = as_admin.get(f"{base}/labels").json()["payload"]
    assert [row["title"] for row in listed] == ["billing"]
    assert as_admin.get(f"{base}/labels/{label['id']}").json()["color"] == "#ff0000"
    changed = as_admin.patch(
        f"{base}/labels/{label['id']}", {"show_on_sidebar": False}, format="json"
    )
    assert changed.json()["show_on_sidebar"] is False
    assert as_admin.delete(f"{base}/labels/{label['id']}").status_code == 200
    assert not Label.objects.filter(account=account).exists()


def test_agents_read_labels_but_cannot_change_them(as_agent, base, account):
    """Agents list labels; creating, changing and deleting them is a JSON 403."""
    label = Label.objects.create(account=account, title="vip")
    assert as_agent.get(f"{base}/labels").status_code == 200
    for response in (
        as_agent.post(f"{base}/labels", {"title": "new"}, format="json"),
        as_agent.patch(f"{base}/labels/{label.pk}", {"title": "x"}, format="json"),
        as_agent.delete(f"{base}/labels/{label.pk}"),
    ):
        assert response.status_code == 403
        assert response.json()["error"]
    assert Label.objects.get(pk=label.pk).title == "vip"


def test_another_accounts_label_is_not_found(as_admin, base, as_stranger):
    """Another account's label id is a JSON 404; another account's caller too."""
    theirs = Label.objects.create(account=factories.AccountFactory(), title="theirs")
    for response in (
        as_admin.get(f"{base}/labels/{theirs.pk}"),
        as_admin.patch(f"{base}/labels/{theirs.pk}", {"title": "x"}, format="json"),
        as_admin.delete(f"{base}/labels/{theirs.pk}"),
        as_stranger.get(f"{base}/labels"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]
    assert Label.objects.get(pk=theirs.pk).title == "theirs"


def test_label_input_is_checked(as_admin, base, account):
    """Markup, a taken title and a bad colour are 400s naming the field; a
    description keeps markup as plain text."""
    Label.objects.create(account=account, title="taken")
    refused = as_admin.post(f"{base}/labels", {"title": MARKUP}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"].startswith("title")
    taken = as_admin.post(f"{base}/labels", {"title": "Taken"}, format="json")
    assert taken.json()["error"].startswith("title")
    colour = as_admin.post(
        f"{base}/labels", {"title": "ok", "color": "red;}"}, format="json"
    )
    assert colour.json()["error"].startswith("color")
    described = as_admin.post(
        f"{base}/labels", {"title": "ok", "description": MARKUP}, format="json"
    )
    assert described.json()["description"] == MARKUP


def test_renaming_a_label_renames_it_everywhere(as_admin, base, conversation, contact):
    """Conversations and contacts keep a renamed label; deleting removes it."""
    set_labels(conversation=conversation, labels=["billing"])
    set_contact_labels(contact=contact, labels=["billing"])
    label = Label.objects.get(title="billing")
    as_admin.patch(f"{base}/labels/{label.pk}", {"title": "invoices"}, format="json")
    thread = f"{base}/conversations/{conversation.display_id}/labels"
    assert as_admin.get(thread).json()["payload"] == ["invoices"]
    assert as_admin.get(f"{base}/contacts/{contact.pk}/labels").json() == {
        "payload": ["invoices"]
    }
    as_admin.delete(f"{base}/labels/{label.pk}")
    assert as_admin.get(thread).json()["payload"] == []


def test_contact_labels(as_agent, base, contact, account):
    """An agent replaces a contact's labels; GET reads them back, sorted."""
    for title in ("vip", "lead"):
        Label.objects.create(account=account, title=title)
    url = f"{base}/contacts/{contact.pk}/labels"
    assert as_agent.get(url).json() == {"payload": []}
    posted = as_agent.post(url, {"labels": ["vip", "lead"]}, format="json")
    assert posted.status_code == 200
    assert posted.json() == {"payload": ["lead", "vip"]}
    assert as_agent.post(url, {"labels": ["vip"]}, format="json").json() == {
        "payload": ["vip"]
    }
    assert as_agent.get(url).json() == {"payload": ["vip"]}


def test_contact_labels_of_another_account_are_not_found(as_admin, base):
    """Another account's contact id is a JSON 404, and its labels stay."""
    theirs = factories.ContactFactory()
    set_contact_labels(contact=theirs, labels=["theirs"])
    url = f"{base}/contacts/{theirs.pk}/labels"
    for response in (
        as_admin.get(url),
        as_admin.post(url, {"labels": ["mine"]}, format="json"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]
    assert list(theirs.labels.values_list("title", flat=True)) == ["theirs"]


def test_contact_labels_must_be_a_list(as_admin, base, contact):
    """``labels`` that is not a list of strings is a 400 naming it."""
    url = f"{base}/contacts/{contact.pk}/labels"
    response = as_admin.post(url, {"labels": "vip"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"].startswith("labels")


### Agents pick the account's labels; administrators manage them


@pytest.fixture
def tag_urls(base, conversation, contact) -> list[str]:
    """The two ways to tag: a conversation's labels and a contact's."""
    return [
        f"{base}/conversations/{conversation.display_id}/labels",
        f"{base}/contacts/{contact.pk}/labels",
    ]


def test_agent_tagging_with_an_unknown_title_is_refused(
    as_agent, tag_urls, account, conversation, contact
):
    """An agent's unknown title is a 400 naming it: no label is created, and
    the conversation or contact keeps the labels it had."""
    Label.objects.create(account=account, title="billing")
    for url in tag_urls:
        assert as_agent.post(url, {"labels": ["billing"]}, format="json").json() == {
            "payload": ["billing"]
        }
        response = as_agent.post(url, {"labels": ["billing", "vip"]}, format="json")
        assert response.status_code == 400
        assert response.json() == {
            "error": "labels: There is no label 'vip'.",
            "errors": {"labels": "There is no label 'vip'."},
        }
        assert as_agent.get(url).json() == {"payload": ["billing"]}
    assert list(Label.objects.values_list("title", flat=True)) == ["billing"]
    assert list(conversation.labels.values_list("title", flat=True)) == ["billing"]
    assert list(contact.labels.values_list("title", flat=True)) == ["billing"]


def test_agent_tags_with_existing_labels(as_agent, tag_urls, account):
    """The account's labels are an agent's to pick; removing them all works."""
    for title in ("billing", "vip"):
        Label.objects.create(account=account, title=title)
    for url in tag_urls:
        response = as_agent.post(url, {"labels": ["vip", "billing"]}, format="json")
        assert response.status_code == 200
        assert response.json() == {"payload": ["billing", "vip"]}
        assert as_agent.post(url, {"labels": []}, format="json").json() == {
            "payload": []
        }
    assert Label.objects.count() == 2


def test_administrator_tagging_with_a_new_title_creates_the_label(
    as_admin, tag_urls, account
):
    """Administrators manage the labels: their new title creates it, as
    Chatwoot's API takes any title."""
    for url in tag_urls:
        response = as_admin.post(url, {"labels": ["vip"]}, format="json")
        assert response.json() == {"payload": ["vip"]}
    assert list(account.labels.values_list("title", flat=True)) == ["vip"]


def test_another_accounts_label_is_unknown_here(as_agent, tag_urls, account):
    """A title only another account has is unknown in this one: refused, and
    that account's label is neither attached nor copied."""
    theirs = Label.objects.create(account=factories.AccountFactory(), title="secret")
    for url in tag_urls:
        response = as_agent.post(url, {"labels": ["secret"]}, format="json")
        assert response.status_code == 400
        assert "secret" in response.json()["error"]
    assert not account.labels.exists()
    assert not theirs.conversations.exists()
    assert not theirs.contacts.exists()


def test_label_shape_is_chatwoots(as_admin, as_agent, base):
    """A label is Chatwoot's label partial: exactly id, title, description,
    color and show_on_sidebar, with their JSON types; a body wrapped in
    ``label`` is taken too, and the colour defaults to Chatwoot's blue."""
    created = as_admin.post(
        f"{base}/labels",
        {"label": {"title": "Lead", "description": "New"}},
        format="json",
    )
    assert created.status_code == 200
    label = created.json()
    assert label == {
        "id": label["id"],
        "title": "lead",
        "description": "New",
        "color": "#1f93ff",
        "show_on_sidebar": True,
    }
    assert isinstance(label["id"], int)
    assert as_agent.get(f"{base}/labels").json() == {"payload": [label]}
    assert as_agent.get(f"{base}/labels/{label['id']}").json() == label
