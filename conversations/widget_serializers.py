"""What the website widget may send: messages, attachments, identities, prompts.

Input validation only; wire shapes come from ``conversations/serializers.py`` and
``contacts/serializers.py``.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from rest_framework import serializers

# File types a visitor may attach, by extension, with the media types browsers
# report for them. Markup and scripts (HTML, SVG, JS) are left out on purpose:
# served back from OneChat's origin they could run in an agent's browser.
ATTACHMENT_TYPES: dict[str, tuple[str, ...]] = {
    "png": ("image/png",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "gif": ("image/gif",),
    "webp": ("image/webp",),
    "pdf": ("application/pdf",),
    "txt": ("text/plain",),
    "csv": ("text/csv", "application/vnd.ms-excel"),
    "zip": ("application/zip", "application/x-zip-compressed"),
    "doc": ("application/msword",),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xls": ("application/vnd.ms-excel",),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    "mp3": ("audio/mpeg",),
    "mp4": ("video/mp4",),
}
MAX_ATTACHMENTS = 5


def attachment_rules() -> dict:
    """The limits the widget checks before uploading (the server checks again)."""
    return {
        "maxBytes": settings.MAX_ATTACHMENT_BYTES,
        "extensions": sorted(ATTACHMENT_TYPES),
        "types": sorted(
            {kind for kinds in ATTACHMENT_TYPES.values() for kind in kinds}
        ),
    }


def readable_size(size: int) -> str:
    """``10 MB``, ``200 KB`` or ``512 bytes``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def check_attachment(upload: UploadedFile) -> UploadedFile:
    """Refuse a file over ``MAX_ATTACHMENT_BYTES`` or of a type not allowed."""
    name = upload.name or ""
    extension = PurePath(name).suffix.lstrip(".").lower()
    media_type = (upload.content_type or "").split(";")[0].strip().lower()
    if media_type not in ATTACHMENT_TYPES.get(extension, ()):
        raise serializers.ValidationError(
            f"{name or 'This file'}: this file type is not allowed."
        )
    limit = settings.MAX_ATTACHMENT_BYTES
    if (upload.size or 0) > limit:
        raise serializers.ValidationError(
            f"{name}: the file is larger than the {readable_size(limit)} limit."
        )
    return upload


class WidgetMessageSerializer(serializers.Serializer):
    """A visitor's message: text, attachments or both, with an optional echo id."""

    content = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False
    )
    echo_id = serializers.CharField(
        required=False, allow_blank=True, max_length=64, default=""
    )
    attachments = serializers.ListField(
        child=serializers.FileField(validators=[check_attachment]),
        required=False,
        max_length=MAX_ATTACHMENTS,
        default=list,
    )

    def validate_content(self, value: str) -> str:
        if len(value) > settings.MAX_MESSAGE_LENGTH:
            raise serializers.ValidationError(
                f"A message is at most {settings.MAX_MESSAGE_LENGTH} characters."
            )
        return value

    def validate(self, attrs: dict) -> dict:
        if not (attrs.get("content") or "").strip() and not attrs["attachments"]:
            raise serializers.ValidationError(
                "A message needs some text or an attachment."
            )
        return attrs


class IdentitySerializer(serializers.Serializer):
    """``$onechat.setUser(identifier, {...})``: who the visitor is on the site."""

    identifier = serializers.CharField(max_length=255)
    identifier_hash = serializers.CharField(
        max_length=128, required=False, allow_blank=True
    )
    name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone_number = serializers.CharField(
        max_length=32, required=False, allow_blank=True
    )
    custom_attributes = serializers.DictField(required=False)

    def validate(self, attrs: dict) -> dict:
        # Blank details mean "not given", never "erase what the contact has".
        return {name: value for name, value in attrs.items() if value}


class CustomAttributesSerializer(serializers.Serializer):
    """``$onechat.setCustomAttributes({...})``."""

    custom_attributes = serializers.DictField()


class LabelSerializer(serializers.Serializer):
    """``$onechat.setLabel(label)``: one of the account's existing labels."""

    label = serializers.CharField(max_length=255)


class TypingSerializer(serializers.Serializer):
    typing_status = serializers.ChoiceField(choices=["on", "off"])


class EmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class MessageCursorSerializer(serializers.Serializer):
    """``before``/``after`` message ids of a history page or a catch-up."""

    before = serializers.IntegerField(min_value=1, required=False)
    after = serializers.IntegerField(min_value=0, required=False)
