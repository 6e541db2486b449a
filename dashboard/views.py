"""The agent dashboard's server side: sign in and out, account switch, page shells.

Each page is an HTML shell; the ES modules under ``static/dashboard/`` fill it from
the Application API and keep it live over ``/cable``. The shell hands them what
they need to start: the user, the account, the pubsub token and the CSRF token.
"""

from collections.abc import Callable
from functools import cache, wraps

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import DjangoTranslation
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog

from accounts import selectors, services, sign_in
from accounts.language import respond_in_readers_language
from accounts.models import AccountUser, User

# The account a user last worked in, so ``/`` returns there.
SESSION_ACCOUNT_KEY = "dashboard_account_id"
SETTINGS_SECTIONS = (
    "inboxes",
    "agents",
    "teams",
    "capacity",
    "hours",
    "widget",
    "labels",
    "attributes",
    "canned_responses",
    "automation",
    "macros",
    "bots",
    "webhooks",
    "audit_log",
    "data",
)
# The report pages of reports_nav.js drawn by reports.js.
REPORT_SECTIONS = ("overview", "conversations", "agents", "inboxes", "teams", "labels")


def in_readers_language(view: Callable[..., HttpResponse]) -> Callable:
    """Draw the page in the agent's language: the one chosen in their profile
    (``ui_settings.locale``), else the browser's (``Accept-Language``)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return respond_in_readers_language(
            request, lambda: view(request, *args, **kwargs)
        )

    return wrapper


class SignInForm(forms.Form):
    """Email and password; ``user`` is set once they match an active user."""

    email = forms.EmailField(max_length=254)
    password = forms.CharField(strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self) -> dict:
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            if sign_in.is_locked_out(email=email, request=self.request):
                raise forms.ValidationError(
                    sign_in.lockout_message(), code="locked_out"
                )
            self.user = authenticate(
                self.request, username=email.lower(), password=password
            )
            if self.user is None:
                raise forms.ValidationError(_("That email and password do not match."))
        return cleaned


def _current_membership(request: HttpRequest) -> AccountUser | None:
    """The membership ``/`` opens: the last account used, else the oldest one."""
    memberships = selectors.memberships_of(user=request.user)
    chosen = memberships.filter(account_id=request.session.get(SESSION_ACCOUNT_KEY))
    return chosen.first() or memberships.first()


@in_readers_language
def home(request: HttpRequest) -> HttpResponse:
    """``/``: the sign-in form for visitors, the conversation list for agents."""
    if request.user.is_authenticated:
        membership = _current_membership(request)
        if membership is None:
            invitations = selectors.invitations_of(user=request.user)
            context = {"invitations": invitations}
            return render(request, "dashboard/no_account.html", context, status=403)
        return redirect("dashboard-conversations", account_id=membership.account_id)
    form = SignInForm(request.POST or None, request=request)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        return redirect(next_url or "dashboard-home")
    status = 400 if form.errors else 200
    if form.has_error(NON_FIELD_ERRORS, "locked_out"):
        status = 429
    context = {"form": form, "next": next_url}
    return render(request, "sign_in.html", context, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """End the session and return to the sign-in form."""
    logout(request)
    return redirect("dashboard-home")


@login_required
@require_POST
def answer_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Accept (``answer=accept``) or decline an invitation from the page of a
    user who belongs to no account yet (members answer on their profile)."""
    invitation = selectors.get_invitation(
        user=request.user, invitation_id=invitation_id
    )
    if request.POST.get("answer") == "accept":
        membership = services.accept_invitation(invitation=invitation)
        return redirect("dashboard-conversations", account_id=membership.account_id)
    services.discard_invitation(invitation=invitation)
    return redirect("dashboard-home")


class JoinForm(forms.Form):
    """A person new to OneChat chooses their name and password."""

    name = forms.CharField(max_length=255)
    password = forms.CharField(strip=False, widget=forms.PasswordInput)
    password_again = forms.CharField(strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict:
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and password != cleaned.get("password_again"):
            self.add_error("password_again", _("The passwords differ."))
        elif password:
            candidate = User(email=self.user.email, name=cleaned.get("name", ""))
            try:
                validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


@in_readers_language
def join(request: HttpRequest, key: str) -> HttpResponse:
    """The page an invitation email links to. A person new to OneChat chooses
    a name and password and joins; a registered user signs in, then accepts
    or declines (``answer``). An unknown, used or expired link: 404."""
    invitation = selectors.get_invitation_by_link(key=key)
    if invitation is None:
        return render(request, "dashboard/join.html", {"invitation": None}, status=404)
    invited = invitation.user
    context = {"invitation": invitation, "inviter": invitation.invited_by}
    if not invited.has_usable_password():
        form = JoinForm(
            request.POST or None,
            user=invited,
            initial={"name": invitation.name or ""},
        )
        if request.method == "POST" and form.is_valid():
            try:
                membership = services.join_with_invitation(
                    invitation=invitation,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password"],
                )
            except services.RegisteredUserError as error:
                # Joined meanwhile through another account's link.
                form.add_error(None, str(error))
            else:
                # The membership's user, loaded after the password was set:
                # the session is bound to the new password's hash.
                login(
                    request,
                    membership.user,
                    backend=settings.AUTHENTICATION_BACKENDS[0],
                )
                return redirect(
                    "dashboard-conversations", account_id=membership.account_id
                )
        status = 400 if form.errors else 200
        return render(
            request, "dashboard/join.html", {**context, "form": form}, status=status
        )
    if request.user != invited:
        context["sign_in_url"] = (
            f"{reverse('dashboard-home')}?{urlencode({'next': request.path})}"
        )
        return render(request, "dashboard/join.html", context)
    if request.method == "POST":
        if request.POST.get("answer") == "accept":
            membership = services.accept_invitation(invitation=invitation)
            return redirect("dashboard-conversations", account_id=membership.account_id)
        services.discard_invitation(invitation=invitation)
        return redirect("dashboard-home")
    return render(request, "dashboard/join.html", {**context, "answer": True})


@login_required
@require_POST
def switch_account(request: HttpRequest) -> HttpResponse:
    """Open another account the user belongs to."""
    try:
        account_id = int(request.POST.get("account_id", ""))
    except ValueError as error:
        raise Http404("Account not found") from error
    membership = selectors.get_membership(user=request.user, account_id=account_id)
    return redirect("dashboard-conversations", account_id=membership.account_id)


def _page_config(
    request: HttpRequest, membership: AccountUser, page: str, **ids
) -> dict:
    user = request.user
    memberships = selectors.memberships_of(user=user)
    return {
        "page": page,
        **ids,
        "user": {
            "id": user.pk,
            "name": user.available_name,
            "email": user.email,
            "avatarUrl": user.avatar_url,
            # The page's language: the one chosen in the profile, else the
            # browser's.
            "locale": translation.get_language(),
        },
        # The languages a user may choose, each by its own name.
        "languages": [list(language) for language in settings.LANGUAGES],
        "account": {
            "id": membership.account_id,
            "name": membership.account.name,
            "role": membership.role,
            "availability": membership.availability,
        },
        "accounts": [{"id": m.account_id, "name": m.account.name} for m in memberships],
        "pubsubToken": user.pubsub_token,
        "csrfToken": get_token(request),
    }


@cache
def scripts_catalog(language: str) -> dict[str, str | list[str]]:
    """The dashboard scripts' words in ``language`` (msgid -> translation), from
    the ``djangojs`` catalogue under LOCALE_PATHS; built once per language, as
    the compiled catalogues do not change while the server runs."""
    view = JavaScriptCatalog()
    view.translation = DjangoTranslation(
        language, domain="djangojs", localedirs=[str(p) for p in settings.LOCALE_PATHS]
    )
    return view.get_catalog()


def _shell(request: HttpRequest, account_id: int, page: str, **ids) -> HttpResponse:
    membership = selectors.get_membership(user=request.user, account_id=account_id)
    request.session[SESSION_ACCOUNT_KEY] = membership.account_id
    context = {
        "page": page,
        "membership": membership,
        "memberships": selectors.memberships_of(user=request.user),
        "config": _page_config(request, membership, page, **ids),
        "base": f"/app/accounts/{membership.account_id}",
        "catalog": scripts_catalog(translation.get_language()),
    }
    return render(request, "dashboard/app.html", context)


@login_required
@in_readers_language
def conversations(
    request: HttpRequest, account_id: int, conversation_id: int | None = None
) -> HttpResponse:
    """The conversation list, with one conversation open when its id is given."""
    return _shell(request, account_id, "conversations", conversationId=conversation_id)


@login_required
@in_readers_language
def contacts(
    request: HttpRequest, account_id: int, contact_id: int | None = None
) -> HttpResponse:
    """The contact list, with one contact open when its id is given."""
    return _shell(request, account_id, "contacts", contactId=contact_id)


@login_required
@in_readers_language
def queue(request: HttpRequest, account_id: int) -> HttpResponse:
    """Visitors waiting per inbox and each agent's load, live."""
    return _shell(request, account_id, "queue")


@login_required
@in_readers_language
def profile(request: HttpRequest, account_id: int) -> HttpResponse:
    """The signed-in user's API access token and invitations."""
    return _shell(request, account_id, "profile")


@login_required
@in_readers_language
def csat_report(request: HttpRequest, account_id: int) -> HttpResponse:
    """The CSAT report: survey figures and responses, administrators only
    (as the responses API)."""
    membership = selectors.get_membership(user=request.user, account_id=account_id)
    if not membership.is_administrator:
        return render(request, "dashboard/forbidden.html", status=403)
    return _shell(request, account_id, "csat_report")


@login_required
@in_readers_language
def account_settings(
    request: HttpRequest, account_id: int, section: str = "inboxes"
) -> HttpResponse:
    """Inboxes, agents, teams, agent capacity, business hours, the widget,
    labels, canned responses, automation, macros, bots, webhooks and the
    audit log: administrators only."""
    membership = selectors.get_membership(user=request.user, account_id=account_id)
    if section not in SETTINGS_SECTIONS:
        raise Http404("No such settings page")
    if not membership.is_administrator:
        return render(request, "dashboard/forbidden.html", status=403)
    return _shell(request, account_id, "settings", section=section)


@login_required
@in_readers_language
def reports(
    request: HttpRequest, account_id: int, section: str = "overview"
) -> HttpResponse:
    """Reports: overview, conversations, agents, inboxes, teams and labels,
    with the live view: administrators only."""
    membership = selectors.get_membership(user=request.user, account_id=account_id)
    if section not in REPORT_SECTIONS:
        raise Http404("No such report")
    if not membership.is_administrator:
        return render(request, "dashboard/forbidden.html", status=403)
    return _shell(request, account_id, "reports", section=section)
