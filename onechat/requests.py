"""Requests as Chatwoot's clients send them, read the same on every server.

Two things Chatwoot's SDKs do that Django's ASGI handler would lose:

- The token header is ``api_access_token``, with underscores. Django (and
  daphne, before it) drop every header name with an underscore, so that a
  client cannot pass ``X_Forwarded_For`` off as a proxy's ``X-Forwarded-For``
  (CVE-2015-0219). Only this one header is renamed to its hyphen spelling,
  which Django reads as ``HTTP_API_ACCESS_TOKEN``; every other underscore
  header is still dropped. A request carrying both spellings keeps the
  hyphen one.
- Some send bodies with ``Transfer-Encoding: chunked`` and no
  ``Content-Length``. Django's and DRF's parsers read such a body as empty;
  the ASGI handler has read the whole body by then, so its size is known and
  becomes the length (and Django's size limits apply to it as to any body).
"""

from typing import Any

from django.core.handlers.asgi import ASGIHandler

TOKEN_HEADER = b"api_access_token"
TOKEN_HEADER_HYPHENS = b"api-access-token"


def with_token_header(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``headers`` with ``api_access_token`` spelled ``api-access-token``."""
    names = {name.lower() for name, _ in headers}
    if TOKEN_HEADER not in names:
        return headers
    keep_underscored = TOKEN_HEADER_HYPHENS not in names
    return [
        (TOKEN_HEADER_HYPHENS, value) if name.lower() == TOKEN_HEADER else (name, value)
        for name, value in headers
        if keep_underscored or name.lower() != TOKEN_HEADER
    ]


class ChatwootClientsASGIHandler(ASGIHandler):
    """Django's ASGI handler, reading the token header and chunked bodies."""

    async def __call__(self, scope: dict[str, Any], receive, send) -> None:
        if scope["type"] == "http":
            scope = {**scope, "headers": with_token_header(list(scope["headers"]))}
        await super().__call__(scope, receive, send)

    def create_request(self, scope, body_file):
        request, error_response = super().create_request(scope, body_file)
        if request is not None and "CONTENT_LENGTH" not in request.META:
            body_file.seek(0, 2)
            size = body_file.tell()
            body_file.seek(0)
            if size:
                request.META["CONTENT_LENGTH"] = str(size)
        return request, error_response


def keep_token_header_in_daphne() -> None:
    """Make daphne pass ``api_access_token`` on, spelled with hyphens.

    daphne drops underscore headers before the ASGI scope is built, so the
    renaming happens on its request object, before that filter runs.
    """
    from daphne import http_protocol

    if getattr(http_protocol.WebRequest, "keeps_token_header", False):
        return

    class TokenHeaderWebRequest(http_protocol.WebRequest):
        keeps_token_header = True

        def process(self):
            values = self.requestHeaders.getRawHeaders(TOKEN_HEADER)
            if values is not None:
                self.requestHeaders.removeHeader(TOKEN_HEADER)
                if not self.requestHeaders.hasHeader(TOKEN_HEADER_HYPHENS):
                    self.requestHeaders.setRawHeaders(TOKEN_HEADER_HYPHENS, values)
            return super().process()

    # HTTPFactory.buildProtocol reads this module global for every connection.
    http_protocol.WebRequest = TokenHeaderWebRequest
