"""Every dashboard page, the sign-in, invitation and error pages and the
widget fit the screen from a small phone to a wide desktop: nothing scrolls
sideways, and on a phone the top bar's links open from its menu."""

import re

import pytest
from playwright.sync_api import expect

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import RequestFactory

from accounts.services import invite_agent, send_invitation
from api.views import (
    bad_request,
    csrf_failure,
    not_found,
    permission_denied,
    server_error,
)
from tests import factories
from tests.accounts.test_invitation_emails import LINK
from tests.browser import screenshot
from tests.dashboard.conftest import DESKTOP, PHONE, wait_until_live

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = (320, 390, 768, 1024, 1440)
APP_PAGES = (
    "conversations",
    "queue",
    "contacts",
    "settings/inboxes",
    "settings/agents",
    "settings/capacity",
    "settings/hours",
    "settings/widget",
    "settings/audit_log",
    "settings/data",
    "profile",
)
# The widest screen drawn as a phone.
PHONE_MAX = 720
TOP_BAR_LINKS = ("Conversations", "Queue", "Contacts", "Settings", "Profile")


def error_pages() -> dict[str, tuple[int, str]]:
    """Path -> (status, HTML) of OneChat's error pages for a browser, drawn
    in this process: the test server runs with DEBUG on, where Django shows
    its debugging pages instead."""
    request = RequestFactory().get("/", HTTP_ACCEPT="text/html")
    pages = {
        "/errors/400": bad_request(request, SuspiciousOperation()),
        "/errors/403": permission_denied(request, PermissionDenied()),
        "/errors/404": not_found(request, Http404()),
        "/errors/403-csrf": csrf_failure(request, reason="no token"),
        "/errors/500": server_error(request),
    }
    return {path: (r.status_code, r.content.decode()) for path, r in pages.items()}


def serve_error_pages(context, server) -> dict[str, str]:
    """Answer the error pages' paths on the test server's origin from
    ``error_pages()``, so their stylesheet loads from the server; returns
    name -> URL."""
    urls = {}
    for path, (status, html) in error_pages().items():
        url = f"{server.url}{path}"
        context.route(url, fulfil_with(status, html))
        urls[path.rsplit("/", 1)[1]] = url
    return urls


def fulfil_with(status: int, html: str):
    """A route handler answering ``html`` with ``status``."""

    def fulfil(route) -> None:
        route.fulfill(status=status, body=html, content_type="text/html")

    return fulfil


def invitation_url(server, mailoutbox) -> str:
    """The link of a fresh invitation's email."""
    account = factories.AccountFactory(name="Beta & Co")
    invitation = invite_agent(account=account, email="noa@example.com")
    send_invitation(invitation_id=invitation.pk)
    [path] = LINK.findall(mailoutbox[-1].body)
    return f"{server.url}{path}"


def overflow(page) -> list[str]:
    """How much wider than the window the page is, if it is."""
    extra = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return [f"{extra} px too wide"] if extra > 0 else []


def expanded_as_screen_readers_hear_it(page, selector: str) -> bool:
    """The ``expanded`` state of an element in Chromium's accessibility tree,
    which a popover's button gets from the browser, not from an attribute."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})
    tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"]})
    properties = {
        p["name"]: p["value"]["value"] for p in tree["nodes"][0]["properties"]
    }
    cdp.detach()
    return properties["expanded"]


def panning_parts(page) -> list[str]:
    """Parts of the page, other than a code snippet or a table, that scroll
    sideways inside it: the page would seem to slide under the finger."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")]
          .filter((e) => !["PRE", "TABLE"].includes(e.tagName))
          .filter((e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX))
          .filter((e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
          .map((e) => `${e.tagName}.${e.className}`)"""
    )


def test_no_page_scrolls_sideways(signed_in, chromium, server, demo, mailoutbox):
    """At 320, 390, 768, 1024 and 1440 px no page is wider than the window,
    and in the dashboard only a code snippet or a wide table scrolls sideways
    by itself."""
    join = invitation_url(server, mailoutbox)
    widget = f"{server.url}/widget?website_token={demo.website_token}"
    too_wide = []

    def check_every_width(page, name: str, dashboard: bool) -> None:
        """Each page loads once and is measured as the window takes each
        width: its stylesheets' media queries apply on resizing. The
        conversations list folds its views by the width it loads at (a phone's
        up to 720 px, conversation_views.js), so it loads again past that."""
        loaded_at = WIDTHS[0]
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            phone_then, phone_now = loaded_at <= PHONE_MAX, width <= PHONE_MAX
            if name == "conversations" and phone_then != phone_now:
                page.reload()
                loaded_at = width
            if dashboard:
                wait_until_live(page)
                expect(page.locator("#main > *").first).to_be_visible()
            faults = overflow(page) + (panning_parts(page) if dashboard else [])
            too_wide.extend((name, width, fault) for fault in faults)

    page = signed_in(viewport={"width": WIDTHS[0], "height": 800})
    base = re.sub(r"/conversations$", "", page.url)
    for name in APP_PAGES:
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        page.goto(f"{base}/{name}")
        check_every_width(page, name, dashboard=True)
    context = chromium.new_context(viewport={"width": WIDTHS[0], "height": 800})
    visitor = context.new_page()
    pages = {"sign-in": f"{server.url}/", "join": join, "widget": widget}
    for name, url in {**pages, **serve_error_pages(context, server)}.items():
        visitor.set_viewport_size({"width": WIDTHS[0], "height": 800})
        visitor.goto(url)
        visitor.wait_for_load_state("load")
        check_every_width(visitor, name, dashboard=False)
    context.close()
    assert too_wide == []


def test_top_bar_menu_on_a_phone_and_links_in_the_bar_on_a_desktop(signed_in):
    """At 390 px the top bar fits; its Menu button (keyboard too) shows every
    link inside the screen, and Escape closes it. From 1280 px the links and
    tools sit in the bar, no Menu button."""
    page = signed_in(viewport=PHONE)
    assert overflow(page) == []
    topbar = page.locator(".topbar")
    menu_button = topbar.get_by_role("button", name="Menu")
    expect(menu_button).to_be_visible()
    expect(topbar.get_by_role("link", name="Profile")).to_be_hidden()
    assert expanded_as_screen_readers_hear_it(page, ".topbar-menu-button") is False

    menu_button.focus()
    page.keyboard.press("Enter")
    assert expanded_as_screen_readers_hear_it(page, ".topbar-menu-button") is True
    for name in TOP_BAR_LINKS:
        link = topbar.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], name
    expect(topbar.get_by_role("button", name="Sign out")).to_be_visible()
    screenshot(page, "dashboard-phone-menu")

    page.keyboard.press("Tab")
    expect(topbar.get_by_role("link", name="Conversations")).to_be_focused()
    page.keyboard.press("Escape")
    expect(topbar.get_by_role("link", name="Profile")).to_be_hidden()
    expect(menu_button).to_be_focused()

    menu_button.click()
    topbar.get_by_role("link", name="Profile").click()
    page.wait_for_url("**/profile")
    expect(page.locator(".topbar").get_by_role("link", name="Profile")).to_be_hidden()

    # A desktop, loaded at its width.
    page.set_viewport_size(DESKTOP)
    page.reload()
    wait_until_live(page)
    expect(topbar.get_by_role("button", name="Menu")).to_be_hidden()
    for name in TOP_BAR_LINKS:
        expect(topbar.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(topbar.get_by_label("My availability")).to_be_visible()
