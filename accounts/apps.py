from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Accounts, their users and roles, inboxes and teams."""

    name = "accounts"
