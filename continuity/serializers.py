"""Continuity's wire shapes."""

from rest_framework import serializers


class TranscriptRequestSerializer(serializers.Serializer):
    """``POST conversations/<id>/transcript``: the address to mail it to."""

    email = serializers.EmailField(max_length=255)
