"""Random tokens: pubsub tokens, API access tokens, website tokens."""

import hashlib
import secrets

from django.utils.crypto import salted_hmac


def new_token(nbytes: int = 18) -> str:
    """Return a URL-safe random token (24 characters for the default size)."""
    return secrets.token_urlsafe(nbytes)


def reference_token(token: str) -> str:
    """A stand-in for ``token`` where others read it: the same length, stable,
    unguessable, and no credential (nothing accepts it in its place)."""
    digest = salted_hmac("onechat.reference-token", token, algorithm="sha256")
    return digest.hexdigest()[: len(token)]


def gravatar_url(email: str | None) -> str:
    """Return the Gravatar URL for an email, or "" when there is none."""
    if not email:
        return ""
    digest = hashlib.md5(
        email.strip().lower().encode(), usedforsecurity=False
    ).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}?d=404"


def token_digest(token: str) -> str:
    """The SHA-256 of a token kept only as its digest (an invitation link's
    key): a lookup compares digests, and a stolen table yields no token."""
    return hashlib.sha256(token.encode()).hexdigest()
