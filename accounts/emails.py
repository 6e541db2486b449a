"""The emails OneChat sends people: today the invitation to an account."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Invitation


def invitation_language(invitation: Invitation) -> str:
    """The language of an invitation email: the one the person chose in
    OneChat, else the inviting administrator's, else the default."""
    inviter = invitation.invited_by
    return (
        invitation.user.locale
        or (inviter.locale if inviter is not None else "")
        or settings.LANGUAGE_CODE
    )


def send_invitation_email(*, invitation: Invitation, key: str) -> None:
    """Email the person invited the link to answer, ``key`` in it.

    The same words whether or not the email is registered: the page behind
    the link tells the reader what to do.
    """
    inviter = invitation.invited_by
    context = {
        # One line: a name is free text, and the subject is a header.
        "account_name": " ".join(invitation.account.name.split()),
        "inviter_name": " ".join(inviter.available_name.split()) if inviter else "",
        # The dashboard serves the page (dashboard.urls, "dashboard-join").
        "link": settings.FRONTEND_URL + reverse("dashboard-join", args=[key]),
        "expires_at": invitation.link_expires_at,
    }
    with translation.override(invitation_language(invitation)):
        subject = _("You are invited to join %(account)s on OneChat") % {
            "account": context["account_name"]
        }
        text = render_to_string("accounts/email/invitation.txt", context)
        html = render_to_string(
            "accounts/email/invitation.html",
            {**context, "LANGUAGE_CODE": translation.get_language()},
        )
    email = EmailMultiAlternatives(subject, text, to=[invitation.user.email])
    email.attach_alternative(html, "text/html")
    email.send()
