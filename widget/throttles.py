"""How many new contacts the public client API and the widget open, per
client address and per inbox (``ONECHAT_PUBLIC_CONTACT_RATES``)."""

from django.conf import settings
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import Inbox
from common.addresses import client_address


class ContactCreationThrottle(SimpleRateThrottle):
    """DRF's counting in the shared cache, for one scope and one key."""

    def __init__(self, scope: str, key: str) -> None:
        self.scope = scope
        self.key = key
        super().__init__()

    def get_rate(self) -> str:
        return settings.ONECHAT_PUBLIC_CONTACT_RATES[self.scope]

    def get_cache_key(self, request: Request, view: object) -> str:
        return f"contacts-opened:{self.scope}:{self.key}"


def check_contact_creation(*, request: Request, inbox: Inbox) -> None:
    """Count one new contact for the request's address and for ``inbox``;
    ``Throttled`` (429 with ``Retry-After``) past either rate."""
    throttles = (
        ContactCreationThrottle("address", client_address(request)),
        ContactCreationThrottle("inbox", str(inbox.pk)),
    )
    for throttle in throttles:
        if not throttle.allow_request(request, None):
            raise Throttled(
                wait=throttle.wait(),
                detail="Too many new contacts; try again later.",
            )
