"""The address a request comes from, as rate limits count it."""

from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address.

    ``REMOTE_ADDR`` only: behind OneChat's nginx, uvicorn sets it from
    ``X-Forwarded-For`` as sent by the trusted proxy; the header a client
    sends itself is never believed here.
    """
    return request.META.get("REMOTE_ADDR") or "unknown"
