"""Wire shapes of agent bots (Chatwoot's ``_agent_bot.json.jbuilder``) and
what their writes accept."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers

from agentbots.models import AgentBot
from conversations.serializers import JSONObjectField
from linkpreviews.addresses import is_public


class AgentBotSerializer(serializers.ModelSerializer):
    """A bot as Chatwoot shows it. ``access_token`` only to an account's
    administrators, for the account's own bots (context ``show_token``);
    ``secret`` only in the answer that created the bot (``show_secret``)."""

    thumbnail = serializers.CharField(source="avatar_url")
    system_bot = serializers.SerializerMethodField()

    class Meta:
        model = AgentBot
        fields = [
            "id",
            "name",
            "description",
            "thumbnail",
            "outgoing_url",
            "bot_type",
            "bot_config",
            "account_id",
            "system_bot",
        ]

    def get_system_bot(self, bot: AgentBot) -> bool:
        return bot.account_id is None

    def to_representation(self, bot: AgentBot) -> dict:
        data = super().to_representation(bot)
        if self.context.get("show_token") and bot.account_id is not None:
            data["access_token"] = bot.access_token
        if self.context.get("show_secret"):
            data["secret"] = bot.secret
        return data


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Networks a bot's or webhook's URL may reach although they are not public
    (``WEBHOOK_ALLOWED_NETWORKS``; none by default)."""
    return [
        ipaddress.ip_network(network, strict=False)
        for network in getattr(settings, "ONECHAT_WEBHOOK_ALLOWED_NETWORKS", [])
    ]


def check_outgoing_url(url: str) -> str:
    """``url`` if events may be sent there: http(s), and a host whose every
    address is public or in an allowed network. A name that does not resolve
    now passes (each delivery checks its addresses again)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise serializers.ValidationError(_("Enter an http or https URL."))
    try:
        addresses = [ipaddress.ip_address(parts.hostname)]
    except ValueError:
        try:
            found = socket.getaddrinfo(parts.hostname, None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            found = []
        addresses = [
            ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found
        ]
    networks = allowed_networks()
    for address in addresses:
        if not is_public(address) and not any(
            address in network for network in networks
        ):
            raise serializers.ValidationError(
                _("This URL points at an address inside the network.")
            )
    return url


class AgentBotInputSerializer(serializers.Serializer):
    """``POST``/``PATCH agent_bots``: name, description, outgoing URL, avatar
    URL and config (``bot_type`` is always ``webhook``, Chatwoot's 0)."""

    name = serializers.CharField(max_length=255)
    description = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )
    outgoing_url = serializers.URLField(max_length=2048, required=False)
    avatar_url = serializers.URLField(max_length=2048, required=False, allow_blank=True)
    # Chatwoot's 0, or its name: webhook, the one type there is.
    bot_type = serializers.CharField(max_length=16, required=False)
    bot_config = JSONObjectField(required=False)

    def validate_outgoing_url(self, value: str) -> str:
        return check_outgoing_url(value)

    def validate_avatar_url(self, value: str) -> str:
        if value and urlsplit(value).scheme not in ("http", "https"):
            raise serializers.ValidationError(_("Enter an http or https URL."))
        return value

    def validate_bot_type(self, value: str) -> str:
        if value not in ("0", AgentBot.BotType.WEBHOOK):
            raise serializers.ValidationError(_("The only bot type is webhook."))
        return AgentBot.BotType.WEBHOOK


class SetAgentBotSerializer(serializers.Serializer):
    """``POST inboxes/<id>/set_agent_bot``: a bot's id, or null to disconnect."""

    agent_bot = serializers.IntegerField(allow_null=True, min_value=1)
