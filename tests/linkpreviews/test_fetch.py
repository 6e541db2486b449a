"""The preview fetcher against a real HTTP server on 127.0.0.1: refused as
loopback unless allowed, redirects re-checked, size and time bounded, only
HTML read, and hostile markup kept as plain text."""

import ssl
import time

import pytest

from linkpreviews import fetch
from linkpreviews.addresses import RefusedAddress
from linkpreviews.fetch import MAX_BYTES, FetchFailed, fetch_page
from linkpreviews.page import summarise
from tests.linkpreviews.conftest import PREVIEW_PAGE, LocalSite, dribble, self_signed


def test_local_page_is_refused_without_a_request(local_site):
    """SSRF: a page on loopback is never asked for, in any spelling."""
    local_site.page("/", PREVIEW_PAGE)
    port = local_site.port
    for url in (
        f"http://127.0.0.1:{port}/",
        f"http://localhost:{port}/",
        f"http://2130706433:{port}/",
        f"http://0x7f.1:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",
    ):
        with pytest.raises(RefusedAddress):
            fetch_page(url)
    assert local_site.requests == []


@pytest.mark.usefixtures("allow_local")
def test_allowed_page_gives_its_summary_as_text(local_site):
    """Open Graph tags win over <title>; markup in them stays text, whitespace
    is collapsed, relative image and canonical URLs resolve against the page."""
    url = local_site.page("/coffee", PREVIEW_PAGE)
    page = fetch_page(url)
    summary = summarise(page.html, url=page.url)
    assert summary.title == "Coffee & beans <img src=x onerror=alert(1)>"
    assert summary.description == (
        "Roasted every morning. <script>window.__owned = 1</script>"
    )
    assert summary.image_url == f"{local_site.url}/beans.png"
    assert summary.site_name == "Acme shop"
    assert summary.canonical_url == f"{local_site.url}/shop/coffee"


def test_title_and_description_fall_back_and_are_bounded():
    html = (
        "<html><head><title> Plain\n title </title>"
        f"<meta name='description' content='{'x' * 900}'>"
        "<meta property='og:image' content='javascript:alert(1)'></head>"
        "<body><svg><title>not this</title></svg></body></html>"
    )
    summary = summarise(html, url="https://example.com/a")
    assert summary.title == "Plain title"
    assert len(summary.description) == 500
    assert summary.description.endswith("…")
    assert summary.image_url == ""
    assert summary.canonical_url == "https://example.com/a"


@pytest.mark.usefixtures("allow_local")
@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/coffee",
        "http://10.0.0.1/",
        "http://127.0.0.2:{port}/coffee",
        "http://0x7f000002:{port}/coffee",
    ],
)
def test_redirect_to_an_inside_address_is_refused(local_site, target):
    """A redirect from an allowed host is vetted again: to a refused address
    it ends the fetch before any connection there."""
    local_site.page("/coffee", PREVIEW_PAGE)
    url = local_site.redirect("/go", target.format(port=local_site.port))
    with pytest.raises(RefusedAddress):
        fetch_page(url)
    assert local_site.requests == ["/go"]


@pytest.mark.usefixtures("allow_local")
def test_redirects_are_followed_at_most_three_times(local_site):
    local_site.page("/end", PREVIEW_PAGE)
    for hop in range(4):
        local_site.redirect(f"/r{hop}", f"/r{hop + 1}" if hop < 3 else "/end")
    assert fetch_page(f"{local_site.url}/r1").url == f"{local_site.url}/end"
    with pytest.raises(FetchFailed):
        fetch_page(f"{local_site.url}/r0")
    assert "/end" in local_site.requests


@pytest.mark.usefixtures("allow_local")
def test_other_schemes_and_credentials_are_refused(local_site):
    local_site.page("/coffee", PREVIEW_PAGE)
    for url in (
        "file:///etc/passwd",
        "ftp://127.0.0.1/",
        "gopher://127.0.0.1:6379/_INFO",
        f"http://user:secret@127.0.0.1:{local_site.port}/coffee",
    ):
        with pytest.raises(FetchFailed):
            fetch_page(url)
    local_site.redirect("/to-file", "file:///etc/passwd")
    with pytest.raises(FetchFailed):
        fetch_page(f"{local_site.url}/to-file")
    assert local_site.requests == ["/to-file"]


@pytest.mark.usefixtures("allow_local")
@pytest.mark.parametrize(
    "content_type", ["application/json", "image/svg+xml", "text/plain", ""]
)
def test_only_html_is_read(local_site, content_type):
    url = local_site.page("/data", PREVIEW_PAGE, content_type=content_type)
    with pytest.raises(FetchFailed):
        fetch_page(url)


@pytest.mark.usefixtures("allow_local")
def test_huge_page_is_read_only_up_to_the_limit(local_site):
    """A 4 MB page: its first 512 KB are read (the head is there), the rest is
    left unsent."""
    html = PREVIEW_PAGE.replace("<h1>", "<p>" + "coffee " * 600_000 + "</p><h1>")
    url = local_site.page("/huge", html)
    page = fetch_page(url)
    assert len(page.html.encode()) == MAX_BYTES
    assert summarise(page.html, url=url).site_name == "Acme shop"


@pytest.mark.usefixtures("allow_local")
@pytest.mark.parametrize("in_headers", [False, True])
def test_slow_answer_is_cut_off(local_site, monkeypatch, in_headers):
    """A server dribbling its headers or body (600 bytes, 0.1 s apart) is cut
    off at the fetch's time limit: no page, and the server is left with most
    of its answer unsent."""
    monkeypatch.setattr(fetch, "TOTAL_SECONDS", 1.0)
    local_site.routes["/slow"] = lambda handler: dribble(
        handler, pieces=600, headers=in_headers
    )
    with pytest.raises(FetchFailed):
        fetch_page(f"{local_site.url}/slow")
    # The server notices on its next write after the cut.
    deadline = time.monotonic() + 10
    while local_site.unfinished != ["/slow"]:
        assert time.monotonic() < deadline, "server kept sending"
        time.sleep(0.05)


@pytest.mark.usefixtures("allow_local")
@pytest.mark.parametrize(
    ("names", "trusted", "served"),
    [
        ("IP:127.0.0.1", True, True),
        ("IP:127.0.0.1", False, False),  # an unknown issuer
        ("DNS:other.example", True, False),  # issued for another name
    ],
)
def test_https_checks_the_certificate_against_the_link(
    tmp_path, monkeypatch, names, trusted, served
):
    """Connecting to the vetted address keeps TLS verification: the
    certificate must be trusted and name the link's host."""
    certificate = self_signed(tmp_path, names)
    if trusted:
        default_context = ssl.create_default_context
        monkeypatch.setattr(
            fetch.ssl,
            "create_default_context",
            lambda: default_context(cafile=str(certificate)),
        )
    site = LocalSite(certificate)
    try:
        url = site.page("/coffee", PREVIEW_PAGE)
        if served:
            assert "Acme shop" in fetch_page(url).html
        else:
            with pytest.raises(FetchFailed):
                fetch_page(url)
        assert site.requests == (["/coffee"] if served else [])
    finally:
        site.close()
