"""Brute-force protection of password sign-in (the dashboard and /admin/).

Failed sign-ins are counted in the shared cache per email and per client
address; past ``ONECHAT_SIGN_IN_FAILURES_PER_EMAIL`` or
``ONECHAT_SIGN_IN_FAILURES_PER_ADDRESS`` within the lock-out window, that
email or address cannot sign in, even with the right password, until the
window (``ONECHAT_SIGN_IN_LOCKOUT_SECONDS``) has passed since the first
failure counted.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import ngettext

from common.addresses import client_address


def _email_key(email: str) -> str:
    return f"sign-in:email:{email.lower()}"


def _keys(email: str | None, request: HttpRequest | None) -> list[tuple[str, int]]:
    keys = []
    if email:
        keys.append((_email_key(email), settings.ONECHAT_SIGN_IN_FAILURES_PER_EMAIL))
    if request is not None:
        address_key = f"sign-in:address:{client_address(request)}"
        keys.append((address_key, settings.ONECHAT_SIGN_IN_FAILURES_PER_ADDRESS))
    return keys


def is_locked_out(*, email: str | None, request: HttpRequest | None) -> bool:
    """Whether the email or the request's address has failed too often lately."""
    keys = _keys(email, request)
    counts = cache.get_many([key for key, _ in keys])
    return any(counts.get(key, 0) >= limit for key, limit in keys)


def lockout_message() -> str:
    """What a locked-out person reads."""
    minutes = max(1, settings.ONECHAT_SIGN_IN_LOCKOUT_SECONDS // 60)
    return ngettext(
        "Too many failed sign-ins for this email or from this address. "
        "Try again in %(minutes)d minute.",
        "Too many failed sign-ins for this email or from this address. "
        "Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def record_failure(*, email: str | None, request: HttpRequest | None) -> None:
    """Count one failed sign-in against the email and the address."""
    for key, _ in _keys(email, request):
        cache.add(key, 0, timeout=settings.ONECHAT_SIGN_IN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            # Expired between add and incr: this failure starts a new window.
            cache.set(key, 1, timeout=settings.ONECHAT_SIGN_IN_LOCKOUT_SECONDS)


def forget_failures(*, email: str) -> None:
    """A successful sign-in clears the email's count (not the address's)."""
    cache.delete(_email_key(email))


class LockoutModelBackend(ModelBackend):
    """Django's email-and-password check, refused while locked out; every
    password sign-in (the dashboard's form, /admin/'s) goes through it."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if is_locked_out(email=username, request=request):
            # Ends authentication for every backend; the forms say why.
            raise PermissionDenied(lockout_message())
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            record_failure(email=username, request=request)
        else:
            forget_failures(email=username or "")
        return user
