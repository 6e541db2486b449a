"""The self-hoster's view of agent bots: a bot without an account is one
every account may connect, made here."""

from django.contrib import admin

from agentbots.models import AgentBot, AgentBotInbox


class AgentBotInboxInline(admin.TabularInline):
    model = AgentBotInbox
    extra = 0
    raw_id_fields = ["inbox"]


@admin.register(AgentBot)
class AgentBotAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "account", "outgoing_url"]
    search_fields = ["name", "outgoing_url"]
    raw_id_fields = ["account"]
    inlines = [AgentBotInboxInline]
