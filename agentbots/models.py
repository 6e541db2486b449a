"""Agent bots, as Chatwoot has them: an account's bot (or one every account
may connect) with an outgoing URL for its events and an access token for the
API, connected to at most one bot per inbox."""

from django.db import models

from accounts.models import Account, Inbox
from common.tokens import new_token

# Every bot's token starts so: a request with another token (a user's) is
# told apart without asking the database.
BOT_TOKEN_PREFIX = "bot_"


def new_bot_token() -> str:
    """A fresh access token for an agent bot."""
    return BOT_TOKEN_PREFIX + new_token()


class AgentBot(models.Model):
    class BotType(models.TextChoices):
        WEBHOOK = "webhook"

    # None: a bot every account may connect, managed by the self-hoster.
    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    outgoing_url = models.URLField(max_length=2048, blank=True)
    bot_type = models.CharField(
        max_length=16, choices=BotType.choices, default=BotType.WEBHOOK
    )
    bot_config = models.JSONField(default=dict, blank=True)
    avatar_url = models.URLField(max_length=2048, blank=True)
    # The `api_access_token` the bot calls the Application API with.
    access_token = models.CharField(
        max_length=64, unique=True, default=new_bot_token, editable=False
    )
    # Signs the bot's event deliveries; shown once, at creation.
    secret = models.CharField(max_length=64, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AgentBotInbox(models.Model):
    """The bot that answers an inbox's conversations first."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        INACTIVE = "inactive"

    inbox = models.OneToOneField(
        Inbox, on_delete=models.CASCADE, related_name="agent_bot_inbox"
    )
    agent_bot = models.ForeignKey(
        AgentBot, on_delete=models.CASCADE, related_name="inboxes"
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.agent_bot} on {self.inbox}"
