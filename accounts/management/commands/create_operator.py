from django.core.management.base import BaseCommand, CommandParser

from accounts.management.credentials import (
    PASSWORD_HELP,
    PASSWORD_VARIABLE,
    read_email,
    read_password,
)
from accounts.models import User


class Command(BaseCommand):
    help = (
        "Name an operator of this installation: a user who opens /admin/ and "
        "there sees every account. An existing user (an account's administrator, "
        "say) is promoted and keeps their password; a new one gets the password "
        f"from --password, ${PASSWORD_VARIABLE} or a prompt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", help="Display name (default: from the email).")
        parser.add_argument("--password", help=PASSWORD_HELP)

    def handle(self, *args, **options) -> None:
        email = read_email(options["email"])
        user = User.objects.filter(email=email).first()
        if user is None:
            name = options["name"] or email.split("@")[0]
            password = read_password(options["password"], email=email, name=name)
            user = User.objects.create_superuser(email, password, name=name)
            self.stdout.write(f"Created operator {user.email}; they open /admin/.")
            return
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
        self.stdout.write(f"{user.email} is now an operator; they open /admin/.")
