"""How many new contacts the public client API and the widget open, per
client address and per inbox (``ONECHAT_PUBLIC_CONTACT_RATES``), and how many
widget events a visitor may send, per session and per inbox
(``ONECHAT_WIDGET_EVENT_RATES``): each event becomes webhook deliveries."""

from django.conf import settings
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import Inbox
from common.addresses import client_address
from contacts.models import ContactInbox


class CountThrottle(SimpleRateThrottle):
    """DRF's counting in the shared cache, for one rate and one key."""

    def __init__(self, rates: str, scope: str, key: str) -> None:
        self.rates = rates
        self.scope = scope
        self.key = key
        super().__init__()

    def get_rate(self) -> str:
        return getattr(settings, self.rates)[self.scope]

    def get_cache_key(self, request: Request, view: object) -> str:
        return f"{self.rates}:{self.scope}:{self.key}"


def _check(
    request: Request, throttles: tuple[CountThrottle, ...], **kwargs: str
) -> None:
    for throttle in throttles:
        if not throttle.allow_request(request, None):
            raise Throttled(wait=throttle.wait(), **kwargs)


def check_contact_creation(*, request: Request, inbox: Inbox) -> None:
    """Count one new contact for the request's address and for ``inbox``;
    ``Throttled`` (429 with ``Retry-After``) past either rate."""
    rates = "ONECHAT_PUBLIC_CONTACT_RATES"
    _check(
        request,
        (
            CountThrottle(rates, "address", client_address(request)),
            CountThrottle(rates, "inbox", str(inbox.pk)),
        ),
        detail="Too many new contacts; try again later.",
    )


def check_widget_event(*, request: Request, session: ContactInbox) -> None:
    """Count one widget event for the visitor's ``session`` and for its inbox;
    ``Throttled`` (429 with ``Retry-After``) past either rate."""
    rates = "ONECHAT_WIDGET_EVENT_RATES"
    _check(
        request,
        (
            CountThrottle(rates, "session", str(session.pk)),
            CountThrottle(rates, "inbox", str(session.inbox_id)),
        ),
    )
