"""The base of every view a contact session calls, whichever API it comes by.

The public client API finds the session from its path (inbox identifier and
``source_id``), the widget API from its signed session token; from there both
share one set of input serializers (``widget/serializers.py``), these helpers
and the services they call.
"""

from rest_framework.permissions import AllowAny

from api.permissions import CONTACT_SESSION
from api.views import BaseAPIView
from contacts.models import ContactInbox
from conversations import answers, selectors, services
from conversations.models import Conversation, Message
from conversations.serializers import MessageListQuerySerializer
from widget.serializers import AnswerSerializer, EmailAnswerSerializer


class ContactSessionView(BaseAPIView):
    """A view acting for one contact session (``self.session``), no credentials."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    # The path's or the token's session is the credential: each view finds it.
    capability = CONTACT_SESSION
    session: ContactInbox | None = None

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if self.session is not None:
            context["contact_inbox"] = self.session
        return context

    def history(self, conversation: Conversation) -> selectors.MessageWindow:
        """The page of messages the contact sees that the query's cursor names."""
        cursor = self.validated(
            MessageListQuerySerializer, data=self.request.query_params
        )
        return selectors.message_window(
            conversation.messages.visible_to_contact(), **cursor
        )

    def answer_question(self, conversation: Conversation, message_id: int) -> Message:
        """Record the contact's answer to a question of its conversation
        (``PATCH …/messages/<id>``): the email of an ``input_email`` prompt, or
        the ``submitted_values`` of a menu, form, survey or card button."""
        question = selectors.get_contact_question(
            conversation=conversation, message_id=message_id
        )
        if question.content_type == Message.ContentType.INPUT_EMAIL:
            data = self.validated(EmailAnswerSerializer)
            return services.submit_email(
                message=question, email=data["submitted_email"]
            )
        data = self.validated(AnswerSerializer)
        return answers.answer_question(
            question=question,
            contact=conversation.contact,
            submitted_values=data["submitted_values"],
        )

    def answer_email_prompt(
        self, conversation: Conversation, message_id: int
    ) -> Message:
        """Record the email the contact typed into an ``input_email`` message."""
        data = self.validated(EmailAnswerSerializer)
        message = selectors.get_email_prompt(
            conversation=conversation, message_id=message_id
        )
        return services.submit_email(message=message, email=data["submitted_email"])
