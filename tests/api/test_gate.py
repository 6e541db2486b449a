"""The gate every write of the APIs passes: every write view declares what it
needs, and a capability refused by the rule is refused by every route that
could change what it guards, with nothing changed."""

from collections.abc import Callable, Iterator
from types import SimpleNamespace

import pytest

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from rest_framework.views import APIView

from agentchat import capabilities as chat_capabilities
from agentchat.api.views import ChatMixin
from api.permissions import (
    ADMINISTRATORS,
    ANY_MEMBER,
    CONTACT_SESSION,
    ROLES,
    SIGNED_IN_USER,
    WRITE_METHODS,
    Gate,
    declared_need,
)
from api.views import API_PREFIXES, BaseAPIView, not_found
from collaboration import capabilities
from collaboration.models import Participant
from conversations.api.views import ConversationMixin
from conversations.models import Conversation, Message
from conversations.services import assign_agent
from tests import factories
from tests.api.conftest import client_for

CHAT_CAPABILITIES = (
    chat_capabilities.SEND_MESSAGE,
    chat_capabilities.TYPING,
    chat_capabilities.COMPLETE,
)

### The route walk


def routes(resolver=None, prefix: str = "/") -> Iterator[tuple[str, Callable]]:
    """Every route of the URL configuration: its path and its callback."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def view_class(callback: Callable) -> type | None:
    """The class of a class-based view's callback (DRF's ``cls``, Django's
    ``view_class``), None for a function view."""
    return getattr(callback, "cls", None) or getattr(callback, "view_class", None)


def writes(cls: type) -> list[str]:
    """The write methods a view class answers."""
    return [method for method in WRITE_METHODS if hasattr(cls, method.lower())]


def api_views() -> list[tuple[str, type]]:
    """Every DRF view of the URL configuration with its route."""
    return [
        (path, cls)
        for path, callback in routes()
        if (cls := view_class(callback)) is not None and issubclass(cls, APIView)
    ]


def as_tuple(need) -> tuple[str, ...]:
    return need if isinstance(need, tuple) else (need,)


def test_every_write_view_declares_what_it_needs():
    """Each DRF view with a write, wherever it is routed, is a ``BaseAPIView``
    (so the gate runs, whatever its permission classes) and declares for each
    of its writes a role, a capability its ``require`` checks, or a function of
    the request. Conversation views name ``collaboration.capabilities``, agent
    chat views their chat's capabilities, the others a role alone."""
    undeclared, wrong = [], []
    for path, cls in api_views():
        for method in writes(cls):
            need = declared_need(cls, method)
            if not issubclass(cls, BaseAPIView) or Gate not in {
                type(permission) for permission in cls().get_permissions()
            }:
                wrong.append((path, method, "the gate does not run"))
            if need is None:
                undeclared.append((path, method, cls.__name__))
                continue
            if callable(need):
                continue
            for name in as_tuple(need):
                if name in ROLES:
                    continue
                if issubclass(cls, ConversationMixin) and name in capabilities.ALL:
                    continue
                if issubclass(cls, ChatMixin) and name in CHAT_CAPABILITIES:
                    continue
                wrong.append((path, method, name))
    assert undeclared == []
    assert wrong == []


def test_the_walk_covers_every_api_and_says_who_each_serves():
    """The walk reaches the Application API (accounts and profile), the public
    client API and the widget API. Contact-facing views declare
    ``CONTACT_SESSION`` (their path's or token's session is the credential) and
    only they do; profile routes declare ``SIGNED_IN_USER`` and only they do.
    Named rule for what is not a DRF view: those routes are Django pages outside
    the APIs (dashboard, admin, health, media, the widget's page and script),
    with their own session and CSRF checks, except the APIs' JSON 404."""
    seen = {path: cls for path, cls in api_views()}
    assert any(path.startswith("/api/v1/accounts/") for path in seen)
    assert any(path.startswith("/api/v1/profile") for path in seen)
    assert any(path.startswith("/public/api/v1/") for path in seen)
    assert any(path.startswith("/api/v1/widget/") for path in seen)
    for path, cls in seen.items():
        needs = {
            name
            for method in writes(cls)
            if not callable(need := declared_need(cls, method))
            for name in as_tuple(need)
        }
        contact_facing = path.startswith(("/public/api/", "/api/v1/widget/"))
        assert (CONTACT_SESSION in needs) == (contact_facing and bool(needs)), path
        profile = path.startswith("/api/v1/profile")
        assert (SIGNED_IN_USER in needs) == (profile and bool(needs)), path
    pages = []
    for path, callback in routes():
        cls = view_class(callback)
        if callback is not_found or (cls is not None and issubclass(cls, APIView)):
            continue
        assert not path.startswith(API_PREFIXES), path
        pages.append(path)
    assert any(path.startswith("/app/accounts/") for path in pages)


def test_administrator_writes_are_declared_on_their_views():
    """The account's settings, inboxes, teams, agents, labels and attribute
    definitions are the administrators'; deleting a contact too."""
    by_name = {cls.__name__: cls for _, cls in api_views()}
    for name in (
        "AccountView",
        "InboxListView",
        "InboxMembersUpdateView",
        "TeamMembersView",
        "AgentDetailView",
        "LabelDetailView",
        "AttributeDefinitionListView",
    ):
        cls = by_name[name]
        assert {declared_need(cls, m) for m in writes(cls)} == {ADMINISTRATORS}, name
    assert declared_need(by_name["ContactDetailView"], "DELETE") == ADMINISTRATORS
    assert declared_need(by_name["ContactDetailView"], "PATCH") == ANY_MEMBER


### Each capability, refused on every route that changes what it guards

# Under a conversation's URL: (method, path after it, body from the people's ids).
ROUTES: dict[str, list[tuple[str, str, Callable[[dict], dict]]]] = {
    capabilities.SEND_MESSAGE: [("post", "messages", lambda ids: {"content": "Hi"})],
    capabilities.ADD_NOTE: [
        ("post", "messages", lambda ids: {"content": "Psst", "private": True}),
        ("post", "messages", lambda ids: {"content": "Psst", "private": "true"}),
    ],
    capabilities.TYPING: [
        ("post", "toggle_typing_status", lambda ids: {"typing_status": "on"})
    ],
    capabilities.RESOLVE: [
        ("post", "toggle_status", lambda ids: {"status": "resolved"}),
        ("post", "toggle_status", lambda ids: {}),
        ("post", "toggle_status", lambda ids: {"snoozed_until": 4102444800}),
        ("post", "mute", lambda ids: {}),
        ("post", "unmute", lambda ids: {}),
    ],
    capabilities.TRANSFER: [
        ("post", "assignments", lambda ids: {"assignee_id": ids["third"]}),
        ("post", "assignments", lambda ids: {"assignee_id": None}),
        ("post", "transfer", lambda ids: {"assignee_id": ids["third"]}),
        ("patch", "", lambda ids: {"assignee_id": ids["third"]}),
        ("patch", "", lambda ids: {"team_id": ids["team"]}),
    ],
    capabilities.INVITE: [
        ("post", "participants", lambda ids: {"user_ids": [ids["fourth"]]}),
        ("patch", "participants", lambda ids: {"user_ids": [ids["fourth"]]}),
        ("delete", "participants", lambda ids: {"user_ids": [ids["third"]]}),
    ],
    capabilities.CONSULT: [("post", "consult", lambda ids: {"user_id": ids["fourth"]})],
    capabilities.LEAVE: [("post", "leave", lambda ids: {})],
    capabilities.UPDATE_ATTRIBUTES: [
        ("patch", "", lambda ids: {"priority": "urgent"}),
        ("patch", "", lambda ids: {"custom_attributes": {"plan": "gold"}}),
        ("patch", "", lambda ids: {}),
        ("post", "toggle_priority", lambda ids: {"priority": "urgent"}),
        ("post", "labels", lambda ids: {"labels": ["vip"]}),
        ("post", "custom_attributes", lambda ids: {"custom_attributes": {"a": 1}}),
    ],
}

# Where the rule refuses the agent: keyword arguments of ``capabilities.granted``
# beside the agent's own (not an administrator).
SETUPS = {
    "assigned to another agent": {
        "assignee": "colleague",
        "status": "open",
        "kind": None,
    },
    "consulting": {"assignee": None, "status": "open", "kind": "consulting"},
    "resolved, the agent's own": {
        "assignee": "agent",
        "status": "resolved",
        "kind": None,
    },
}


def refused_by(setup: dict) -> list[str]:
    """The capabilities the rule refuses the agent in ``setup``."""
    assignee = {"agent": 1, "colleague": 2, None: None}[setup["assignee"]]
    allowed = capabilities.granted(
        is_administrator=False,
        user_id=1,
        assignee_id=assignee,
        status=setup["status"],
        kind=setup["kind"],
    )
    return [name for name in capabilities.ALL if name not in allowed]


# Notes and typing are every reader's: the rule is narrowed to refuse them.
CASES = [
    (capability, setup)
    for setup, fields in SETUPS.items()
    for capability in refused_by(fields)
] + [
    (capability, "the rule refuses only this")
    for capability in capabilities.ALL
    if not any(capability in refused_by(fields) for fields in SETUPS.values())
]


def test_every_capability_has_routes_and_a_refusing_case():
    assert set(ROUTES) == set(capabilities.ALL)
    assert {capability for capability, _ in CASES} == set(capabilities.ALL)


def test_the_table_names_every_route_declaring_a_conversation_capability():
    """Each route of the table declares its capability for its body, and every
    conversation write that declares one (or decides by its request) is in
    the table: a new one must be added here."""
    sample_url = "/api/v1/accounts/1/conversations/1/"
    tabled = set()
    ids = {"third": 3, "fourth": 4, "team": 5}
    for capability, entries in ROUTES.items():
        for method, suffix, body in entries:
            cls = view_class(resolve((sample_url + suffix).rstrip("/")).func)
            need = declared_need(cls, method.upper())
            if callable(need):
                tabled.add((cls, method.upper(), "by request"))
                need = need(SimpleNamespace(data=body(ids), method=method.upper()))
            assert capability in as_tuple(need), (capability, method, suffix)
            tabled.add((cls, method.upper(), capability))
    declared = set()
    for _, cls in api_views():
        if not issubclass(cls, ConversationMixin):
            continue
        for method in writes(cls):
            need = declared_need(cls, method)
            if callable(need):
                declared.add((cls, method, "by request"))
                continue
            declared |= {
                (cls, method, name)
                for name in as_tuple(need)
                if name in capabilities.ALL
            }
    assert declared - tabled == set()


def state_of(conversation: Conversation) -> tuple:
    """Everything a refused write could have changed."""
    return (
        Conversation.objects.filter(pk=conversation.pk).values().get(),
        sorted(conversation.labels.values_list("title", flat=True)),
        list(Message.objects.filter(conversation=conversation).values().order_by("id")),
        sorted(
            Participant.objects.filter(conversation=conversation).values_list(
                "user_id", "kind"
            )
        ),
    )


@pytest.fixture
def people(account, inbox, agent):
    """The agent's colleagues of the inbox and a team of the account."""
    found = {"agent": agent}
    for name in ("colleague", "third", "fourth"):
        user = factories.UserFactory(name=f"Agent {name}")
        factories.AccountUserFactory(account=account, user=user)
        factories.InboxMemberFactory(inbox=inbox, user=user)
        found[name] = user
    found["team"] = factories.TeamFactory(account=account)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(("capability", "setup"), CASES)
def test_an_agent_without_a_capability_changes_nothing_it_guards(
    capability, setup, monkeypatch, base, account, agent, conversation, people
):
    """Every route of the capability answers 403 naming it, and the
    conversation, its labels, messages and participants stay as they were."""
    Participant.objects.create(
        account=account,
        conversation=conversation,
        user=people["third"],
        kind=Participant.Kind.INVITED,
    )
    if setup in SETUPS:
        fields = SETUPS[setup]
        if fields["assignee"]:
            assign_agent(conversation=conversation, assignee=people[fields["assignee"]])
        if fields["kind"]:
            Participant.objects.create(
                account=account,
                conversation=conversation,
                user=agent,
                kind=fields["kind"],
            )
        if fields["status"] != conversation.status:
            Conversation.objects.filter(pk=conversation.pk).update(
                status=fields["status"]
            )
    else:
        rule = capabilities.granted
        monkeypatch.setattr(
            capabilities,
            "granted",
            lambda **kwargs: [c for c in rule(**kwargs) if c != capability],
        )
    url = f"{base}/conversations/{conversation.display_id}"
    client = client_for(agent)
    allowed = client.get(f"{url}/capabilities").json()["capabilities"]
    assert capability not in allowed
    ids = {name: person.pk for name, person in people.items()}
    before = state_of(conversation)
    for method, suffix, body in ROUTES[capability]:
        path = f"{url}/{suffix}".rstrip("/")
        response = getattr(client, method)(path, body(ids), format="json")
        assert response.status_code == 403, (method, suffix, response.content)
        assert response.json()["capability"] == capability, (method, suffix)
        assert state_of(conversation) == before, (method, suffix)


@pytest.mark.django_db
def test_notes_and_typing_only_cannot_toggle_the_priority(
    base, agent, conversation, people
):
    """The reproduction: an agent whose capabilities are only ``add_note`` and
    ``typing`` is refused ``toggle_priority`` as ``PATCH`` with a priority, and
    the priority does not change."""
    assign_agent(conversation=conversation, assignee=people["colleague"])
    url = f"{base}/conversations/{conversation.display_id}"
    client = client_for(agent)
    assert client.get(f"{url}/capabilities").json()["capabilities"] == [
        "add_note",
        "typing",
    ]
    patched = client.patch(url, {"priority": "urgent"}, format="json")
    toggled = client.post(
        f"{url}/toggle_priority", {"priority": "urgent"}, format="json"
    )
    assert (patched.status_code, toggled.status_code) == (403, 403)
    assert toggled.json()["capability"] == "update_attributes"
    conversation.refresh_from_db()
    assert conversation.priority is None


@pytest.mark.django_db
def test_the_gate_answers_before_the_input_is_read(base, agent, conversation, people):
    """A refused write is a 403 whatever its body: the handler never ran."""
    assign_agent(conversation=conversation, assignee=people["colleague"])
    url = f"{base}/conversations/{conversation.display_id}/toggle_priority"
    response = client_for(agent).post(
        url, {"priority": ["not", "a", "choice"]}, format="json"
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_an_invited_agent_may_change_the_priority_both_ways(
    base, account, agent, conversation, people
):
    """An invited agent has ``update_attributes`` without ``transfer``: both
    doors let them change the priority, neither lets them reassign."""
    assign_agent(conversation=conversation, assignee=people["colleague"])
    Participant.objects.create(
        account=account, conversation=conversation, user=agent, kind="invited"
    )
    url = f"{base}/conversations/{conversation.display_id}"
    client = client_for(agent)
    assert client.patch(url, {"priority": "low"}, format="json").status_code == 200
    toggled = client.post(f"{url}/toggle_priority", {"priority": "high"}, format="json")
    assert toggled.status_code == 200
    conversation.refresh_from_db()
    assert conversation.priority == "high"
    moved = client.patch(url, {"assignee_id": agent.pk}, format="json")
    assert moved.json()["capability"] == "transfer"


@pytest.mark.django_db
def test_administrators_only_writes_keep_their_answers(base, agent, contact):
    """An agent is refused the administrators' writes with their messages."""
    client = client_for(agent)
    refused = client.post(f"{base}/teams", {"name": "Sales"}, format="json")
    assert refused.status_code == 403
    assert refused.json() == {
        "error": "Only administrators of this account may do this."
    }
    deleted = client.delete(f"{base}/contacts/{contact.pk}")
    assert deleted.json() == {
        "error": "Only administrators of this account may delete this."
    }
    assert (
        client.patch(
            f"{base}/contacts/{contact.pk}", {"name": "Vera V."}, format="json"
        ).status_code
        == 200
    )
