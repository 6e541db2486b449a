import pytest

from tests.browser import screenshot
from tests.servers import onechat_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def test_chromium_renders_a_onechat_page(chromium):
    """Headless Chromium loads a page from a OneChat server and screenshots it."""
    with onechat_server() as server:
        page = chromium.new_page()
        page.goto(f"{server.url}/admin/login/")
        assert page.locator("#id_username").is_visible()
        assert screenshot(page, "admin-login").stat().st_size > 1000
        page.close()
