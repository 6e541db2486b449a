"""Wire shapes of canned responses: Chatwoot's ``canned_response`` with the
files each carries, and what a create or update takes."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from cannedresponses.models import CannedResponse, CannedResponseAttachment
from common.fields import IsoTimestampField
from common.markdown import MARKDOWN_LENGTH
from conversations.attachments import (
    ATTACHMENT_TYPES,
    MAX_ATTACHMENTS,
    AttachmentListField,
)


class CannedResponseAttachmentSerializer(serializers.ModelSerializer):
    """A file of a canned response: its name, type, size and URL, and the
    media type a composer uploads it with again."""

    data_url = serializers.SerializerMethodField()
    content_type = serializers.SerializerMethodField()

    class Meta:
        model = CannedResponseAttachment
        fields = [
            "id",
            "file_type",
            "file_name",
            "extension",
            "content_type",
            "file_size",
            "data_url",
        ]

    def get_content_type(self, attachment: CannedResponseAttachment) -> str:
        return ATTACHMENT_TYPES.get(attachment.extension, ("",))[0]

    def get_data_url(self, attachment: CannedResponseAttachment) -> str:
        request = self.context.get("request")
        url = attachment.file.url
        return request.build_absolute_uri(url) if request else url


class CannedResponseSerializer(serializers.ModelSerializer):
    """Chatwoot's ``canned_response``, plus ``attachments``: the files it
    carries (none for a response made through Chatwoot's clients)."""

    created_at = IsoTimestampField()
    updated_at = IsoTimestampField()
    attachments = CannedResponseAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = CannedResponse
        fields = [
            "id",
            "account_id",
            "short_code",
            "content",
            "created_at",
            "updated_at",
            "attachments",
        ]


class CannedResponseSearchSerializer(serializers.Serializer):
    """``GET canned_responses?search=``: short code or content holding it."""

    search = serializers.CharField(
        max_length=255, required=False, allow_blank=True, trim_whitespace=True
    )


class CannedResponseInputSerializer(serializers.Serializer):
    """``POST``/``PATCH canned_responses``: ``short_code`` and ``content``,
    bare or under ``canned_response``, as JSON or multipart; multipart may
    add files (``attachments[]``, checked as a message's are) and a ``PATCH``
    take some off (``removed_attachment_ids[]``)."""

    short_code = serializers.CharField(max_length=255)
    content = serializers.CharField(max_length=MARKDOWN_LENGTH)
    attachments = AttachmentListField(required=False)
    removed_attachment_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=MAX_ATTACHMENTS,
    )

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, dict) and isinstance(data.get("canned_response"), dict):
            data = data["canned_response"]
        return super().to_internal_value(data)

    def validate_short_code(self, value: str) -> str:
        taken = CannedResponse.objects.filter(
            account=self.context["account"], short_code=value
        )
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(
                _("A canned response with this short code exists.")
            )
        return value
