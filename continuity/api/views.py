"""Continuity's HTTP surface: the mail services' inbound endpoint."""

import base64
import binascii
import hmac

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from api.permissions import MAIL_SERVICE
from api.views import BaseAPIView
from common.errors import DomainError
from continuity import services

# The form or JSON fields mail services put the raw MIME in: Mailgun's
# "body-mime", SendGrid's "email", Postmark's "RawEmail".
MIME_FIELDS = ("body-mime", "email", "mime", "RawEmail", "raw")
RAW_TYPES = ("message/rfc822", "application/octet-stream", "text/plain")


class TooLarge(DomainError):
    """The email is larger than OneChat takes (413)."""

    status = 413
    code = "too_large"


def _given_secret(request: Request) -> str:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip()).decode()
        except (binascii.Error, UnicodeDecodeError):
            return ""
        return decoded.partition(":")[2]
    return request.headers.get("X-Inbound-Secret") or request.query_params.get(
        "secret", ""
    )


def _raw_email(request: Request) -> tuple[bytes, str]:
    """The raw MIME and the envelope recipient a form names."""
    media_type = (request.content_type or "").split(";")[0].strip().lower()
    if media_type in RAW_TYPES:
        # Read past DATA_UPLOAD_MAX_MEMORY_SIZE: a mail carries attachments.
        limit = 2 * settings.MAX_ATTACHMENT_BYTES
        raw = request._request.read(limit + 1)
        if len(raw) > limit:
            raise TooLarge(_("The email is too large."))
        return raw, ""
    data = request.data if hasattr(request.data, "get") else {}
    recipient = data.get("recipient", "")
    recipient = recipient if isinstance(recipient, str) else ""
    for name in MIME_FIELDS:
        value = request.FILES.get(name) or data.get(name)
        if hasattr(value, "read"):
            return value.read(), recipient
        if isinstance(value, str) and value:
            return value.encode("utf-8", "surrogateescape"), recipient
    raise exceptions.ValidationError(
        {"body-mime": [_("Post the raw email (message/rfc822) or a body-mime field.")]}
    )


class InboundEmailView(BaseAPIView):
    """``POST /email/inbound``: a mail service hands in a visitor's email
    reply (raw MIME as ``message/rfc822``, or a ``body-mime`` form field),
    authenticated by ``INBOUND_EMAIL_SECRET``; it joins its conversation as
    the contact's message."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    capability = MAIL_SERVICE

    @extend_schema(
        request={"message/rfc822": bytes},
        responses={
            200: inline_serializer(
                "InboundEmail",
                {
                    "id": serializers.IntegerField(),
                    "account_id": serializers.IntegerField(),
                    "conversation_id": serializers.IntegerField(),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        expected = settings.ONECHAT_INBOUND_EMAIL_SECRET
        if not expected:
            raise exceptions.NotFound()
        if not hmac.compare_digest(_given_secret(request).encode(), expected.encode()):
            raise exceptions.AuthenticationFailed(
                _("The inbound email secret is wrong.")
            )
        raw, recipient = _raw_email(request)
        message = services.receive_email(
            raw=raw,
            recipient=request.query_params.get("recipient", "") or recipient,
        )
        return Response(
            {
                "id": message.pk,
                "account_id": message.account_id,
                "conversation_id": message.conversation.display_id,
            },
            status=status.HTTP_200_OK,
        )
