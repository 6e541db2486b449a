from django.apps import AppConfig


class CannedResponsesConfig(AppConfig):
    name = "cannedresponses"
    verbose_name = "Canned responses"
