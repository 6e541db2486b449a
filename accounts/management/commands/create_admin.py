from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.management.credentials import (
    PASSWORD_HELP,
    PASSWORD_VARIABLE,
    read_email,
    read_password,
)
from accounts.models import Account, AccountUser, User


class Command(BaseCommand):
    help = (
        "Create an account and its first administrator. The administrator "
        "manages that account in the dashboard, not the installation: only "
        f"operators (create_operator) open /admin/. The password comes from "
        f"--password, ${PASSWORD_VARIABLE} or a prompt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--account-name", required=True)
        parser.add_argument("--name", help="Display name (default: from the email).")
        parser.add_argument("--password", help=PASSWORD_HELP)

    def handle(self, *args, **options) -> None:
        email = read_email(options["email"])
        if User.objects.filter(email=email).exists():
            raise CommandError(f"A user with the email {email} already exists.")
        account_name = options["account_name"].strip()
        if not account_name:
            raise CommandError("The account name must not be empty.")
        name = options["name"] or email.split("@")[0]
        password = read_password(options["password"], email=email, name=name)

        with transaction.atomic():
            account = Account.objects.create(name=account_name)
            user = User.objects.create_user(email, password, name=name)
            AccountUser.objects.create(
                account=account, user=user, role=AccountUser.Role.ADMINISTRATOR
            )
        self.stdout.write(
            f"Created account {account.id} ({account.name}) with administrator "
            f"{user.email}."
        )
