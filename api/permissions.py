"""Account membership for the Application API, resolved once per request."""

from rest_framework import permissions

from accounts import selectors
from accounts.models import Account, AccountUser


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


class IsAdministratorOrReadOnly(IsAccountMember):
    """Members may read; only the account's administrators may change things."""

    message = "Only administrators of this account may do this."

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return request_membership(request, view.kwargs["account_id"]).is_administrator


class IsAdministrator(IsAccountMember):
    """Only the account's administrators."""

    message = "Only administrators of this account may do this."

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request_membership(request, view.kwargs["account_id"]).is_administrator


class IsAdministratorToDelete(IsAccountMember):
    """Members may read and change; only administrators may delete."""

    message = "Only administrators of this account may delete this."

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method != "DELETE":
            return True
        return request_membership(request, view.kwargs["account_id"]).is_administrator


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
