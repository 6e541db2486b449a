"""Triage in the conversation list, in real Chromium: the filter builder, saved
views, labels and priorities in the sidebar, priority in the header, sort."""

import json
import urllib.request
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from accounts.models import CustomAttributeDefinition
from conversations.models import Conversation, Label
from filters.models import CustomFilter
from tests import factories
from tests.browser import screenshot
from tests.dashboard.conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = '<img src=x onerror="document.body.dataset.owned=1">'


def conversation_in(demo, name: str, hours_ago: int = 0, **fields) -> Conversation:
    """An open conversation of the demo inbox with a contact called ``name``,
    last active ``hours_ago``."""
    fields["last_activity_at"] = timezone.now() - timedelta(hours=hours_ago)
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account_id=demo.account_id, name=name),
        inbox_id=demo.inbox_id,
    )
    conversation = factories.ConversationFactory(contact_inbox=session)
    Conversation.objects.filter(pk=conversation.pk).update(**fields)
    return conversation


def set_priority(server, demo, conversation, priority: str | None) -> None:
    """Set a priority through the server's API, as the demo administrator."""
    path = f"conversations/{conversation.display_id}/toggle_priority"
    request = urllib.request.Request(
        f"{server.url}/api/v1/accounts/{demo.account_id}/{path}",
        data=json.dumps({"priority": priority}).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "api_access_token": demo.api_access_token,
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def listed(page):
    return page.locator(".conversation-items .item-name")


def test_build_save_and_reopen_a_filter_kept_live(signed_in, server, demo):
    """Conditions joined by "or" show the matching conversations; the filter
    saves as a view, reopens from the sidebar, follows changes live, and is
    renamed and deleted; names with markup show as text."""
    Label.objects.create(account_id=demo.account_id, title="vip", color="#1d4ed8")
    Label.objects.create(account_id=demo.account_id, title=MARKUP, color="#b42318")
    hot = conversation_in(demo, "Hana Hot", 1, priority="high")
    vip = conversation_in(demo, "Vic Vip", 2, priority="low")
    vip.labels.add(Label.objects.get(title="vip"))
    calm = conversation_in(demo, "Cal Calm", 3)
    page = signed_in()

    page.get_by_role("button", name="Filter", exact=True).click()
    builder = page.get_by_role("dialog", name="Filter conversations")
    builder.get_by_label("Condition 1: attribute").select_option(label="Priority")
    builder.get_by_label("Condition 1: value").select_option(label="High")
    builder.get_by_role("button", name="Add condition").click()
    builder.get_by_label("Join condition 1 to the next").select_option("or")
    builder.get_by_label("Condition 2: attribute").select_option(label="Labels")
    builder.get_by_label("Condition 2: value").select_option("vip")
    builder.get_by_role("button", name="Apply").click()
    expect(listed(page)).to_have_text(["Hana Hot", "Vic Vip"], timeout=10_000)
    expect(page.locator(".filter-shown")).to_contain_text("Custom filter")

    page.get_by_role("button", name="Filter", exact=True).click()
    builder.get_by_label("View name").fill(f"Hot {MARKUP}")
    builder.get_by_role("button", name="Save as view").click()
    saved = page.locator(".saved-views .view-open")
    expect(saved).to_have_text(f"Hot {MARKUP}")
    view = CustomFilter.objects.get(account_id=demo.account_id)
    assert view.query["payload"][0]["query_operator"] == "or"

    page.get_by_role("button", name="Clear filter").click()
    page.get_by_role("tab", name="All").click()
    expect(listed(page).filter(has_text="Cal Calm")).to_have_count(1)
    saved.click()
    expect(listed(page)).to_have_text(["Hana Hot", "Vic Vip"])
    expect(saved).to_have_attribute("aria-current", "true")

    # Live: one changed to match joins, one changed not to match leaves.
    set_priority(server, demo, calm, "high")
    expect(listed(page)).to_have_count(3, timeout=10_000)
    set_priority(server, demo, hot, None)
    expect(listed(page)).to_have_text(["Vic Vip", "Cal Calm"], timeout=10_000)

    labels = page.locator(".label-views .view-open")
    expect(labels).to_have_text([MARKUP, "vip"])
    assert page.evaluate("document.body.dataset.owned") is None
    screenshot(page, "dashboard-triage-saved-view")

    labels.filter(has_text="vip").click()
    expect(listed(page)).to_have_text(["Vic Vip"])

    page.get_by_role("button", name=f"Rename Hot {MARKUP}").click()
    page.get_by_label(f"New name for Hot {MARKUP}").fill("Hot ones")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(saved).to_have_text("Hot ones")
    # Editing the open view's conditions saves them into it.
    saved.click()
    expect(listed(page)).to_have_text(["Vic Vip", "Cal Calm"])
    page.get_by_role("button", name="Filter", exact=True).click()
    builder.get_by_label("Condition 1: value").select_option(label="Low")
    builder.get_by_role("button", name="Save view", exact=True).click()
    expect(builder).to_be_hidden()
    expect(listed(page)).to_have_text(["Vic Vip"])
    view = CustomFilter.objects.get(account_id=demo.account_id)
    assert view.name == "Hot ones"
    assert view.query["payload"][0]["values"] == ["low"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete Hot ones").click()
    expect(page.locator(".saved-views")).to_contain_text("No saved views yet.")
    assert CustomFilter.objects.count() == 0


def test_priority_from_the_header_shows_in_the_list_and_sorts_it(signed_in, demo):
    """The header sets a priority; the list item shows it by name; sorting by
    priority puts it first, and the order holds as priorities change."""
    Conversation.objects.filter(account_id=demo.account_id).delete()
    low = conversation_in(demo, "Lou Low", 1, priority="low")
    plain = conversation_in(demo, "Pia Plain", 2)
    page = signed_in()
    page.get_by_role("tab", name="All").click()
    expect(listed(page)).to_have_count(2)
    page.locator(f'[data-conversation-id="{plain.display_id}"]').click()
    header = page.locator(".thread-header")
    expect(header).to_contain_text(f"#{plain.display_id}")
    item = page.locator(f'[data-conversation-id="{plain.display_id}"]')
    expect(item.get_by_role("img", name="Priority: Urgent")).to_have_count(0)

    priority = header.get_by_label("Priority")
    expect(priority).to_have_value("")
    priority.select_option(label="Urgent")
    expect(item.get_by_role("img", name="Priority: Urgent")).to_be_visible(
        timeout=10_000
    )
    expect(priority).to_have_value("urgent")
    plain.refresh_from_db()
    assert plain.priority == "urgent"
    low_item = page.locator(f'[data-conversation-id="{low.display_id}"]')
    expect(low_item.get_by_role("img", name="Priority: Low")).to_be_visible()

    page.get_by_label("Sort conversations").select_option(
        label="Priority: highest first"
    )
    expect(listed(page)).to_have_text(["Pia Plain", "Lou Low"])
    header.get_by_label("Priority").select_option(label="No priority")
    expect(listed(page)).to_have_text(["Lou Low", "Pia Plain"])
    expect(item.get_by_role("img")).to_have_count(0)
    header.get_by_label("Priority").select_option(label="High")
    expect(listed(page)).to_have_text(["Pia Plain", "Lou Low"])
    screenshot(page, "dashboard-triage-priority")


def test_views_fold_away_on_a_phone(signed_in, demo):
    """On a phone the views start folded, open on a tap, and the page does
    not scroll sideways."""
    Label.objects.create(account_id=demo.account_id, title="billing", color="#b35900")
    page = signed_in(viewport=PHONE)
    views = page.locator(".views-sidebar")
    expect(views).not_to_have_attribute("open", "")
    views.locator("summary").click()
    expect(views.get_by_role("button", name="billing")).to_be_visible()
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page.get_by_role("dialog", name="Filter conversations")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    screenshot(page, "dashboard-triage-phone")


def test_filter_on_a_custom_attribute(signed_in, demo):
    """The builder offers the account's custom conversation attributes."""
    CustomAttributeDefinition.objects.create(
        account_id=demo.account_id,
        attribute_key="plan",
        attribute_display_name="Plan",
        attribute_display_type=CustomAttributeDefinition.DisplayType.TEXT,
        attribute_model=CustomAttributeDefinition.Model.CONVERSATION,
    )
    conversation_in(demo, "Gil Gold", 1, custom_attributes={"plan": "gold"})
    conversation_in(demo, "Sam Silver", 2, custom_attributes={"plan": "silver"})
    page = signed_in()
    page.get_by_role("button", name="Filter", exact=True).click()
    builder = page.get_by_role("dialog", name="Filter conversations")
    builder.get_by_label("Condition 1: attribute").select_option(label="Plan")
    builder.get_by_label("Condition 1: operator").select_option(label="contains")
    builder.get_by_label("Condition 1: value").fill("gol")
    builder.get_by_role("button", name="Apply").click()
    expect(listed(page)).to_have_text(["Gil Gold"])
