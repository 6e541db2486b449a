"""Requests made with an agent bot's token reach only the bot's routes.

Chatwoot lets a bot's token call a few endpoints of the Application API; the
rest refuse it. Here a request whose ``api_access_token`` is a bot's is
served by ``agentbots.api.bot_urls`` instead of the view its path names: a
bot's own views, which know the bot and its inboxes, and a JSON refusal for
every other path. The agents' views never see a bot.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import SimpleTemplateResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from agentbots.api.authentication import TOKEN_HEADER
from agentbots.models import BOT_TOKEN_PREFIX, AgentBot

BOT_URLCONF = "agentbots.api.bot_urls"


class AgentBotRoutesMiddleware:
    """Serve a bot's requests from the bot's routes. Last in the chain, and in
    ``__call__`` rather than ``process_view``: under ASGI each ``process_view``
    hook costs a hop to a worker thread of its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.bot_response(request) or self.get_response(request)

    def bot_response(self, request: HttpRequest) -> HttpResponse | None:
        """The bot's route's answer when the request carries a bot's token."""
        token = request.META.get(TOKEN_HEADER)
        if not (token or "").startswith(BOT_TOKEN_PREFIX):
            return None
        if not request.path_info.startswith("/api/"):
            return None
        if not AgentBot.objects.filter(access_token=token).exists():
            return None
        try:
            match = resolve(request.path_info, urlconf=BOT_URLCONF)
        except Resolver404:
            return JsonResponse(
                {"error": _("An agent bot's access token may not do this.")},
                status=401,
            )
        request.resolver_match = match
        response = match.func(request, *match.args, **match.kwargs)
        # Django renders a view's template response after the view; here the
        # bot's view is called before that step.
        if isinstance(response, SimpleTemplateResponse):
            response.render()
        return response
