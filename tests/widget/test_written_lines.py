"""The lines OneChat writes into a conversation, read by a French visitor in
the widget and a German agent in the dashboard, in headless Chromium."""

import json

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from accounts.embed import embed_snippet
from accounts.models import Account, User
from collaboration import services as collaboration
from conversations import answers, services
from conversations.models import Conversation, Message
from onechat.demo import seed_demo_account
from routing import timers
from tests import factories
from tests.browser import screenshot
from tests.widget.conftest import open_dashboard

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

# An agent whose name is markup: every line naming them must show it as text.
MARKUP = "<img src=x onerror=alert(1)>"
AWAY = "Fermé le dimanche : réponse lundi matin."


def test_french_visitor_and_german_agent_read_every_line_in_their_language(
    chromium, server, website
):
    """Away, queue, join, transfer, CSAT and resolve lines, produced by the
    services of an English account: the widget draws the visitor's in French,
    the dashboard every line in German, and a name holding markup stays text."""
    demo = seed_demo_account()
    admin = User.objects.get(email=demo.email)
    admin.ui_settings = {**(admin.ui_settings or {}), "locale": "de"}
    admin.save(update_fields=["ui_settings"])
    account = Account.objects.get(pk=demo.account_id)
    assert account.locale == "en"
    # Closed all week, with the administrator's own away words.
    inbox = factories.InboxFactory(
        account=account,
        name="Boutique",
        greeting_enabled=False,
        email_collect_enabled=False,
        enable_auto_assignment=False,
        working_hours_enabled=True,
        working_hours=[],
        out_of_office_message=AWAY,
    )
    colleague = factories.UserFactory(name=MARKUP)
    factories.AccountUserFactory(account=account, user=colleague)
    factories.InboxMemberFactory(inbox=inbox, user=colleague)
    factories.InboxMemberFactory(inbox=inbox, user=admin)

    visitor_context = chromium.new_context(viewport={"width": 1280, "height": 800})
    visitor = visitor_context.new_page()
    dialogs = []
    visitor.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
    agent_context = None
    try:
        url = website.add(
            "/boutique",
            embed_snippet(inbox, server.url),
            settings=json.dumps({"locale": "fr"}),
        )
        visitor.goto(url)
        visitor.locator("onechat-widget .bubble").click()
        chat = visitor.frame_locator("onechat-widget iframe")
        expect(chat.locator("#input")).to_be_focused()
        chat.locator("#input").fill("Bonjour, ma commande est-elle partie ?")
        chat.locator("#input").press("Enter")
        # The away reply is the inbox's words, as written.
        expect(chat.locator(".message-theirs .message-text")).to_have_text(AWAY)

        conversation = Conversation.objects.get(inbox=inbox)
        produce_every_line(conversation, admin=admin, colleague=colleague)
        stored = list(
            conversation.messages.order_by("id").values_list("content", flat=True)
        )
        # API clients read the account's language (English).
        assert f"{MARKUP} joined the chat" in stored
        assert "The visitor ended the chat" in stored

        visitor.reload()
        visitor.locator("onechat-widget .bubble").click()
        chat = visitor.frame_locator("onechat-widget iframe")
        expect(chat.locator(".message-activity")).to_have_text(
            [
                f"{MARKUP} a rejoint le chat",
                "Demo Admin a rejoint la conversation",
                f"{MARKUP} a quitté le chat",
                "Le visiteur a mis fin au chat",
            ]
        )
        expect(chat.locator(".message-theirs .message-text")).to_have_text(
            [
                AWAY,
                "Merci de votre patience. Toute l'équipe est encore occupée : vous "
                "gardez votre place dans la file, et nous vous répondrons dès que "
                "possible.",
                "Rate us",
            ]
        )
        expect(chat.locator(".message-mine .message-text").last).to_have_text(
            "Note : 4/5\nTrès bien"
        )
        assert chat.locator(".message-activity img, .message-text img").count() == 0
        screenshot(visitor, "written-lines-widget-fr")
        chat.locator(".message-mine").first.scroll_into_view_if_needed()
        screenshot(visitor, "written-lines-widget-fr-top")

        agent_context, agent = open_dashboard(
            chromium, server, demo.email, demo.password
        )
        agent.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
        agent.goto(
            f"{server.url}/app/accounts/{account.pk}/conversations/"
            f"{conversation.display_id}"
        )
        lines = agent.locator(".messages .message.activity > span")
        expect(lines).to_have_text(
            [
                f"{MARKUP} ist dem Chat beigetreten",
                "Demo Admin ist der Unterhaltung beigetreten",
                f"Von {MARKUP} an Demo Admin zugewiesen",
                f"{MARKUP} hat den Chat verlassen",
                "Unterhaltung wurde von Demo Admin als gelöst markiert",
                "Unterhaltung wurde wieder geöffnet",
                "Der Besucher hat den Chat beendet",
            ]
        )
        expect(agent.locator(".messages .message.outgoing .content")).to_have_text(
            [
                AWAY,
                "Danke für Ihre Geduld. Alle sind noch beschäftigt: Sie behalten "
                "Ihren Platz in der Warteschlange, und wir antworten so bald wie "
                "möglich.",
                "Rate us",
            ]
        )
        expect(agent.locator(".messages .message.incoming .content").last).to_have_text(
            "Bewertung: 4/5\nTrès bien"
        )
        assert agent.locator(".messages .message.activity img").count() == 0
        screenshot(agent, "written-lines-dashboard-de")
        agent.locator(".messages .message").first.scroll_into_view_if_needed()
        screenshot(agent, "written-lines-dashboard-de-top")
        assert dialogs == []
    finally:
        visitor_context.close()
        if agent_context is not None:
            agent_context.close()


def produce_every_line(conversation: Conversation, *, admin, colleague) -> None:
    """Queue timeout, join, transfer, CSAT and resolve, through the services."""
    inbox = conversation.inbox
    # The queue's line is OneChat's own when the inbox has no words for it.
    inbox.out_of_office_message = ""
    inbox.auto_assignment_config = {"queue_timeout_minutes": 1}
    inbox.save()
    waiting_since = timezone.now()
    Conversation.objects.filter(pk=conversation.pk).update(waiting_since=waiting_since)
    assert timers.tell_long_wait(
        conversation_id=conversation.pk, waiting_since=waiting_since
    )
    collaboration.invite_agents(
        conversation=conversation, users=[colleague], actor=admin
    )
    collaboration.transfer_conversation(
        conversation=conversation,
        actor=colleague,
        seen_assignee_id=None,
        assignee=admin,
    )
    question = services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=admin,
        content="Rate us",
        content_type=Message.ContentType.INPUT_CSAT,
    )
    answers.answer_question(
        question=question,
        contact=conversation.contact,
        submitted_values={
            "csat_survey_response": {"rating": 4, "feedback_message": "Très bien"}
        },
    )
    services.change_status(conversation=conversation, status="resolved", actor=admin)
    services.change_status(conversation=conversation, status="open")
    conversation.contact.name = ""
    conversation.contact.save()
    services.end_chat(conversation=conversation, contact=conversation.contact)
