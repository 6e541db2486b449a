"""Account membership for the Application API, resolved once per request, and
the gate every write of the APIs passes before its handler runs."""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from rest_framework import permissions
from rest_framework.request import Request

from accounts import selectors
from accounts.models import Account, AccountUser

ADMINISTRATORS_ONLY = "Only administrators of this account may do this."


def request_membership(request, account_id: int) -> AccountUser:
    """The caller's membership of ``account_id``, cached on the request; 404 if none.

    Answering 404 rather than 403 keeps another account's existence private.
    """
    cached = getattr(request, "_onechat_membership", None)
    if cached is not None and cached.account_id == account_id:
        return cached
    membership = selectors.get_membership(user=request.user, account_id=account_id)
    request._onechat_membership = membership
    return membership


class IsAccountMember(permissions.IsAuthenticated):
    """The caller is signed in and a member of the account in the URL."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        request_membership(request, view.kwargs["account_id"])
        return True


class IsAdministrator(IsAccountMember):
    """Only the account's administrators (reads; writes declare ``ADMINISTRATORS``)."""

    message = ADMINISTRATORS_ONLY

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request_membership(request, view.kwargs["account_id"]).is_administrator


### The gate

# What a write may need, declared on its view as ``capability``: one of these
# names, a capability of the view's object (checked by the view's ``require``,
# for a conversation ``collaboration.capabilities``' rule), a tuple of
# capabilities all needed, a function of the request giving one of those, or a
# mapping of HTTP method to one of those where the view's writes differ.
ANY_MEMBER = "any_member"
"""Any member of the account in the path may do this."""
ADMINISTRATORS = "administrators"
"""Only the administrators of the account in the path may do this."""
SIGNED_IN_USER = "signed_in_user"
"""Any signed-in user, on their own profile and invitations (no account in the path)."""
CONTACT_SESSION = "contact_session"
"""The contact session the path or the signed token names (public client and
widget APIs): the view finds the session, or answers 404 or 401."""

AGENT_BOT = "agent_bot"
"""The agent bot whose access token the request carries (its views
authenticate only bots and find the bot's conversation, or answer 404)."""

MAIL_SERVICE = "mail_service"
"""The mail service handing in an email (``POST /email/inbound``): the view
checks the shared secret it sends and the reply address's signature."""

ROLES = (
    ANY_MEMBER,
    ADMINISTRATORS,
    SIGNED_IN_USER,
    CONTACT_SESSION,
    AGENT_BOT,
    MAIL_SERVICE,
)
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

Need = str | tuple[str, ...]
Rule = Need | Callable[[Request], Need]
Declaration = Rule | Mapping[str, Rule]


def declared_need(view_class: type, method: str) -> Rule | None:
    """What ``view_class`` declares that a ``method`` write needs (a function
    of the request stays uncalled), or None if it declares nothing."""
    declaration: Declaration | None = getattr(view_class, "capability", None)
    if isinstance(declaration, Mapping):
        return declaration.get(method)
    return declaration


def needs_of(view: Any, request: Request) -> tuple[str, ...]:
    """The names the gate checks for ``request`` on ``view``, in order."""
    need = declared_need(type(view), request.method)
    if need is None:
        raise ImproperlyConfigured(
            f"{type(view).__name__} declares no capability for {request.method}."
        )
    if callable(need):
        need = need(request)
    return need if isinstance(need, tuple) else (need,)


class Gate(permissions.BasePermission):
    """Every write (POST, PUT, PATCH, DELETE) checked against what its view
    declares, before the handler runs: membership of the account for
    ``ANY_MEMBER``, the administrator role for ``ADMINISTRATORS``, a signed-in
    user for ``SIGNED_IN_USER``, nothing more for ``CONTACT_SESSION``,
    ``AGENT_BOT`` and ``MAIL_SERVICE`` (the view resolves the session, the bot
    or the mail service's secret), and any other
    name through the view's ``require`` (a 403 naming the ``capability``). A
    view may word the administrators' refusal (``administrators_message``). A
    write declaring nothing is a configuration error, which the route walk in
    the tests catches first."""

    message = ADMINISTRATORS_ONLY

    def has_permission(self, request, view) -> bool:
        if request.method not in WRITE_METHODS:
            return True
        for need in needs_of(view, request):
            if need in (CONTACT_SESSION, AGENT_BOT, MAIL_SERVICE):
                continue
            # DRF answers a refusal without credentials with a 401.
            if not request.user.is_authenticated:
                return False
            if need == SIGNED_IN_USER:
                continue
            membership = request_membership(request, view.kwargs["account_id"])
            if need == ADMINISTRATORS and not membership.is_administrator:
                self.message = getattr(view, "administrators_message", self.message)
                return False
            if need not in ROLES:
                view.require(need)
        return True


class AccountScopedMixin:
    """A view under ``accounts/<account_id>/``: ``self.membership``, ``self.account``.

    The permission classes resolve the membership before the handler runs;
    these properties read it back from the request.
    """

    permission_classes = [IsAccountMember]

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["account"] = self.account
        return context

    @property
    def membership(self) -> AccountUser:
        return request_membership(self.request, self.kwargs["account_id"])

    @property
    def account(self) -> Account:
        return self.membership.account
