"""Calls in two headless Chromium browsers over loopback: an agent in the
dashboard and a visitor in the widget on a customer's website, with Chromium's
fake camera, microphone and screen."""

import os
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from accounts.embed import embed_snippet
from accounts.models import Inbox, User
from calls.models import Call
from contacts.models import Contact
from conversations.models import Conversation
from onechat.demo import seed_demo_account
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    close_when_settled,
    screenshot,
    serious_accessibility_violations,
)
from tests.servers import onechat_server
from tests.widget.conftest import Website

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

DESKTOP = {"width": 1280, "height": 800}
READY_FLAG = (
    "addEventListener('onechat:ready', () => { window.__onechatReady = true; });"
)
# Chromium's fake devices answer getUserMedia and getDisplayMedia at once.
MEDIA_ARGS = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--auto-select-desktop-capture-source=Entire screen",
    "--autoplay-policy=no-user-gesture-required",
]
# Keeps each page's peer connections where a test can reach them.
KEEP_PEERS = """(() => {
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  window.__peers = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__peers.push(this); }
  };
})();"""
# The last peer connection reports a state (or its own again, with null).
REPORT_STATE = """(state) => {
  const peer = window.__peers.at(-1);
  const own = {value: state, configurable: true};
  if (state) Object.defineProperty(peer, "connectionState", own);
  else delete peer.connectionState;
  peer.dispatchEvent(new Event("connectionstatechange"));
}"""
HOSTILE = '<img src=x onerror="window.__owned=1">Vera <b>Visitor</b>'


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker) -> Iterator:
    """A daphne process with no STUN server: the two browsers meet on loopback."""
    with django_db_blocker.unblock(), onechat_server(env={"STUN_URLS": ""}) as running:
        yield running


@pytest.fixture(scope="module")
def website() -> Iterator[Website]:
    site = Website()
    yield site
    site.close()


@pytest.fixture(scope="module")
def media_browser() -> Iterator:
    """Headless Chromium with fake media devices, for this module's pages."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=CHROMIUM_ARGS + MEDIA_ARGS,
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def people(media_browser, server, website):
    """The demo administrator's dashboard and a visitor of the demo inbox's
    website, chatting in one conversation; returns (agent page, visitor page,
    widget frame, conversation)."""
    demo = seed_demo_account()
    contexts = []

    def context():
        made = media_browser.new_context(viewport=DESKTOP)
        made.grant_permissions(["camera", "microphone"])
        close_when_settled(made)
        contexts.append(made)
        return made

    visitor = context().new_page()
    visitor.add_init_script(READY_FLAG)
    visitor.add_init_script(KEEP_PEERS)
    site_inbox = Inbox.objects.get(pk=demo.inbox_id)
    visitor.goto(website.add("/call", embed_snippet(site_inbox, server.url)))
    visitor.wait_for_function("window.__onechatReady === true", timeout=10_000)
    visitor.locator("onechat-widget .bubble").click()
    frame = visitor.frame_locator("onechat-widget iframe")
    frame.locator("#input").fill("Can we talk about my order?")
    frame.locator("#input").press("Enter")
    expect(frame.locator(".message-mine:not(.message-sending)")).to_have_count(1)
    conversation = Conversation.objects.filter(inbox=site_inbox).latest("id")

    agent = context().new_page()
    agent.goto(f"{server.url}/")
    agent.get_by_label("Email").fill(demo.email)
    agent.get_by_label("Password").fill(demo.password)
    agent.get_by_role("button", name="Sign in").click()
    agent.wait_for_url("**/app/accounts/*/conversations")
    agent.goto(
        f"{server.url}/app/accounts/{demo.account_id}/conversations/"
        f"{conversation.display_id}"
    )
    agent.wait_for_function(
        "() => document.body.dataset.cable === 'connected'", timeout=10_000
    )
    expect(agent.locator(".messages .message.incoming")).to_have_count(1)
    yield agent, visitor, frame, conversation
    for made in contexts:
        made.close()


def frames_advance(target, selector: str) -> dict:
    """The video at ``selector`` shows frames: a size, and time that moves on."""
    target.locator(selector).wait_for(state="attached")
    script = """async (selector) => {
        const video = document.querySelector(selector);
        const start = performance.now();
        while (!(video.videoWidth > 0 && video.currentTime > 0)) {
            if (performance.now() - start > 15000) break;
            await new Promise((r) => setTimeout(r, 100));
        }
        const before = video.currentTime;
        const frames = await new Promise((resolve) => {
            let count = 0;
            const step = () => (++count >= 3
                ? resolve(count) : video.requestVideoFrameCallback(step));
            video.requestVideoFrameCallback(step);
            setTimeout(() => resolve(count), 5000);
        });
        await new Promise((r) => setTimeout(r, 300));
        return {width: video.videoWidth, height: video.videoHeight,
                before, after: video.currentTime, frames};
    }"""
    seen = target.evaluate(script, selector)
    assert seen["width"] > 0, seen
    assert seen["after"] > seen["before"], seen
    assert seen["frames"] >= 3, seen
    return seen


def eventually(check, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def test_video_call_with_screen_sharing(people):
    """The agent calls with video; the visitor accepts with video; both see the
    other's frames; the agent's screen replaces the camera and back; the
    transcript holds each step; the visitor hangs up and both see it end."""
    agent, visitor, frame, conversation = people
    agent.locator(".call-video-start").click()
    prompt = frame.locator(".call-incoming")
    expect(prompt).to_contain_text("Demo Admin is calling you (video)")
    expect(agent.locator(".call-panel .call-status")).to_have_text("Ringing…")
    screenshot(agent, "calls-dashboard-ringing")
    screenshot(visitor, "calls-widget-ringing")
    prompt.get_by_role("button", name="Accept with video").click()

    expect(agent.locator(".call-panel .call-status")).to_contain_text(
        "Connected", timeout=20_000
    )
    expect(frame.locator(".call-panel .call-status")).to_contain_text(
        "Connected", timeout=20_000
    )
    widget = visitor.frame(url=lambda url: "/widget?" in url)
    frames_advance(agent, ".call-remote")
    camera = frames_advance(widget, ".call-remote")
    eventually(lambda: Call.objects.get(conversation=conversation).state == "active")

    agent.get_by_role("button", name="Share screen").click()
    expect(agent.get_by_role("button", name="Stop sharing")).to_be_visible()
    label = agent.locator(".call-local").evaluate(
        "video => video.srcObject.getVideoTracks()[0].label"
    )
    assert "screen" in label.lower() or label != "fake_device_0", label
    eventually(lambda: Call.objects.get(conversation=conversation).screen_sharing)

    def shows_screen() -> bool:
        """The remote picture's shape is no longer the camera's (the encoder
        may scale a picture, never stretch it)."""
        width, height = widget.locator(".call-remote").evaluate(
            "v => [v.videoWidth, v.videoHeight]"
        )
        return abs(width / height - camera["width"] / camera["height"]) > 0.05

    eventually(shows_screen, timeout=15)
    frames_advance(widget, ".call-remote")
    expect(agent.locator(".messages")).to_contain_text(
        "Demo Admin is sharing their screen"
    )
    screenshot(agent, "calls-dashboard-panel")
    screenshot(visitor, "calls-widget-panel")
    assert serious_accessibility_violations(widget) == []
    assert serious_accessibility_violations(agent.main_frame) == []
    agent.get_by_role("button", name="Stop sharing").click()
    expect(agent.get_by_role("button", name="Share screen")).to_be_visible()
    eventually(lambda: not shows_screen(), timeout=15)

    # The visitor's panel offers no screen sharing: the inbox does not allow it.
    expect(frame.locator(".call-panel .call-share")).to_have_count(0)
    frame.get_by_role("button", name="Mute").click()
    expect(frame.get_by_role("button", name="Unmute")).to_be_visible()
    frame.get_by_role("button", name="Hang up").click()
    expect(frame.locator(".call-panel .call-status")).to_have_text("Call ended")
    expect(agent.locator(".call-panel .call-status")).to_have_text(
        "Call ended", timeout=10_000
    )
    call = Call.objects.get(conversation=conversation)
    assert call.state == "ended"
    assert call.ended_by == "contact"
    for thread in (agent.locator(".messages"), frame.locator("#messages")):
        for line in (
            "Demo Admin started a video call",
            "answered the call",
            "Call connected",
            "Demo Admin stopped sharing their screen",
            "Call ended after",
        ):
            expect(thread).to_contain_text(line)
    screenshot(agent, "calls-dashboard-ended")


def test_visitor_answers_with_audio_only(people):
    """A call ringing opens the visitor's closed chat window; a visitor who
    accepts with audio only sends no video; the call is a voice call on both
    sides; a dropped connection shows on both and the call goes on when it
    comes back."""
    agent, visitor, frame, conversation = people
    frame.locator("#close").click()
    expect(visitor.locator("onechat-widget iframe")).to_be_hidden()
    agent.locator(".call-video-start").click()
    # The closed chat window opens: the call's prompt is inside it.
    expect(visitor.locator("onechat-widget iframe")).to_be_visible()
    frame.get_by_role("button", name="Accept audio only").click()
    expect(agent.locator(".call-panel .call-status")).to_contain_text(
        "Connected", timeout=20_000
    )
    expect(frame.locator(".call-panel")).to_have_class("call-panel voice-only")
    expect(agent.locator(".call-panel")).to_have_class("call-panel voice-only")
    widget = visitor.frame(url=lambda url: "/widget?" in url)
    tracks = widget.locator(".call-local").evaluate(
        "v => v.srcObject ? v.srcObject.getTracks().map((t) => t.kind) : []"
    )
    assert tracks == ["audio"]
    assert Call.objects.get(conversation=conversation).video is False
    screenshot(visitor, "calls-widget-voice")

    # The visitor's connection drops: both sides show it, then it comes back.
    widget.evaluate(REPORT_STATE, "disconnected")
    lost = "Connection lost — reconnecting…"
    expect(frame.locator(".call-panel .call-status")).to_have_text(lost)
    expect(agent.locator(".call-panel .call-status")).to_have_text(lost)
    assert Call.objects.get(conversation=conversation).state == "interrupted"
    widget.evaluate(REPORT_STATE, None)
    expect(agent.locator(".call-panel .call-status")).to_contain_text("Connected")
    expect(frame.locator(".call-panel .call-status")).to_contain_text("Connected")
    agent.get_by_role("button", name="Hang up").click()
    expect(frame.locator(".call-panel .call-status")).to_have_text(
        "Call ended", timeout=10_000
    )


def test_visitor_calls_an_agent_on_another_page(people, server):
    """The visitor calls while the agent is on another dashboard page: the
    banner shows there, the caller's name drawn as text. A first call is
    declined and ends on the visitor's side; a second, with video, is answered
    with video, both see frames, the visitor shares their screen (the inbox
    allows it) and the agent sees it, and the agent hangs up."""
    agent, visitor, frame, conversation = people
    Contact.objects.filter(pk=conversation.contact_id).update(name=HOSTILE)
    # The widget reads the inbox's call settings when it starts.
    Inbox.objects.filter(pk=conversation.inbox_id).update(visitor_screen_sharing=True)
    visitor.reload()
    visitor.wait_for_function("window.__onechatReady === true", timeout=10_000)
    visitor.evaluate("window.$onechat.toggle('open')")
    agent.goto(f"{server.url}/app/accounts/{conversation.account_id}/contacts")
    agent.wait_for_function(
        "() => document.body.dataset.cable === 'connected'", timeout=10_000
    )
    frame.locator("#call-start").click()
    frame.get_by_role("button", name="Voice call").click()
    expect(frame.locator("#call-start")).to_be_hidden()
    expect(frame.locator(".call-panel .call-status")).to_have_text("Ringing…")
    banner = agent.locator(".call-banners .call-incoming")
    expect(banner).to_contain_text(f"{HOSTILE} is calling you (voice)")
    assert banner.locator("img, b").count() == 0
    assert agent.evaluate("window.__owned") is None
    screenshot(agent, "calls-dashboard-banner")
    banner.get_by_role("button", name="Decline").click()
    expect(banner).to_have_count(0)
    expect(frame.locator(".call-panel .call-status")).to_have_text(
        "Call ended", timeout=10_000
    )
    assert Call.objects.get(conversation=conversation).state == "rejected"
    assert User.objects.filter(name=HOSTILE).count() == 0

    frame.get_by_role("button", name="Close", exact=True).click()
    frame.locator("#call-start").click()
    frame.get_by_role("button", name="Video call").click()
    expect(banner).to_contain_text(f"{HOSTILE} is calling you (video)")
    banner.get_by_role("button", name="Accept with video").click()
    expect(agent.locator(".call-panel .call-status")).to_contain_text(
        "Connected", timeout=20_000
    )
    widget = visitor.frame(url=lambda url: "/widget?" in url)
    camera = frames_advance(agent, ".call-remote")
    frames_advance(widget, ".call-remote")

    # The inbox lets visitors share their screen: the agent sees it.
    frame.get_by_role("button", name="Share screen").click()
    expect(frame.get_by_role("button", name="Stop sharing")).to_be_visible()

    def shows_screen() -> bool:
        width, height = agent.locator(".call-remote").evaluate(
            "v => [v.videoWidth, v.videoHeight]"
        )
        return abs(width / height - camera["width"] / camera["height"]) > 0.05

    eventually(shows_screen, timeout=15)
    assert Call.objects.filter(conversation=conversation).latest("id").screen_sharing
    agent.get_by_role("button", name="Hang up").click()
    expect(frame.locator(".call-panel .call-status")).to_have_text(
        "Call ended", timeout=10_000
    )
    call = Call.objects.filter(conversation=conversation).latest("id")
    assert (call.state, call.ended_by, call.video) == ("ended", "agent", True)
