from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Accounts, their users and roles, inboxes and teams."""

    name = "accounts"

    def ready(self) -> None:
        from accounts import receivers

        receivers.connect()
