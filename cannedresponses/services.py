"""Writes of canned responses: an account's administrators add, change and
delete them. No realtime event: the composer reads them when it opens."""

from collections.abc import Sequence
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Account
from cannedresponses.models import CannedResponse, CannedResponseAttachment
from common.errors import DomainError
from conversations.attachments import MAX_ATTACHMENTS, file_type_of


class TooManyAttachments(DomainError):
    """A canned response would carry more than ``MAX_ATTACHMENTS`` files (a
    400 on ``attachments``)."""

    code = "too_many_attachments"


class ShortCodeTaken(DomainError):
    """Another canned response of the account has this short code (a 400 on
    ``short_code``); the serializer says so first, this covers a race."""

    code = "short_code_taken"

    def __init__(self) -> None:
        super().__init__(
            _("A canned response with this short code exists."), field="short_code"
        )


def create_canned_response(
    *,
    account: Account,
    short_code: str,
    content: str,
    attachments: Sequence[UploadedFile] = (),
) -> CannedResponse:
    """Save a canned response of ``account`` with its files."""
    try:
        with transaction.atomic():
            canned = CannedResponse.objects.create(
                account=account, short_code=short_code, content=content
            )
            _attach_all(canned=canned, uploads=attachments)
    except IntegrityError as error:
        raise ShortCodeTaken() from error
    return canned


def update_canned_response(
    *,
    canned: CannedResponse,
    short_code: str | None = None,
    content: str | None = None,
    attachments: Sequence[UploadedFile] = (),
    removed_attachment_ids: Sequence[int] = (),
) -> CannedResponse:
    """Change a canned response's short code or content, add files to it and
    take off those of ``removed_attachment_ids`` (ids of other responses'
    files are ignored)."""
    changed = ["updated_at"]
    if short_code is not None:
        canned.short_code = short_code
        changed.append("short_code")
    if content is not None:
        canned.content = content
        changed.append("content")
    try:
        with transaction.atomic():
            canned.save(update_fields=changed)
            if removed_attachment_ids:
                canned.attachments.filter(pk__in=removed_attachment_ids).delete()
            _attach_all(canned=canned, uploads=attachments)
    except IntegrityError as error:
        raise ShortCodeTaken() from error
    return canned


def delete_canned_response(*, canned: CannedResponse) -> None:
    """Delete a canned response and its files."""
    canned.delete()


def _attach_all(*, canned: CannedResponse, uploads: Sequence[UploadedFile]) -> None:
    if not uploads:
        return
    if canned.attachments.count() + len(uploads) > MAX_ATTACHMENTS:
        raise TooManyAttachments(
            _("A canned response carries at most %(count)s files.")
            % {"count": MAX_ATTACHMENTS},
            field="attachments",
        )
    for upload in uploads:
        name = PurePath(upload.name or "file").name
        CannedResponseAttachment.objects.create(
            account_id=canned.account_id,
            canned_response=canned,
            file_type=file_type_of(upload),
            file=upload,
            file_name=name[:255],
            file_size=upload.size or 0,
            extension=PurePath(name).suffix.lstrip(".").lower()[:16],
        )
