"""An agent bot's ``api_access_token``: the bot acts as itself, in its inboxes."""

from rest_framework import authentication, exceptions

from agentbots.models import AgentBot
from agentbots.selectors import bot_by_token

TOKEN_HEADER = "HTTP_API_ACCESS_TOKEN"


class BotCaller:
    """The caller of a request made with a bot's token: signed in as the bot,
    a member of no account (every account-scoped permission refuses it)."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    pk = None

    def __init__(self, bot: AgentBot) -> None:
        self.bot = bot

    def __str__(self) -> str:
        return f"agent bot {self.bot.pk}"


class BotTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate by an agent bot's access token in ``api_access_token``."""

    def authenticate(self, request):
        token = request.META.get(TOKEN_HEADER)
        if token is None:
            return None
        bot = bot_by_token(token=token)
        if bot is None:
            raise exceptions.AuthenticationFailed("Invalid Access Token")
        return (BotCaller(bot), bot)

    def authenticate_header(self, request) -> str:
        return "api_access_token"
