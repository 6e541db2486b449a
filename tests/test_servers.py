import urllib.request

import pytest

from tests.servers import onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


def test_server_process_answers_http():
    """A server process started for tests answers HTTP on its port."""
    with onechat_server() as server:
        request = urllib.request.Request(f"{server.url}/admin/login/")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
            assert b"Django administration" in response.read()
