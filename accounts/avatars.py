"""Which images an inbox's avatar may be: plain raster images only, their
bytes agreeing with their name and declared type (an SVG or HTML file could
run script when served back from OneChat's origin)."""

from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from rest_framework import serializers

AVATAR_MAX_BYTES = 1024 * 1024

# Extension -> (the media type browsers report, the file's first bytes).
AVATAR_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    "webp": ("image/webp", (b"RIFF",)),
}


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def _bytes_match(extension: str, head: bytes) -> bool:
    if extension == "webp" and head[8:12] != b"WEBP":
        return False
    return head.startswith(AVATAR_TYPES[extension][1])


def check_avatar(upload: UploadedFile) -> UploadedFile:
    """Refuse an avatar over ``AVATAR_MAX_BYTES`` or not a PNG, JPEG, GIF or
    WebP image by its name, declared type and first bytes alike."""
    if (upload.size or 0) > AVATAR_MAX_BYTES:
        raise serializers.ValidationError(_("The image is larger than 1 MB."))
    extension = PurePath(upload.name or "").suffix.lstrip(".").lower()
    media_type = (upload.content_type or "").split(";")[0].strip().lower()
    if (
        extension not in AVATAR_TYPES
        or media_type != AVATAR_TYPES[extension][0]
        or not _bytes_match(extension, _head(upload))
    ):
        raise serializers.ValidationError(_("Use a PNG, JPEG, GIF or WebP image."))
    return upload
