"""Wire shapes of agent chats and their messages, shared by REST and /cable."""

from rest_framework import serializers

from accounts.serializers import id_field
from agentchat.capabilities import chat_capabilities
from agentchat.models import AgentChat, AgentChatMessage
from common.fields import EpochField


class ChatMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    available_name = serializers.CharField()
    thumbnail = serializers.CharField(source="avatar_url")


class AgentChatSerializer(serializers.ModelSerializer):
    """A chat; ``unread_count`` only where the reader's count was loaded (REST)."""

    conversation_id = serializers.SerializerMethodField()
    participants = ChatMemberSerializer(source="members", many=True)
    capabilities = serializers.SerializerMethodField()
    created_at = EpochField()
    last_activity_at = EpochField()

    class Meta:
        model = AgentChat
        fields = [
            "id",
            "account_id",
            "topic",
            "state",
            "conversation_id",
            "participants",
            "capabilities",
            "created_at",
            "last_activity_at",
        ]

    def get_conversation_id(self, chat: AgentChat) -> int | None:
        return chat.conversation.display_id if chat.conversation_id else None

    def get_capabilities(self, chat: AgentChat) -> list[str]:
        return chat_capabilities(chat)

    def to_representation(self, chat: AgentChat) -> dict:
        data = super().to_representation(chat)
        if hasattr(chat, "unread_count"):
            data["unread_count"] = chat.unread_count
        return data


class AgentChatMessageSerializer(serializers.ModelSerializer):
    chat_id = serializers.IntegerField()
    account_id = serializers.IntegerField(source="chat.account_id")
    sender = ChatMemberSerializer(allow_null=True)
    created_at = EpochField()

    class Meta:
        model = AgentChatMessage
        fields = ["id", "chat_id", "account_id", "content", "sender", "created_at"]


class ChatCreateSerializer(serializers.Serializer):
    """``POST agent_chats``: the other agents, a topic, a conversation it is about."""

    user_ids = serializers.ListField(
        child=id_field(), min_length=1, max_length=AgentChat.MAX_MEMBERS - 1
    )
    topic = serializers.CharField(max_length=255, required=False, default="")
    conversation_id = id_field(required=False)


class ChatMessageCreateSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=10_000)


class ChatMessageQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=200, required=False, default="")
    before = id_field(required=False)


class ChatTypingSerializer(serializers.Serializer):
    typing_status = serializers.ChoiceField(choices=["on", "off"])
