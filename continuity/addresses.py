"""The reply address of a conversation, ``reply+<uuid hex>.<signature>@<domain>``:
the signature (an HMAC of the uuid under ``SECRET_KEY``) makes an address
impossible to forge for a conversation whose address one has not received."""

import hmac
import re
import uuid
from email.utils import make_msgid

from django.conf import settings
from django.utils.crypto import salted_hmac

SALT = "onechat.continuity.reply-address"
# 24 hex characters (96 bits): the local part stays within 64 characters.
SIGNATURE_LENGTH = 24
LOCAL_PART = re.compile(r"reply\+([0-9a-f]{32})\.([0-9a-f]{24})", re.IGNORECASE)


def signature(conversation_uuid: uuid.UUID) -> str:
    """The HMAC that goes with a conversation's uuid in its reply address."""
    digest = salted_hmac(SALT, conversation_uuid.hex, algorithm="sha256")
    return digest.hexdigest()[:SIGNATURE_LENGTH]


def reply_address(conversation_uuid: uuid.UUID) -> str | None:
    """The conversation's reply address; None while no inbound domain is set."""
    domain = settings.ONECHAT_INBOUND_EMAIL_DOMAIN
    if not domain:
        return None
    return f"reply+{conversation_uuid.hex}.{signature(conversation_uuid)}@{domain}"


def conversation_of(address: str) -> uuid.UUID | None:
    """The conversation uuid an address names when it is a reply address of
    this installation's domain with a valid signature; None otherwise."""
    local, _, domain = address.strip().rpartition("@")
    expected = settings.ONECHAT_INBOUND_EMAIL_DOMAIN
    if not expected or domain.lower() != expected.lower():
        return None
    match = LOCAL_PART.fullmatch(local)
    if match is None:
        return None
    found = uuid.UUID(hex=match.group(1).lower())
    if not hmac.compare_digest(signature(found), match.group(2).lower()):
        return None
    return found


def is_reply_address(address: str) -> bool:
    """Whether an address has the reply address's form on this domain,
    signed or not (a forged one is refused, not passed over)."""
    local, _, domain = address.strip().rpartition("@")
    expected = settings.ONECHAT_INBOUND_EMAIL_DOMAIN
    return (
        bool(expected)
        and domain.lower() == expected.lower()
        and bool(LOCAL_PART.fullmatch(local))
    )


def new_message_id(conversation_uuid: uuid.UUID) -> str:
    """A Message-ID for a new mail of the conversation, unique worldwide."""
    domain = settings.ONECHAT_INBOUND_EMAIL_DOMAIN or "onechat.invalid"
    return make_msgid(idstring=f"conversation.{conversation_uuid.hex}", domain=domain)
