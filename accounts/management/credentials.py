"""The email and password that the user-creating commands read, checked once."""

import getpass
import os
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email

from accounts.models import User

PASSWORD_VARIABLE = "ONECHAT_ADMIN_PASSWORD"
PASSWORD_HELP = (
    f"Visible in the process list and shell history; prefer ${PASSWORD_VARIABLE} "
    "or the prompt."
)


def read_email(given: str) -> str:
    """``given`` lowercased; a ``CommandError`` unless it is an email address."""
    email = given.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise CommandError(f"Not an email address: {email!r}") from error
    return email


def read_password(given: str | None, *, email: str, name: str) -> str:
    """The password from the option, ``$ONECHAT_ADMIN_PASSWORD`` or a prompt,
    checked by the password validators."""
    password = given or os.environ.get(PASSWORD_VARIABLE)
    if not password:
        if not sys.stdin.isatty():
            raise CommandError(
                f"No password: pass --password, set ${PASSWORD_VARIABLE} or run "
                "the command in a terminal."
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
    try:
        validate_password(password, User(email=email, name=name))
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error
    return password
