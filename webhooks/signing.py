"""How a delivery is signed, as Chatwoot signs its webhooks: an HMAC-SHA256
of ``"<timestamp>.<body>"`` with the receiver's secret, sent as
``X-Chatwoot-Signature: sha256=<hex>`` beside ``X-Chatwoot-Timestamp`` (Unix
seconds) and ``X-Chatwoot-Delivery`` (the delivery id, the same on every
attempt, for the receiver to drop repeats)."""

import hashlib
import hmac

USER_AGENT = "OneChat-Webhooks/1.0"


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """The ``X-Chatwoot-Signature`` value of ``body`` sent at ``timestamp``."""
    digest = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return f"sha256={digest}"


def headers(*, secret: str, timestamp: int, body: bytes, delivery_id: str) -> dict:
    """The headers of one attempt (unsigned without a secret: an ad hoc URL)."""
    sent = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
        "X-Chatwoot-Delivery": delivery_id,
        "X-Chatwoot-Timestamp": str(timestamp),
    }
    if secret:
        sent["X-Chatwoot-Signature"] = signature(
            secret=secret, timestamp=timestamp, body=body
        )
    return sent
