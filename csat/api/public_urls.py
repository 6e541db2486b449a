"""The survey link's routes: the public survey API and the survey page."""

from django.urls import path

from csat import views
from csat.api import public

urlpatterns = [
    path(
        "public/api/v1/csat_survey/<uuid:conversation_uuid>",
        public.PublicSurveyView.as_view(),
        name="csat-survey",
    ),
    path(
        "survey/responses/<uuid:conversation_uuid>",
        views.survey_page,
        name="csat-survey-page",
    ),
]
