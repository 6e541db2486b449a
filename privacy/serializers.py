"""Inputs of the privacy API: an import's file, an export's columns and
filter."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers

from privacy.exports import COLUMNS


class ImportFileSerializer(serializers.Serializer):
    """``POST contacts/import`` and its preview: Chatwoot's ``import_file``."""

    import_file = serializers.FileField()

    def validate_import_file(self, value):
        if value.size > settings.ONECHAT_CONTACT_IMPORT_MAX_BYTES:
            raise serializers.ValidationError(
                _("The file is larger than %(size)s bytes.")
                % {"size": settings.ONECHAT_CONTACT_IMPORT_MAX_BYTES}
            )
        return value


class ExportInputSerializer(serializers.Serializer):
    """``POST contacts/export``: Chatwoot's ``column_names``, and OneChat's
    filter: contacts matching ``q`` or having the label ``label``."""

    column_names = serializers.ListField(
        child=serializers.ChoiceField(choices=COLUMNS), required=False
    )
    q = serializers.CharField(max_length=255, required=False, allow_blank=True)
    label = serializers.CharField(max_length=255, required=False, allow_blank=True)


class ImportRowErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class ImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    action = serializers.ChoiceField(choices=["create", "update"])
    contact_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    phone_number = serializers.CharField(allow_null=True)
    identifier = serializers.CharField(allow_null=True)
    custom_attributes = serializers.DictField()
    labels = serializers.ListField(child=serializers.CharField())


class ImportPlanSerializer(serializers.Serializer):
    """The preview of an import: the rows it would write and every error."""

    rows = ImportRowSerializer(many=True)
    errors = ImportRowErrorSerializer(many=True)
    create_count = serializers.IntegerField()
    update_count = serializers.IntegerField()
