"""The ICE servers a call's parties use to reach each other: STUN to learn
their public addresses, TURN to relay media when no direct path exists.

With ``ONECHAT_TURN_SECRET`` (coturn's ``use-auth-secret`` with the same
``static-auth-secret``) each call gets short-lived credentials: the username
``<expiry epoch>:onechat-call-<id>`` and the password
base64(HMAC-SHA1(secret, username)), which coturn checks without asking
OneChat. ``ONECHAT_TURN_USERNAME``/``ONECHAT_TURN_PASSWORD`` give static ones.
"""

import base64
import hashlib
import hmac
import time

from django.conf import settings


def turn_credentials(*, secret: str, call_id: int, expires_at: int) -> dict[str, str]:
    """coturn's REST-API credentials for one call, valid until ``expires_at``."""
    username = f"{expires_at}:onechat-call-{call_id}"
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return {"username": username, "credential": base64.b64encode(digest).decode()}


def ice_servers(*, call_id: int, now: float | None = None) -> list[dict]:
    """The ``RTCIceServer`` dicts of a call, from the settings (empty: the
    parties reach each other directly, on a LAN or loopback)."""
    servers: list[dict] = []
    if settings.ONECHAT_STUN_URLS:
        servers.append({"urls": list(settings.ONECHAT_STUN_URLS)})
    if not settings.ONECHAT_TURN_URLS:
        return servers
    turn: dict = {"urls": list(settings.ONECHAT_TURN_URLS)}
    if settings.ONECHAT_TURN_SECRET:
        expires_at = int(now if now is not None else time.time())
        expires_at += settings.ONECHAT_TURN_TTL_SECONDS
        turn.update(
            turn_credentials(
                secret=settings.ONECHAT_TURN_SECRET,
                call_id=call_id,
                expires_at=expires_at,
            )
        )
    elif settings.ONECHAT_TURN_USERNAME:
        turn["username"] = settings.ONECHAT_TURN_USERNAME
        turn["credential"] = settings.ONECHAT_TURN_PASSWORD
    servers.append(turn)
    return servers
