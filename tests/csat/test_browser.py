"""CSAT in headless Chromium: the visitor rates in the widget after the agent
resolves, or on the survey link's page without the widget; the administrator
reads the rating in the conversation list and the CSAT report."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from accounts.embed import embed_snippet
from accounts.models import User
from conversations.models import Conversation
from conversations.services import create_contact_message
from csat.models import CsatSurveyResponse
from tests import factories
from tests.browser import screenshot, serious_accessibility_violations
from tests.widget import conftest as widget_conftest
from tests.widget import test_browser
from tests.widget.test_browser import chat, eventually, open_chat, say, wait_stored

# The widget's page fixtures: its server, the customer's website, a visitor.
server = widget_conftest.server
website = widget_conftest.website
demo = test_browser.demo
visit = test_browser.visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

HOSTILE = '<img src=x onerror="window.__owned=1">'


@pytest.fixture
def survey_inbox(demo):
    """A website inbox of the demo account, worked by its administrator, that
    asks for a rating on resolve."""
    inbox = factories.InboxFactory(
        account_id=demo.account_id,
        name="Acme shop",
        email_collect_enabled=False,
        csat_survey_enabled=True,
        csat_display_type="emoji",
        csat_question="How did we do?",
    )
    factories.InboxMemberFactory(inbox=inbox, user_id=demo.user_id)
    return inbox


def resolve(server, demo, conversation: Conversation) -> None:
    """Resolve through the Application API, as the demo administrator."""
    admin = User.objects.get(pk=demo.user_id)
    request = urllib.request.Request(
        f"{server.url}/api/v1/accounts/{demo.account_id}/conversations/"
        f"{conversation.display_id}/toggle_status",
        data=json.dumps({"status": "resolved"}).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "api-access-token": admin.access_token,
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def test_visitor_rates_in_the_widget(visit, server, website, demo, survey_inbox):
    """Resolving sends the survey to the open widget, drawn with the inbox's
    faces; the visitor's rating and comment become the one response, and the
    conversation stays resolved."""
    page = visit(website.add("/csat", embed_snippet(survey_inbox, server.url)))
    open_chat(page)
    say(page, "Where is my parcel?")
    wait_stored(page, 1)
    conversation = Conversation.objects.get(inbox=survey_inbox)
    resolve(server, demo, conversation)
    survey = chat(page).locator(".rich-csat")
    expect(survey.get_by_role("radio")).to_have_count(5, timeout=10_000)
    expect(survey.get_by_role("radio", name="5 out of 5")).to_have_text("😍")
    survey.get_by_role("radio", name="5 out of 5").click()
    survey.get_by_label("Anything to add? (optional)").fill(HOSTILE)
    screenshot(page, "csat-widget-survey")
    survey.get_by_role("button", name="Send").click()
    expect(survey.locator(".rich-csat-feedback")).to_have_text(HOSTILE)
    eventually(lambda: CsatSurveyResponse.objects.filter(rating=5).exists())
    response = CsatSurveyResponse.objects.get()
    assert response.feedback_message == HOSTILE
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED
    screenshot(page, "csat-widget-answered")
    assert page.evaluate("window.__owned") is None


def test_visitor_rates_on_the_survey_page(visit, server, demo, survey_inbox):
    """The survey link's page works alone: a rating is asked for first, the
    answer is stored, and a later visit shows it and may change it, still one
    response; markup in the question and the comment stays text."""
    survey_inbox.csat_display_type = "star"
    survey_inbox.csat_question = HOSTILE
    survey_inbox.save()
    contact = factories.ContactFactory(account_id=demo.account_id)
    conversation = create_contact_message(
        contact_inbox=factories.ContactInboxFactory(
            contact=contact, inbox=survey_inbox
        ),
        content="Hello",
    ).conversation
    resolve(server, demo, conversation)
    eventually(lambda: conversation.messages.filter(content_type="input_csat").exists())
    url = f"{server.url}/survey/responses/{conversation.uuid}"
    page = visit(url, wait_ready=False)
    expect(page.locator(".csat-survey-question")).to_have_text(HOSTILE)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".csat-survey-status")).to_have_text("Please choose a rating.")
    page.locator(".csat-survey-choice").nth(3).click()
    page.get_by_label("Anything to add? (optional)").fill("Good <b>service</b>")
    screenshot(page, "csat-survey-page")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".csat-survey-status")).to_have_text(
        "Thank you for your feedback!"
    )
    eventually(lambda: CsatSurveyResponse.objects.filter(rating=4).exists())
    assert serious_accessibility_violations(page.main_frame) == []
    again = visit(url, wait_ready=False)
    expect(again.locator("input[value='4']")).to_be_checked()
    expect(again.get_by_label("Anything to add? (optional)")).to_have_value(
        "Good <b>service</b>"
    )
    again.locator(".csat-survey-choice").nth(1).click()
    again.get_by_role("button", name="Update your rating").click()
    expect(again.locator(".csat-survey-status")).to_have_text(
        "Thank you for your feedback!"
    )
    eventually(lambda: CsatSurveyResponse.objects.filter(rating=2).exists())
    assert CsatSurveyResponse.objects.count() == 1
    screenshot(again, "csat-survey-page-changed")
    assert page.evaluate("window.__owned") is None


def test_report_and_badge_in_the_dashboard(chromium, server, demo, survey_inbox):
    """The administrator sees the rating as a badge in the conversation list,
    and the report's figures, ratings and responses, filtered by inbox."""
    contact = factories.ContactFactory(account_id=demo.account_id, name=HOSTILE)
    conversation = create_contact_message(
        contact_inbox=factories.ContactInboxFactory(
            contact=contact, inbox=survey_inbox
        ),
        content="Hello",
    ).conversation
    resolve(server, demo, conversation)
    eventually(lambda: conversation.messages.filter(content_type="input_csat").exists())
    request = urllib.request.Request(
        f"{server.url}/public/api/v1/csat_survey/{conversation.uuid}",
        data=json.dumps(
            {
                "message": {
                    "submitted_values": {
                        "csat_survey_response": {
                            "rating": 3,
                            "feedback_message": HOSTILE,
                        }
                    }
                }
            }
        ).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    context, page = widget_conftest.open_dashboard(
        chromium, server, demo.email, demo.password
    )
    page.locator("#status-filter").select_option("resolved")
    page.get_by_role("tab", name="All").click()
    badge = page.locator(
        f"[data-conversation-id='{conversation.display_id}'] .csat-badge"
    )
    expect(badge).to_have_text("★ 3")
    expect(badge).to_have_attribute("aria-label", "Rated 3 out of 5")
    screenshot(page, "csat-list-badge")
    report = f"{server.url}/app/accounts/{demo.account_id}/reports/csat"
    page.goto(report)
    expect(page.get_by_role("heading", name="CSAT report")).to_be_visible()
    expect(page.locator(".csat-card strong").first).to_have_text("1")
    expect(page.locator(".csat-table tbody tr")).to_have_count(1)
    expect(page.locator(".csat-feedback")).to_have_text(HOSTILE)
    page.get_by_label("Inbox").select_option(str(survey_inbox.pk))
    expect(page.locator(".csat-table tbody tr")).to_have_count(1)
    assert "inbox_id=" in (page.get_by_text("Download CSV").get_attribute("href") or "")
    screenshot(page, "csat-report")
    page.get_by_label("Rating", exact=True).select_option("5")
    expect(page.get_by_text("No responses match these filters.")).to_be_visible()
    assert page.evaluate("window.__owned") is None
    context.close()


def test_inbox_survey_settings_screen(chromium, server, demo, survey_inbox):
    """The administrator switches an inbox's survey, its scale and question
    in the inbox settings; the inbox API stores them."""
    context, page = widget_conftest.open_dashboard(
        chromium, server, demo.email, demo.password
    )
    page.goto(f"{server.url}/app/accounts/{demo.account_id}/settings/inboxes")
    page.locator(".list-button", has_text="Acme shop").click()
    expect(page.locator(".inbox-detail h2")).to_have_text("Acme shop")
    enabled = page.get_by_label("Ask for a rating when a conversation is resolved")
    expect(enabled).to_be_checked()
    enabled.uncheck()
    page.get_by_label("Rating scale").select_option("star")
    page.get_by_label("Question (optional)").fill(HOSTILE)
    page.get_by_role("button", name="Save survey settings").click()
    expect(page.locator("#toast")).to_contain_text("Survey settings saved.")
    screenshot(page, "csat-inbox-settings")
    survey_inbox.refresh_from_db()
    assert survey_inbox.csat_survey_enabled is False
    assert (survey_inbox.csat_display_type, survey_inbox.csat_question) == (
        "star",
        HOSTILE,
    )
    assert page.evaluate("window.__owned") is None
    context.close()
