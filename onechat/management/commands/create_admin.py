import getpass
import os
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from onechat.models import Account, AccountUser, User

PASSWORD_VARIABLE = "ONECHAT_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create an account and its first administrator, who can also open the "
        f"Django admin. The password comes from --password, ${PASSWORD_VARIABLE} "
        "or a prompt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--account-name", required=True)
        parser.add_argument("--name", help="Display name (default: from the email).")
        parser.add_argument(
            "--password",
            help=f"Visible in the process list and shell history; prefer "
            f"${PASSWORD_VARIABLE} or the prompt.",
        )

    def handle(self, *args, **options) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        if User.objects.filter(email=email).exists():
            raise CommandError(f"A user with the email {email} already exists.")
        account_name = options["account_name"].strip()
        if not account_name:
            raise CommandError("The account name must not be empty.")
        name = options["name"] or email.split("@")[0]
        password = self.read_password(options["password"])
        try:
            validate_password(password, User(email=email, name=name))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

        with transaction.atomic():
            account = Account.objects.create(name=account_name)
            user = User.objects.create_superuser(email, password, name=name)
            AccountUser.objects.create(
                account=account, user=user, role=AccountUser.Role.ADMINISTRATOR
            )
        self.stdout.write(
            f"Created account {account.id} ({account.name}) with administrator "
            f"{user.email}."
        )

    def read_password(self, given: str | None) -> str:
        """The password from the option, the environment or a prompt."""
        password = given or os.environ.get(PASSWORD_VARIABLE)
        if password:
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                f"No password: pass --password, set ${PASSWORD_VARIABLE} or run "
                "the command in a terminal."
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return password
