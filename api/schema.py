"""OpenAPI schema pieces shared by every app's API."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers


class AccessTokenScheme(OpenApiAuthenticationExtension):
    """Documents the ``api_access_token`` header in the OpenAPI schema."""

    target_class = "api.authentication.AccessTokenAuthentication"
    name = "api_access_token"

    def get_security_definition(self, auto_schema) -> dict:
        # Chatwoot's spelling; onechat/requests.py reads it on every server.
        return {
            "type": "apiKey",
            "in": "header",
            "name": "api_access_token",
            "description": (
                "The user's access token (profile). api-access-token, with "
                "hyphens, is read as the same header."
            ),
        }


def payload_of(name: str, serializer) -> serializers.Serializer:
    """A schema component for ``{"payload": [<serializer>]}`` responses."""
    return inline_serializer(name, {"payload": serializer(many=True)})
