"""The website widget: the embed SDK, the chat page in its iframe, and the JSON
calls that page makes with the visitor's signed session token.

Every call names the inbox with ``?website_token=`` and the visitor with the
``X-Widget-Session`` header (see ``contacts/widget_sessions.py``).
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import condition, require_GET
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from contacts.models import ContactInbox
from contacts.serializers import ContactSerializer
from contacts.services import check_identity, identify_public_session
from contacts.widget_sessions import (
    get_widget_inbox,
    issue_session_token,
    session_from_token,
    start_widget_session,
)
from conversations import services
from conversations.models import Conversation, Message
from conversations.selectors import (
    get_message,
    message_window,
    session_conversations,
    visible_to_contact,
)
from conversations.serializers import ConversationSerializer, MessageSerializer
from conversations.widget_serializers import (
    CustomAttributesSerializer,
    EmailSerializer,
    IdentitySerializer,
    LabelSerializer,
    MessageCursorSerializer,
    TypingSerializer,
    WidgetMessageSerializer,
    attachment_rules,
)
from onechat.models import AccountUser, Inbox

SESSION_HEADER = "X-Widget-Session"
SDK_PATH = "widget/sdk.js"
# The widget page only runs OneChat's own scripts and styles, so a message that
# slipped markup past the renderer still could not run anything.
WIDGET_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob: https:; media-src 'self' blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)


### Pages


def _sdk_file() -> Path:
    found = finders.find(SDK_PATH)
    if not found:
        raise Http404("SDK not found")
    return Path(found)


def _sdk_etag(request: HttpRequest) -> str:
    return hashlib.sha256(_sdk_file().read_bytes()).hexdigest()[:32]


@require_GET
@condition(etag_func=_sdk_etag)
def sdk_script(request: HttpRequest) -> HttpResponse:
    """``/packs/js/sdk.js``: the embed SDK, cached by browsers for an hour."""
    response = HttpResponse(
        _sdk_file().read_bytes(), content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=3600, stale-while-revalidate=86400"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@xframe_options_exempt
def widget_page(request: HttpRequest) -> HttpResponse:
    """``/widget?website_token=...``: the chat window the SDK puts in its iframe."""
    try:
        inbox = get_widget_inbox(website_token=request.GET.get("website_token", ""))
    except Http404:
        config = {"error": "This chat is not available."}
        page_status = 404
    else:
        config = _widget_config(inbox)
        page_status = 200
    response = render(
        request,
        "widget/widget.html",
        {
            "config": config,
            "color": config.get("inbox", {}).get("color", "#1f93ff"),
            "stylesheet": static("widget/widget.css"),
            "script": static("widget/widget.js"),
        },
        status=page_status,
    )
    response["Content-Security-Policy"] = WIDGET_CSP
    response["Referrer-Policy"] = "no-referrer"
    return response


def _widget_config(inbox: Inbox) -> dict:
    # The inbox's members and the account's administrators: who answers here.
    agents = list(
        AccountUser.objects.filter(account_id=inbox.account_id, user__is_active=True)
        .filter(Q(user__inboxes=inbox) | Q(role=AccountUser.Role.ADMINISTRATOR))
        .values_list("user_id", "availability")
    )
    return {
        "websiteToken": inbox.website_token,
        "apiBase": "/api/v1/widget",
        "cablePath": "/cable",
        "inbox": {
            "name": inbox.name,
            "color": inbox.widget_color,
            "welcomeTitle": inbox.welcome_title,
            "welcomeTagline": inbox.welcome_tagline,
            "greeting": inbox.greeting_message if inbox.greeting_enabled else "",
            "emailCollect": inbox.email_collect_enabled,
            "hmacMandatory": inbox.hmac_mandatory,
        },
        # presence.update lists the whole account; the widget counts these.
        "agentIds": sorted({str(user_id) for user_id, _ in agents}),
        # The first guess until presence.update answers: one chose "online".
        "agentsOnline": any(
            availability == AccountUser.Availability.ONLINE
            for _, availability in agents
        ),
        "attachments": attachment_rules(),
        "emailCollectDelaySeconds": settings.ONECHAT_EMAIL_COLLECT_DELAY_SECONDS,
    }


### JSON calls


class InvalidSession(exceptions.APIException):
    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = "This chat session is not valid; start a new one."
    default_code = "invalid_session"


class WidgetView(APIView):
    """A widget call: the inbox from ``website_token``, the visitor's session from
    the signed header (required unless ``session_required`` is False)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    session_required = True

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        try:
            self.inbox = get_widget_inbox(
                website_token=request.query_params.get("website_token", "")
            )
        except Http404 as error:
            raise exceptions.NotFound(str(error)) from error
        self.session = session_from_token(
            inbox=self.inbox, token=request.headers.get(SESSION_HEADER)
        )
        if self.session is None and self.session_required:
            raise InvalidSession()

    def conversation(self) -> Conversation | None:
        """The session's conversation, None before the first message."""
        return session_conversations(session=self.session).first()

    def required_conversation(self) -> Conversation:
        conversation = self.conversation()
        if conversation is None:
            raise exceptions.NotFound("There is no conversation yet.")
        return conversation

    def context(self) -> dict:
        return {"request": self.request, "contact_inbox": self.session}

    def message_data(self, message: Message) -> dict:
        return MessageSerializer(message, context=self.context()).data

    def session_data(self, session: ContactInbox) -> dict:
        self.session = session
        conversation = self.conversation()
        return {
            "session_token": issue_session_token(session),
            "pubsub_token": session.pubsub_token,
            "hmac_verified": session.hmac_verified,
            "contact": ContactSerializer(session.contact, context=self.context()).data,
            "conversation": (
                ConversationSerializer(conversation, context=self.context()).data
                if conversation
                else None
            ),
        }


class SessionView(WidgetView):
    """``GET`` resumes the visitor's session (401 when the token is not valid);
    ``POST`` resumes it or starts a new one for a new visitor."""

    session_required = False

    def get(self, request: Request) -> Response:
        if self.session is None:
            raise InvalidSession()
        return Response(self.session_data(self.session))

    def post(self, request: Request) -> Response:
        if self.session is not None:
            return Response(self.session_data(self.session))
        session = start_widget_session(inbox=self.inbox)
        return Response(self.session_data(session), status=status.HTTP_201_CREATED)


class MessagesView(WidgetView):
    """``GET`` the conversation's messages (``before``/``after`` a message id);
    ``POST`` a message, which opens the conversation the first time."""

    def get(self, request: Request) -> Response:
        cursor = MessageCursorSerializer(data=request.query_params)
        cursor.is_valid(raise_exception=True)
        conversation = self.conversation()
        if conversation is None:
            return Response({"meta": {"has_more": False}, "payload": []})
        window = message_window(
            visible_to_contact(conversation.messages.all()), **cursor.validated_data
        )
        return Response(
            {
                "meta": {"has_more": window.has_more},
                "payload": [self.message_data(m) for m in window.messages],
            }
        )

    def post(self, request: Request) -> Response:
        # A JSON body that is not an object carries no message at all.
        fields = request.data if hasattr(request.data, "get") else {}
        data = {
            "content": fields.get("content", ""),
            "echo_id": fields.get("echo_id", ""),
            "attachments": request.FILES.getlist("attachments[]"),
        }
        serializer = WidgetMessageSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        message = services.create_contact_message(
            contact_inbox=self.session, **serializer.validated_data
        )
        return Response(self.message_data(message), status=status.HTTP_201_CREATED)


class EmailPromptView(WidgetView):
    """``POST messages/<id>/email``: the visitor answers an ``input_email`` prompt."""

    def post(self, request: Request, message_id: int) -> Response:
        serializer = EmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = get_message(
            conversation=self.required_conversation(), message_id=message_id
        )
        if message.content_type != Message.ContentType.INPUT_EMAIL:
            raise exceptions.NotFound("This message does not ask for an email.")
        message = services.submit_email(
            message=message, email=serializer.validated_data["email"]
        )
        return Response(self.message_data(message))


class RequestEmailView(WidgetView):
    """``POST request_email``: ask for an email if nobody answered in time."""

    def post(self, request: Request) -> Response:
        message = services.request_email_when_unanswered(
            conversation=self.required_conversation()
        )
        if message is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(self.message_data(message), status=status.HTTP_201_CREATED)


class IdentifyView(WidgetView):
    """``POST contact/identify``: ``$onechat.setUser``, checked by HMAC. Answers
    with the session to continue with (a new one for another identified user).
    Without a session yet, the hash is checked before one is opened, so a
    refused identity leaves nothing behind."""

    session_required = False

    def post(self, request: Request) -> Response:
        serializer = IdentitySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        identity = serializer.validated_data
        session = self.session
        if session is None:
            check_identity(
                inbox=self.inbox,
                identifier=identity["identifier"],
                claimed_hash=identity.get("identifier_hash"),
            )
            session = start_widget_session(inbox=self.inbox)
        session = identify_public_session(session=session, **identity)
        return Response(self.session_data(session))


class CustomAttributesView(WidgetView):
    """``POST contact/custom_attributes``: ``$onechat.setCustomAttributes``."""

    def post(self, request: Request) -> Response:
        serializer = CustomAttributesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = identify_public_session(
            session=self.session, **serializer.validated_data
        )
        return Response(ContactSerializer(session.contact, context=self.context()).data)


class LabelView(WidgetView):
    """``POST labels``: ``$onechat.setLabel``, one of the account's labels."""

    def post(self, request: Request) -> Response:
        serializer = LabelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        conversation = self.required_conversation()
        title = serializer.validated_data["label"]
        if not conversation.account.labels.filter(title=title).exists():
            raise exceptions.NotFound(f"There is no label {title!r}.")
        titles = [label.title for label in conversation.labels.all()]
        labels = services.set_labels(conversation=conversation, labels=[*titles, title])
        return Response({"labels": labels})


class TypingView(WidgetView):
    """``POST typing {typing_status}``: tell the agents the visitor is typing."""

    def post(self, request: Request) -> Response:
        serializer = TypingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        conversation = self.conversation()
        if conversation is not None:
            services.set_typing(
                conversation=conversation,
                actor=self.session.contact,
                is_typing=serializer.validated_data["typing_status"] == "on",
            )
        return Response(status=status.HTTP_204_NO_CONTENT)


class LastSeenView(WidgetView):
    """``POST last_seen``: the visitor has read the conversation up to now."""

    def post(self, request: Request) -> Response:
        conversation = self.conversation()
        if conversation is not None:
            services.mark_seen_by_contact(conversation=conversation)
        return Response(status=status.HTTP_204_NO_CONTENT)
