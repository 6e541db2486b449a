"""The website widget: the embed SDK, the chat page in its iframe, and the JSON
calls that page makes with the visitor's signed session token.

Every call names the inbox with ``?website_token=`` and the visitor with the
``X-Widget-Session`` header (see ``widget/sessions.py``).
"""

import gettext as gnu_gettext
import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import condition, require_GET
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import AccountUser, Inbox
from accounts.prechat import form_of
from accounts.selectors import inbox_agent_availability
from accounts.serializers import avatar_url
from common.errors import Conflict
from contacts.models import ContactInbox
from contacts.serializers import ContactSerializer
from contacts.services import (
    check_identity,
    identify_public_session,
    trigger_widget_event,
)
from continuity.services import request_transcript
from conversations import services
from conversations.attachments import attachment_rules
from conversations.models import Conversation, Message
from conversations.prechat import check_form_answered, start_pre_chat_conversation
from conversations.selectors import session_conversations
from conversations.serializers import (
    ConversationSerializer,
    MessageContentSerializer,
    MessageSerializer,
)
from routing.serializers import business_hours_payload
from widget.browsers import browser_details, browser_language, language_tag
from widget.contact_views import ContactSessionView
from widget.serializers import (
    ContactIdentitySerializer,
    ContactTypingSerializer,
    ConversationAttributesSerializer,
    LabelSerializer,
    PreChatConversationSerializer,
    SetUserSerializer,
    TranscriptSerializer,
    WidgetEventSerializer,
    conversation_queue,
)
from widget.sessions import (
    get_widget_inbox,
    issue_session_token,
    session_from_token,
    start_widget_session,
)
from widget.throttles import check_contact_creation, check_widget_event

SESSION_HEADER = "X-Widget-Session"
# The widget scripts' catalogues (djangojs), apart from the dashboard's so the
# widget page carries only its own words.
WIDGET_LOCALE = Path(__file__).parent / "locale"
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
        # The settings page's live preview: the same window, no session.
        config["preview"] = request.GET.get("preview") == "1"
        page_status = 200
    response = render(
        request,
        "widget/widget.html",
        {
            "config": config,
            "color": config.get("inbox", {}).get("color", "#1f93ff"),
            "stylesheet": static("widget/widget.css"),
            "script": static("widget/widget.js"),
            "catalogs": widget_catalogs(),
        },
        status=page_status,
    )
    response["Content-Security-Policy"] = WIDGET_CSP
    response["Referrer-Policy"] = "no-referrer"
    return response


@cache
def widget_catalogs() -> dict[str, dict[str, str | list[str]]]:
    """The widget scripts' words in every language it speaks but English:
    language tag ("fr", "pt-BR") -> msgid -> translation (a list of forms for a
    plural), as Django's JavaScriptCatalog gives them. The page embeds them all,
    as the visitor's language may change while it is open; built once, as the
    compiled catalogues do not change while the server runs."""
    catalogs = {}
    for code, _ in settings.LANGUAGES:
        locale = translation.to_locale(code)
        path = WIDGET_LOCALE / locale / "LC_MESSAGES" / "djangojs.mo"
        if path.exists():
            with path.open("rb") as compiled:
                messages = gnu_gettext.GNUTranslations(compiled)._catalog
            catalogs[locale.replace("_", "-")] = _catalog(messages)
    return catalogs


def _catalog(messages: dict) -> dict[str, str | list[str]]:
    """msgid -> translation from a compiled catalogue's messages, whose plural
    forms are keyed (msgid, index)."""
    catalog: dict[str, str | list[str]] = {}
    plurals: dict[str, dict[int, str]] = {}
    for key, text in messages.items():
        if isinstance(key, tuple):
            plurals.setdefault(key[0], {})[key[1]] = text
        elif key:
            catalog[key] = text
    for msgid, forms in plurals.items():
        catalog[msgid] = [forms.get(index, "") for index in range(max(forms) + 1)]
    return catalog


def _widget_config(inbox: Inbox) -> dict:
    agents = inbox_agent_availability(inbox=inbox)
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
            "locale": inbox.locale,
            "replyTime": inbox.reply_time,
            "avatarUrl": avatar_url(inbox),
            "darkMode": inbox.dark_mode,
            "preChatForm": form_of(inbox),
            "callsEnabled": inbox.calls_enabled,
            "visitorScreenSharing": inbox.visitor_screen_sharing,
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
    default_detail = gettext_lazy("This chat session is not valid; start a new one.")
    default_code = "invalid_session"


class WidgetView(ContactSessionView):
    """A widget call: the inbox from ``website_token``, the visitor's session from
    the signed header (required unless ``session_required`` is False)."""

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
            raise exceptions.NotFound(gettext("There is no conversation yet."))
        return conversation

    def message_data(self, message: Message) -> dict:
        return MessageSerializer(message, context=self.get_serializer_context()).data

    def session_data(self, session: ContactInbox) -> dict:
        self.session = session
        conversation = self.conversation()
        context = self.get_serializer_context()
        return {
            "session_token": issue_session_token(session),
            "pubsub_token": session.pubsub_token,
            "hmac_verified": session.hmac_verified,
            "contact": ContactSerializer(session.contact, context=context).data,
            "conversation": (
                ConversationSerializer(conversation, context=context).data
                if conversation
                else None
            ),
            # The visitor's place in line while the conversation waits.
            "queue": conversation_queue(conversation) if conversation else None,
            "business_hours": business_hours_payload(session.inbox, timezone.now()),
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
        check_contact_creation(request=request, inbox=self.inbox)
        session = start_widget_session(inbox=self.inbox)
        return Response(self.session_data(session))


class MessagesView(WidgetView):
    """``GET`` the conversation's messages (``before``/``after`` a message id);
    ``POST`` a message, which opens the conversation the first time."""

    def get(self, request: Request) -> Response:
        conversation = self.conversation()
        if conversation is None:
            return Response({"meta": {"has_more": False}, "payload": []})
        window = self.history(conversation)
        return Response(
            {
                "meta": {"has_more": window.has_more},
                "payload": [self.message_data(m) for m in window.messages],
            }
        )

    def post(self, request: Request) -> Response:
        data = self.validated(MessageContentSerializer)
        if self.inbox.pre_chat_form_enabled and self.conversation() is None:
            check_form_answered(contact_inbox=self.session)
        message = services.create_contact_message(contact_inbox=self.session, **data)
        return Response(self.message_data(message))


class MessageView(WidgetView):
    """``PATCH messages/<id>``: the visitor answers a question (an email
    prompt, a menu, a form, a survey, a card button)."""

    def patch(self, request: Request, message_id: int) -> Response:
        message = self.answer_question(self.required_conversation(), message_id)
        return Response(self.message_data(message))


class EmailPromptView(WidgetView):
    """``POST messages/<id>/email``: the visitor answers an ``input_email`` prompt."""

    def post(self, request: Request, message_id: int) -> Response:
        message = self.answer_email_prompt(self.required_conversation(), message_id)
        return Response(self.message_data(message))


class RequestEmailView(WidgetView):
    """``POST request_email``: ask for an email if nobody answered in time."""

    def post(self, request: Request) -> Response:
        message = services.request_email_when_unanswered(
            conversation=self.required_conversation()
        )
        if message is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(self.message_data(message))


class IdentifyView(WidgetView):
    """``POST contact/identify``: ``$onechat.setUser``, checked by HMAC. Answers
    with the session to continue with (a new one for another identified user).
    Without a session yet, the hash is checked before one is opened, so a
    refused identity leaves nothing behind."""

    session_required = False

    def post(self, request: Request) -> Response:
        identity = self.validated(SetUserSerializer)
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
        data = self.validated(ContactIdentitySerializer)
        session = identify_public_session(session=self.session, **data)
        return Response(
            ContactSerializer(
                session.contact, context=self.get_serializer_context()
            ).data
        )


class ConversationsView(WidgetView):
    """``POST conversations``: the visitor's pre-chat form answered, the
    conversation opens with them and the first message; answers with the
    session (its contact and conversation)."""

    def post(self, request: Request) -> Response:
        data = self.validated(PreChatConversationSerializer)
        if self.conversation() is not None:
            # The widget keeps one conversation per session.
            raise Conflict(gettext("This chat has a conversation already."))
        start_pre_chat_conversation(contact_inbox=self.session, **data)
        return Response(self.session_data(self.session))


class ConversationAttributesView(WidgetView):
    """``POST conversations/set_custom_attributes``:
    ``$onechat.setConversationCustomAttributes``, merged into the
    conversation's (a visitor adds, never wipes what agents set)."""

    def post(self, request: Request) -> Response:
        data = self.validated(ConversationAttributesSerializer)
        conversation = services.update_conversation(
            conversation=self.required_conversation(), **data
        )
        return Response({"custom_attributes": conversation.custom_attributes})


class LabelView(WidgetView):
    """``POST labels``: ``$onechat.setLabel``, one of the account's labels."""

    def post(self, request: Request) -> Response:
        conversation = self.required_conversation()
        title = self.validated(LabelSerializer)["label"]
        if not conversation.account.labels.filter(title=title).exists():
            raise exceptions.NotFound(
                gettext("There is no label %(title)r.") % {"title": title}
            )
        titles = [label.title for label in conversation.labels.all()]
        labels = services.set_labels(conversation=conversation, labels=[*titles, title])
        return Response({"labels": labels})


class TypingView(WidgetView):
    """``POST typing {typing_status}``: tell the agents the visitor is typing."""

    def post(self, request: Request) -> Response:
        data = self.validated(ContactTypingSerializer)
        conversation = self.conversation()
        if conversation is not None:
            services.set_typing(
                conversation=conversation,
                actor=self.session.contact,
                is_typing=data["typing_status"] == "on",
            )
        return Response(status=status.HTTP_204_NO_CONTENT)


class EndChatView(WidgetView):
    """``POST conversations/toggle_status``: the visitor ends the chat (Chatwoot's
    widget path); answers the conversation."""

    def post(self, request: Request) -> Response:
        conversation = services.end_chat(
            conversation=self.required_conversation(), contact=self.session.contact
        )
        return Response(
            ConversationSerializer(
                conversation, context=self.get_serializer_context()
            ).data
        )


class TranscriptView(WidgetView):
    """``POST conversations/transcript``: mail the visitor the transcript of
    their conversation, at the contact's email (an ``email`` sent must be
    that one: a visitor cannot mail others), in the widget's language;
    answers an empty 200 as Chatwoot does."""

    def post(self, request: Request) -> Response:
        conversation = self.required_conversation()
        data = self.validated(TranscriptSerializer)
        email = self.session.contact.email
        if data.get("email") and data["email"].lower() != email.lower():
            raise exceptions.ValidationError(
                {"email": [gettext("The transcript goes to the email you left.")]}
            )
        request_transcript(
            conversation=conversation,
            email=email,
            language=language_tag(request.query_params.get("locale", "")),
        )
        return Response()


class LastSeenView(WidgetView):
    """``POST last_seen``: the visitor has read the conversation up to now."""

    def post(self, request: Request) -> Response:
        conversation = self.conversation()
        if conversation is not None:
            services.mark_seen_by_contact(conversation=conversation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EventsView(WidgetView):
    """``POST events {name, event_info}``: the visitor opened the widget
    (``webwidget.triggered``). As Chatwoot does, the widget's ``event_info``
    (when it was opened, the page it was opened on) gains the widget's and
    the browser's language and what the browser is; answers 204."""

    def post(self, request: Request) -> Response:
        check_widget_event(request=request, session=self.session)
        data = self.validated(WidgetEventSerializer)
        event_info = {
            **data["event_info"],
            "widget_language": language_tag(request.query_params.get("locale", "")),
            "browser_language": browser_language(request),
            "browser": browser_details(request),
        }
        trigger_widget_event(contact_inbox=self.session, event_info=event_info)
        return Response(status=status.HTTP_204_NO_CONTENT)
