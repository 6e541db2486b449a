"""The agent dashboard's server side: sign in and out, account switch, page shells.

Each page is an HTML shell; the ES modules under ``static/dashboard/`` fill it from
the Application API and keep it live over ``/cable``. The shell hands them what
they need to start: the user, the account, the pubsub token and the CSRF token.
"""

from django import forms
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from onechat import selectors
from onechat.models import AccountUser

# The account a user last worked in, so ``/`` returns there.
SESSION_ACCOUNT_KEY = "dashboard_account_id"
SETTINGS_SECTIONS = ("inboxes", "agents", "teams")


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
            self.user = authenticate(
                self.request, username=email.lower(), password=password
            )
            if self.user is None:
                raise forms.ValidationError("That email and password do not match.")
        return cleaned


def _current_membership(request: HttpRequest) -> AccountUser | None:
    """The membership ``/`` opens: the last account used, else the oldest one."""
    memberships = selectors.memberships_of(user=request.user)
    chosen = memberships.filter(account_id=request.session.get(SESSION_ACCOUNT_KEY))
    return chosen.first() or memberships.first()


def home(request: HttpRequest) -> HttpResponse:
    """``/``: the sign-in form for visitors, the conversation list for agents."""
    if request.user.is_authenticated:
        membership = _current_membership(request)
        if membership is None:
            return render(request, "dashboard/no_account.html", status=403)
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
    context = {"form": form, "next": next_url}
    return render(request, "dashboard/sign_in.html", context, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """End the session and return to the sign-in form."""
    logout(request)
    return redirect("dashboard-home")


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
        },
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


def _shell(request: HttpRequest, account_id: int, page: str, **ids) -> HttpResponse:
    membership = selectors.get_membership(user=request.user, account_id=account_id)
    request.session[SESSION_ACCOUNT_KEY] = membership.account_id
    context = {
        "page": page,
        "membership": membership,
        "memberships": selectors.memberships_of(user=request.user),
        "config": _page_config(request, membership, page, **ids),
        "base": f"/app/accounts/{membership.account_id}",
    }
    return render(request, "dashboard/app.html", context)


@login_required
def conversations(
    request: HttpRequest, account_id: int, conversation_id: int | None = None
) -> HttpResponse:
    """The conversation list, with one conversation open when its id is given."""
    return _shell(request, account_id, "conversations", conversationId=conversation_id)


@login_required
def contacts(
    request: HttpRequest, account_id: int, contact_id: int | None = None
) -> HttpResponse:
    """The contact list, with one contact open when its id is given."""
    return _shell(request, account_id, "contacts", contactId=contact_id)


@login_required
def account_settings(
    request: HttpRequest, account_id: int, section: str = "inboxes"
) -> HttpResponse:
    """Inboxes, agents and teams: administrators only."""
    membership = selectors.get_membership(user=request.user, account_id=account_id)
    if section not in SETTINGS_SECTIONS:
        raise Http404("No such settings page")
    if not membership.is_administrator:
        return render(request, "dashboard/forbidden.html", status=403)
    return _shell(request, account_id, "settings", section=section)
