"""Link previews end to end: a OneChat server and a job worker sharing Redis,
the page on 127.0.0.1 (allowed for these tests only). The worker fetches the
page and the preview reaches agents and the contact live as
``message.updated``; a private note's preview never reaches the contact; both
front ends draw the card's strings as text."""

import asyncio
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from accounts.embed import embed_snippet
from conversations.models import Conversation
from onechat.demo import seed_demo_account
from tests import factories
from tests.browser import screenshot, serious_accessibility_violations
from tests.linkpreviews.conftest import PREVIEW_PAGE
from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client, api_post
from tests.servers import Server, server_and_worker
from tests.widget.conftest import Website, open_dashboard

pytestmark = [
    pytest.mark.server,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

HOSTILE_TITLE = "Coffee & beans <img src=x onerror=alert(1)>"
HOSTILE_DESCRIPTION = "Roasted every morning. <script>window.__owned = 1</script>"


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker) -> Iterator[Server]:
    """A server and a worker on one Redis (keys of this module only)."""
    env = {"LINK_PREVIEW_ALLOWED_NETWORKS": "127.0.0.1/32"}
    with django_db_blocker.unblock(), server_and_worker(env=env) as running:
        yield running


def post_message(server, conversation, token: str, content: str, private=False) -> dict:
    """An agent's message through the Application API."""
    path = (
        f"/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/messages"
    )
    status, body = api_post(
        server.url, path, token, {"content": content, "private": private}
    )
    assert status == 200, body
    return body


def test_preview_reaches_both_sides_live(
    server, local_site, account, agent, conversation
):
    """The worker's previews arrive as message.updated: the reply's at the
    agent and the contact, the note's at the agent only."""
    note_url = local_site.page("/note", PREVIEW_PAGE.replace("Acme", "Internal"))
    reply_url = local_site.page("/coffee", PREVIEW_PAGE)

    async def scenario():
        agent_client = await Client.connect(server.cable_url)
        contact_client = await Client.connect(server.cable_url)
        await agent_client.subscribe(agent_identifier(agent, account.pk))
        await contact_client.subscribe(contact_identifier(conversation.contact_inbox))
        note = await asyncio.to_thread(
            post_message,
            server,
            conversation,
            agent.access_token,
            f"see {note_url}",
            True,
        )
        reply = await asyncio.to_thread(
            post_message,
            server,
            conversation,
            agent.access_token,
            f"Our beans: {reply_url}",
        )
        updated = {}
        while len(updated) < 2:
            event = await agent_client.next_event("message.updated", timeout=20)
            updated[event["data"]["id"]] = event["data"]
        previews = {
            key: data["content_attributes"]["link_preview"]
            for key, data in updated.items()
        }
        assert previews[note["id"]]["site_name"] == "Internal shop"
        assert previews[reply["id"]] == {
            "url": reply_url,
            "title": HOSTILE_TITLE,
            "description": HOSTILE_DESCRIPTION,
            "image_url": f"{local_site.url}/beans.png",
            "site_name": "Acme shop",
            "canonical_url": f"{local_site.url}/shop/coffee",
        }
        # Published after both previews: the contact's frames up to it hold
        # every event the contact was sent about the two messages.
        marker = await asyncio.to_thread(
            post_message, server, conversation, agent.access_token, "that is all"
        )
        events = []
        while ("message.created", marker["id"]) not in events:
            frame = await contact_client.receive(timeout=10)
            if isinstance(frame.get("message"), dict):
                message = frame["message"]
                events.append((message["event"], message["data"].get("id")))
        assert ("message.updated", reply["id"]) in events
        assert not [event for event in events if event[1] == note["id"]]
        await agent_client.close()
        await contact_client.close()

    asyncio.run(scenario())
    assert sorted(local_site.requests) == ["/coffee", "/note"]


@pytest.mark.browser
def test_cards_draw_hostile_strings_as_text_in_both_front_ends(
    chromium, server, local_site
):
    """The visitor's link and the agent's get a card on both sides; its title
    links to the message's URL in a new tab without a referrer; markup in the
    page's title and description shows as text, runs nothing and loads no
    image; the note's card stays in the dashboard."""
    demo = seed_demo_account()
    inbox = factories.InboxFactory(
        account_id=demo.account_id, name="Acme shop", email_collect_enabled=False
    )
    website = Website()
    url = local_site.page("/coffee", PREVIEW_PAGE)
    note_url = local_site.page("/note", PREVIEW_PAGE.replace("Acme", "Internal"))
    visitor = chromium.new_context(viewport={"width": 1280, "height": 800})
    agent_context = None
    try:
        page = visitor.new_page()
        page.goto(website.add("/shop", embed_snippet(inbox, server.url)))
        page.locator("onechat-widget .bubble").click()
        chat = page.frame_locator("onechat-widget iframe")
        chat.locator("#input").fill(f"Are these in stock? {url}")
        chat.locator("#input").press("Enter")
        expect(
            chat.locator(".message-mine:not(.message-sending):not(.message-failed)")
        ).to_have_count(1)
        conversation = Conversation.objects.get(inbox=inbox)
        agent_context, agent = open_dashboard(
            chromium, server, demo.email, demo.password
        )
        agent.get_by_role("tab", name="All").click()
        agent.locator(f'[data-conversation-id="{conversation.display_id}"]').click()
        token = demo.api_access_token
        post_message(server, conversation, token, f"internal {note_url}", private=True)
        post_message(server, conversation, token, f"Our beans: {url}")

        widget_card = chat.locator(".message-theirs .link-preview")
        dashboard_cards = agent.locator(".messages .link-preview")
        expect(widget_card).to_have_count(1, timeout=20_000)
        expect(dashboard_cards).to_have_count(3, timeout=20_000)
        visitor_card = chat.locator(".message-mine .link-preview")
        for card in (widget_card, visitor_card, dashboard_cards.first):
            title = card.locator(".link-preview-title")
            expect(title).to_have_text(HOSTILE_TITLE)
            expect(title).to_have_attribute("href", url)
            expect(title).to_have_attribute("target", "_blank")
            expect(title).to_have_attribute("rel", "noopener noreferrer nofollow")
            expect(card.locator(".link-preview-description")).to_have_text(
                HOSTILE_DESCRIPTION
            )
            expect(card.locator(".link-preview-site")).to_have_text("Acme shop")
            expect(card.locator("img, script")).to_have_count(0)
        expect(dashboard_cards.nth(1).locator(".link-preview-site")).to_have_text(
            "Internal shop"
        )
        expect(chat.locator("body")).not_to_contain_text("Internal shop")
        frame = next(frame for frame in page.frames if "/widget?" in frame.url)
        # The cards grew the thread; the visitor still sees the last one whole.
        frame.wait_for_function(
            "() => { const box = document.getElementById('thread');"
            " const card = [...box.querySelectorAll('.link-preview')].pop();"
            " return card.getBoundingClientRect().bottom"
            " <= box.getBoundingClientRect().bottom; }",
            timeout=5_000,
        )
        screenshot(page, "widget-link-preview")
        screenshot(agent, "dashboard-link-preview")
        assert frame.evaluate("window.__owned") is None
        assert serious_accessibility_violations(frame) == []
        assert serious_accessibility_violations(agent) == []
        assert agent.evaluate("window.__owned") is None
        # Fetched once for both messages (cached); its image never asked for.
        assert sorted(local_site.requests) == ["/coffee", "/note"]
    finally:
        if agent_context is not None:
            agent_context.close()
        visitor.close()
        website.close()
