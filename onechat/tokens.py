"""Random tokens: pubsub tokens, API access tokens, website tokens."""

import hashlib
import secrets


def new_token(nbytes: int = 18) -> str:
    """Return a URL-safe random token (24 characters for the default size)."""
    return secrets.token_urlsafe(nbytes)


def gravatar_url(email: str | None) -> str:
    """Return the Gravatar URL for an email, or "" when there is none."""
    if not email:
        return ""
    digest = hashlib.md5(
        email.strip().lower().encode(), usedforsecurity=False
    ).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}?d=404"
