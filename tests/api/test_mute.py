"""Chatwoot's mute and unmute of a conversation: an empty 200, for agents
who may resolve it; others' conversations are not found."""

import pytest

from conversations.models import Conversation
from tests import factories

pytestmark = pytest.mark.django_db


def test_mute_and_unmute_answer_empty_and_show_in_the_conversation(
    as_agent, base, conversation
):
    """Mute resolves and mutes (the payload says ``muted``); unmute keeps it
    resolved; both answer an empty 200 as Chatwoot's ``head :ok``."""
    url = f"{base}/conversations/{conversation.display_id}"
    muted = as_agent.post(f"{url}/mute")
    assert muted.status_code == 200
    assert not muted.content
    shown = as_agent.get(url).json()
    assert shown["muted"] is True
    assert shown["status"] == "resolved"
    listed = as_agent.get(f"{base}/conversations", {"status": "resolved"}).json()
    assert [c["muted"] for c in listed["data"]["payload"]] == [True]
    assert as_agent.post(f"{url}/unmute").status_code == 200
    conversation.refresh_from_db()
    assert conversation.muted is False
    assert conversation.status == Conversation.Status.RESOLVED


def test_others_conversations_are_not_found(
    as_agent, as_outsider, as_stranger, base, conversation
):
    """Another account's display id, an unknown one, a conversation of an
    inbox the agent does not work, and a stranger to the account: JSON 404,
    and nothing is muted."""
    foreign = factories.ConversationFactory()
    Conversation.objects.filter(pk=foreign.pk).update(display_id=4242)
    for client, path in [
        (as_agent, f"{base}/conversations/4242/mute"),
        (as_agent, f"{base}/conversations/999999/unmute"),
        (as_agent, f"/api/v1/accounts/{foreign.account_id}/conversations/4242/mute"),
        (as_outsider, f"{base}/conversations/{conversation.display_id}/mute"),
        (as_stranger, f"{base}/conversations/{conversation.display_id}/mute"),
    ]:
        response = client.post(path)
        assert response.status_code == 404, path
        assert response.json()["error"]
    assert not Conversation.objects.filter(muted=True).exists()


def test_an_agent_who_may_not_resolve_is_refused(
    as_agent, base, conversation, account, inbox
):
    """A conversation assigned to another agent is theirs to resolve: the
    agent's mute is a 403 naming why, and it stays open and unmuted."""
    colleague = factories.UserFactory(name="Cleo Colleague")
    factories.AccountUserFactory(account=account, user=colleague)
    factories.InboxMemberFactory(inbox=inbox, user=colleague)
    Conversation.objects.filter(pk=conversation.pk).update(assignee=colleague)
    response = as_agent.post(f"{base}/conversations/{conversation.display_id}/mute")
    assert response.status_code == 403
    assert response.json()["error"]
    conversation.refresh_from_db()
    assert (conversation.muted, conversation.status) == (False, "open")


def test_an_administrator_mutes_any_conversation(as_admin, base, conversation):
    response = as_admin.post(f"{base}/conversations/{conversation.display_id}/mute")
    assert response.status_code == 200
    conversation.refresh_from_db()
    assert conversation.muted is True
