from rest_framework import serializers

from linkpreviews.models import LinkPreview


class LinkPreviewSerializer(serializers.ModelSerializer):
    """A message's ``content_attributes.link_preview``: ``url`` is the link as
    the message wrote it (what the title links to), the rest what its page said.
    ``image_url`` is kept for integrators; OneChat's front ends do not load it."""

    class Meta:
        model = LinkPreview
        fields = [
            "url",
            "title",
            "description",
            "image_url",
            "site_name",
            "canonical_url",
        ]
