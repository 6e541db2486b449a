"""Wire shapes of users and memberships."""

from rest_framework import serializers

from onechat.models import AccountUser, User


def availability_of(user: User, account_id: int) -> str:
    """The availability a user chose in an account ("offline" when not a member)."""
    memberships = getattr(user, "_availability_cache", None)
    if memberships is None:
        memberships = dict(user.memberships.values_list("account_id", "availability"))
        user._availability_cache = memberships
    return memberships.get(account_id, AccountUser.Availability.OFFLINE)


class UserSerializer(serializers.ModelSerializer):
    """The user push shape: id, names, avatar, ``type`` and ``availability_status``.

    Needs ``account_id`` in the context for the availability.
    """

    type = serializers.SerializerMethodField()
    availability_status = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "name",
            "available_name",
            "avatar_url",
            "type",
            "availability_status",
        ]

    def get_type(self, user: User) -> str:
        return "user"

    def get_availability_status(self, user: User) -> str:
        return availability_of(user, self.context["account_id"])
