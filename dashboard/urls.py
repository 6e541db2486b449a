"""The agent dashboard's pages: sign in at ``/``, the app under ``/app/``."""

from django.urls import path

from dashboard import views

account = "app/accounts/<int:account_id>/"

urlpatterns = [
    path("", views.home, name="dashboard-home"),
    path("sign-out", views.sign_out, name="dashboard-sign-out"),
    path("switch-account", views.switch_account, name="dashboard-switch-account"),
    path(
        "invitations/<int:invitation_id>",
        views.answer_invitation,
        name="dashboard-answer-invitation",
    ),
    path("invitations/join/<str:key>", views.join, name="dashboard-join"),
    path(
        f"{account}conversations",
        views.conversations,
        name="dashboard-conversations",
    ),
    path(
        f"{account}conversations/<int:conversation_id>",
        views.conversations,
        name="dashboard-conversation",
    ),
    path(f"{account}contacts", views.contacts, name="dashboard-contacts"),
    path(
        f"{account}contacts/<int:contact_id>",
        views.contacts,
        name="dashboard-contact",
    ),
    path(f"{account}queue", views.queue, name="dashboard-queue"),
    path(f"{account}reports", views.reports, name="dashboard-reports"),
    # Before any ``reports/<section>`` route: the CSAT report is a page of its own.
    path(f"{account}reports/csat", views.csat_report, name="dashboard-csat-report"),
    path(
        f"{account}reports/<str:section>",
        views.reports,
        name="dashboard-reports-section",
    ),
    path(f"{account}profile", views.profile, name="dashboard-profile"),
    path(f"{account}settings", views.account_settings, name="dashboard-settings"),
    path(
        f"{account}settings/<str:section>",
        views.account_settings,
        name="dashboard-settings-section",
    ),
]
