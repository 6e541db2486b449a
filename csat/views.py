"""The survey link's page: a contact rates a conversation without the widget,
through the public survey API (``csat.api.public``). The conversation's uuid
in the path is the credential, as in Chatwoot."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.language import respond_in_readers_language
from csat import selectors
from csat.serializers import PublicSurveySerializer

RATINGS = (1, 2, 3, 4, 5)
EMOJI = {1: "😞", 2: "😑", 3: "😐", 4: "😀", 5: "😍"}


def survey_page(request: HttpRequest, conversation_uuid: UUID) -> HttpResponse:
    """The survey page, in the reader's language; a 404 page without a survey."""

    def draw() -> HttpResponse:
        message = selectors.get_survey(conversation_uuid=conversation_uuid)
        survey = PublicSurveySerializer(message, context={"request": request}).data
        answer = survey["csat_survey_response"] or {}
        emoji = survey["display_type"] == "emoji"
        choices = [
            {"value": value, "face": EMOJI[value] if emoji else "★"}
            for value in RATINGS
        ]
        return render(
            request,
            "csat/survey.html",
            {
                "survey": survey,
                "choices": choices,
                "rating": answer.get("rating"),
                "feedback": answer.get("feedback_message", ""),
                "star": not emoji,
                "conversation_uuid": conversation_uuid,
            },
        )

    return respond_in_readers_language(request, draw)
