"""Which files a message may carry: one policy for every API that takes uploads.

The Application API, the public client API and the widget API check uploads
here, and the widget's page receives ``attachment_rules()`` to check files
before uploading them.
"""

from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from rest_framework import serializers

# Allowed files by extension, with the media types browsers report for them.
# Markup and scripts (HTML, SVG, JS) are left out on purpose: served back from
# OneChat's origin they could run in an agent's browser.
ATTACHMENT_TYPES: dict[str, tuple[str, ...]] = {
    "png": ("image/png",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "gif": ("image/gif",),
    "webp": ("image/webp",),
    "bmp": ("image/bmp",),
    "pdf": ("application/pdf",),
    "txt": ("text/plain",),
    "csv": ("text/csv", "application/vnd.ms-excel"),
    "json": ("application/json",),
    "zip": ("application/zip", "application/x-zip-compressed"),
    "doc": ("application/msword",),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xls": ("application/vnd.ms-excel",),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "odt": ("application/vnd.oasis.opendocument.text",),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet",),
    "mp3": ("audio/mpeg",),
    "m4a": ("audio/mp4", "audio/x-m4a"),
    "wav": ("audio/wav", "audio/x-wav", "audio/wave"),
    "ogg": ("audio/ogg", "video/ogg", "application/ogg"),
    "oga": ("audio/ogg",),
    "opus": ("audio/ogg", "audio/opus"),
    "mp4": ("video/mp4",),
    "mov": ("video/quicktime",),
    "webm": ("video/webm", "audio/webm"),
}
MAX_ATTACHMENTS = 10

# Plain raster images: the only uploads served inline (the dashboard and the
# widget show them); everything else is served as a download. nginx's
# /media/ location (deploy/nginx/default.conf.template) lists the same.
INLINE_EXTENSIONS = frozenset({"png", "jpg", "jpeg", "gif", "webp"})


def _riff(kind: bytes):
    return lambda head: head[:4] == b"RIFF" and head[8:12] == kind


def _mpeg_audio(head: bytes) -> bool:
    return head[:3] == b"ID3" or (
        len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
    )


def _iso_media(head: bytes) -> bool:
    return head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")


def _starts(*signatures: bytes):
    return lambda head: head.startswith(signatures)


ZIP = _starts(b"PK\x03\x04", b"PK\x05\x06")
OLE = _starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
OGG = _starts(b"OggS")

# What the first bytes of each allowed binary type look like (their magic
# numbers). Text types (txt, csv, json) have none: see _is_plain_text.
SIGNATURES = {
    "png": _starts(b"\x89PNG\r\n\x1a\n"),
    "jpg": _starts(b"\xff\xd8\xff"),
    "jpeg": _starts(b"\xff\xd8\xff"),
    "gif": _starts(b"GIF87a", b"GIF89a"),
    "webp": _riff(b"WEBP"),
    "bmp": _starts(b"BM"),
    "pdf": _starts(b"%PDF-"),
    "zip": ZIP,
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "doc": OLE,
    "xls": OLE,
    "mp3": _mpeg_audio,
    "m4a": _iso_media,
    "mp4": _iso_media,
    "mov": _iso_media,
    "wav": _riff(b"WAVE"),
    "ogg": OGG,
    "oga": OGG,
    "opus": OGG,
    "webm": _starts(b"\x1a\x45\xdf\xa3"),
}
TEXT_EXTENSIONS = frozenset({"txt", "csv", "json"})
# How browsers recognise markup when they sniff a text file (WHATWG MIME
# Sniffing, "identifying a resource with an unknown MIME type"), plus SVG.
MARKUP_STARTS = (
    b"<!doctype html", b"<html", b"<head", b"<script", b"<iframe", b"<h1",
    b"<div", b"<font", b"<table", b"<a", b"<style", b"<title", b"<b", b"<body",
    b"<br", b"<p", b"<!--", b"<?xml", b"<svg",
)  # fmt: skip
SNIFF_BYTES = 512


def _is_plain_text(head: bytes) -> bool:
    """UTF-8 (a character cut at the end allowed) that no browser takes for
    markup."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            return False
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n\x0c").lower()
    return not start.startswith(MARKUP_STARTS)


def content_matches(extension: str, head: bytes) -> bool:
    """Whether a file's first bytes are what its extension says."""
    if extension in TEXT_EXTENSIONS:
        return _is_plain_text(head)
    matches = SIGNATURES.get(extension)
    return matches is not None and matches(head)


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def attachment_rules() -> dict:
    """The limits a front end checks before uploading (the server checks again)."""
    return {
        "maxBytes": settings.MAX_ATTACHMENT_BYTES,
        "maxSize": readable_size(settings.MAX_ATTACHMENT_BYTES),
        "maxFiles": MAX_ATTACHMENTS,
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


def file_type_of(upload: UploadedFile) -> str:
    """The ``file_type`` an upload is stored with: image, audio or video by
    its media type, else file."""
    kind = (upload.content_type or "").split("/")[0]
    return kind if kind in ("image", "audio", "video") else "file"


def check_attachment(upload: UploadedFile) -> UploadedFile:
    """Refuse a file over ``MAX_ATTACHMENT_BYTES`` or of a type not allowed.

    The extension and the declared media type must agree with one entry of
    ``ATTACHMENT_TYPES``, and the file's bytes with the extension: whatever
    it claims, an SVG, HTML or other markup file is refused.
    """
    name = upload.name or ""
    extension = PurePath(name).suffix.lstrip(".").lower()
    media_type = (upload.content_type or "").split(";")[0].strip().lower()
    limit = settings.MAX_ATTACHMENT_BYTES
    if (upload.size or 0) > limit:
        raise serializers.ValidationError(
            _("%(name)s: the file is larger than the %(limit)s limit.")
            % {"name": name, "limit": readable_size(limit)}
        )
    if media_type not in ATTACHMENT_TYPES.get(extension, ()) or not content_matches(
        extension, _head(upload)
    ):
        raise serializers.ValidationError(
            _("%(name)s: this file type is not allowed.")
            % {"name": name or _("This file")}
        )
    return upload


class AttachmentListField(serializers.ListField):
    """Uploaded files under ``attachments[]`` (or ``attachments``), each checked
    by ``check_attachment``."""

    child = serializers.FileField(validators=[check_attachment])

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", MAX_ATTACHMENTS)
        super().__init__(**kwargs)

    def get_value(self, dictionary) -> Iterable | object:
        if hasattr(dictionary, "getlist"):
            files = dictionary.getlist("attachments[]") or dictionary.getlist(
                "attachments"
            )
            return files or serializers.empty
        return super().get_value(dictionary)
