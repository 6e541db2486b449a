"""Application API routes of CSAT survey responses (under accounts/<id>/)."""

from django.urls import path

from csat.api import views

urlpatterns = [
    path(
        "csat_survey_responses",
        views.CsatSurveyResponseListView.as_view(),
        name="csat-survey-responses",
    ),
    path(
        "csat_survey_responses/metrics",
        views.CsatMetricsView.as_view(),
        name="csat-survey-metrics",
    ),
    path(
        "csat_survey_responses/download",
        views.CsatDownloadView.as_view(),
        name="csat-survey-download",
    ),
]
