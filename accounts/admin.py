from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError

from accounts.models import (
    Account,
    AccountUser,
    CustomAttributeDefinition,
    Inbox,
    InboxMember,
    Team,
    TeamMember,
    User,
)
from accounts.sign_in import is_locked_out, lockout_message


class AdminSignInForm(AdminAuthenticationForm):
    """/admin/'s sign-in, saying so when brute-force protection locks it."""

    def clean(self) -> dict:
        email = self.data.get("username")
        if is_locked_out(email=email, request=self.request):
            raise ValidationError(lockout_message(), code="locked_out")
        return super().clean()


admin.site.login_form = AdminSignInForm


class AccountUserInline(admin.TabularInline):
    model = AccountUser
    extra = 0
    # The member, not the inviter, ties a membership to a user's page.
    fk_name = "user"
    raw_id_fields = ["inviter"]


class AccountMemberInline(admin.TabularInline):
    model = AccountUser
    extra = 0
    fk_name = "account"
    raw_id_fields = ["inviter"]


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "created_at"]
    search_fields = ["name"]
    inlines = [AccountMemberInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["id"]
    list_display = ["id", "email", "name", "is_staff", "is_active"]
    search_fields = ["email", "name"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "display_name"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "name", "password1", "password2"],
            },
        )
    ]
    filter_horizontal = ["groups", "user_permissions"]
    inlines = [AccountUserInline]


@admin.register(AccountUser)
class AccountUserAdmin(admin.ModelAdmin):
    list_display = ["id", "account", "user", "role", "availability", "auto_offline"]
    list_filter = ["role", "availability"]
    raw_id_fields = ["account", "user"]


class InboxMemberInline(admin.TabularInline):
    model = InboxMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Inbox)
class InboxAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "account", "channel_type", "widget_enabled"]
    list_filter = ["channel_type"]
    search_fields = ["name", "identifier", "website_token"]
    readonly_fields = ["identifier", "website_token", "hmac_token"]
    inlines = [InboxMemberInline]


@admin.register(InboxMember)
class InboxMemberAdmin(admin.ModelAdmin):
    list_display = ["id", "inbox", "user"]
    raw_id_fields = ["inbox", "user"]


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "account"]
    search_fields = ["name"]
    inlines = [TeamMemberInline]


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ["id", "team", "user"]
    raw_id_fields = ["team", "user"]


@admin.register(CustomAttributeDefinition)
class CustomAttributeDefinitionAdmin(admin.ModelAdmin):
    list_display = ["id", "attribute_key", "attribute_model", "account"]
    list_filter = ["attribute_model"]
    search_fields = ["attribute_key", "attribute_display_name"]
