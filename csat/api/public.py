"""The public survey API (Chatwoot's ``public/api/v1/csat_survey/<conversation
uuid>``) the survey page calls. The conversation's uuid in the path is the
credential, as in Chatwoot."""

from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api.permissions import CONTACT_SESSION
from api.views import BaseAPIView
from csat import selectors, services
from csat.serializers import PublicSurveySerializer, SurveyAnswerSerializer


class PublicSurveyView(BaseAPIView):
    """A conversation's survey: read it, answer it (a change within 14 days)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    # The uuid in the path names the contact's conversation.
    capability = CONTACT_SESSION
    serializer_class = PublicSurveySerializer

    @extend_schema(responses=PublicSurveySerializer)
    def get(self, request, conversation_uuid: UUID):
        message = selectors.get_survey(conversation_uuid=conversation_uuid)
        return Response(self.get_serializer(message).data)

    @extend_schema(request=SurveyAnswerSerializer, responses=PublicSurveySerializer)
    def put(self, request, conversation_uuid: UUID):
        message = selectors.get_survey(conversation_uuid=conversation_uuid)
        data = self.validated(SurveyAnswerSerializer)
        services.answer_survey(
            message=message, submitted_values=data["message"]["submitted_values"]
        )
        message = selectors.get_survey(conversation_uuid=conversation_uuid)
        return Response(self.get_serializer(message).data)

    patch = put
