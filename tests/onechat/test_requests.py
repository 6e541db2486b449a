"""Chatwoot clients' requests on real server processes: daphne (development)
and uvicorn (production), each reached directly."""

import http.client
import json
import uuid

import pytest

from conversations.models import Message
from tests.servers import onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module", params=["daphne", "uvicorn"])
def server(request, django_db_setup, django_db_blocker):
    with onechat_server(kind=request.param) as running:
        yield running


def call(server, method: str, path: str, headers: list[tuple[str, str]], body=None):
    """``(status, decoded JSON)`` of one request sent with exactly ``headers``."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest(method, path)
        for name, value in headers:
            connection.putheader(name, value)
        if body is None:
            connection.endheaders()
        else:
            connection.putheader("Transfer-Encoding", "chunked")
            connection.endheaders()
            for start in range(0, len(body), 100):
                chunk = body[start : start + 100]
                connection.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            connection.send(b"0\r\n\r\n")
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_the_underscore_token_header_signs_in(server, agent):
    """``api_access_token``, as every Chatwoot client spells it, is read; a
    wrong one is refused; with both spellings only the hyphen one counts; no
    other underscore header is renamed."""
    profile = "/api/v1/profile"
    status, body = call(
        server, "GET", profile, [("api_access_token", agent.access_token)]
    )
    assert status == 200, server.log()
    assert body["email"] == agent.email
    status, body = call(server, "GET", profile, [("api_access_token", "x")])
    assert (status, body) == (401, {"error": "Invalid Access Token"})
    both = [("api-access-token", agent.access_token), ("api_access_token", "forged")]
    assert call(server, "GET", profile, both)[0] == 200
    longer = [("api_access_token_x", agent.access_token)]
    assert call(server, "GET", profile, longer)[0] == 401


def test_a_chunked_multipart_message_is_read(server, agent, conversation):
    """A multipart body sent with chunked transfer encoding (no
    Content-Length), as one SDK sends attachments, keeps its fields and file."""
    boundary = uuid.uuid4().hex
    body = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="content"\r\n\r\n'
        "sent in chunks\r\n"
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="attachments[]"; filename="note.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
        f"{'line of text ' * 40}\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    path = (
        f"/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/messages"
    )
    status, message = call(
        server,
        "POST",
        path,
        [
            ("api_access_token", agent.access_token),
            ("Content-Type", f"multipart/form-data; boundary={boundary}"),
        ],
        body,
    )
    assert status == 200, (message, server.log())
    assert message["content"] == "sent in chunks"
    assert [a["file_type"] for a in message["attachments"]] == ["file"]
    stored = Message.objects.get(pk=message["id"])
    assert stored.attachments.count() == 1
