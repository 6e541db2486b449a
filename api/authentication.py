"""The Application API's ``api_access_token`` header authentication."""

from rest_framework import authentication, exceptions

from accounts.models import User


class AccessTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate by the ``api_access_token`` header (each user's access token)."""

    header = "HTTP_API_ACCESS_TOKEN"

    def authenticate(self, request):
        token = request.META.get(self.header)
        if token is None:
            return None
        user = User.objects.filter(access_token=token, is_active=True).first()
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid Access Token")
        return (user, None)

    def authenticate_header(self, request) -> str:
        return "api_access_token"
