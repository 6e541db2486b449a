"""Reads of rules, macros and runs, always within one account."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Account, AccountUser
from automation.models import AutomationRule, AutomationRun, Macro
from common.cache import forget, remembered

RECENT_RUNS = 50
# How long the events an account has rules of are remembered; saving or
# deleting a rule forgets them at once, this bounds a change the cache missed.
EVENTS_CACHE_SECONDS = 60


def rules(*, account: Account) -> QuerySet[AutomationRule]:
    """The account's automation rules, oldest first."""
    return AutomationRule.objects.filter(account=account).order_by("id")


def get_rule(*, account: Account, rule_id: int) -> AutomationRule:
    """One rule of the account; 404 for any other id."""
    rule = rules(account=account).filter(pk=rule_id).first()
    if rule is None:
        raise Http404("Automation rule not found")
    return rule


def active_rules(*, account_id: int, event_name: str) -> QuerySet[AutomationRule]:
    """The account's active rules of one event, in the order they run."""
    return AutomationRule.objects.filter(
        account_id=account_id, event_name=event_name, active=True
    ).order_by("id")


def _events_key(account_id: int) -> str:
    return f"automation:events:{account_id}"


def events_with_rules(*, account_id: int) -> frozenset[str]:
    """The events the account has active rules of. Asked on every
    conversation and message change, so it is cached: a change costs no
    query while nothing changes the rules."""

    def read() -> list[str]:
        return sorted(
            set(
                AutomationRule.objects.filter(
                    account_id=account_id, active=True
                ).values_list("event_name", flat=True)
            )
        )

    events = remembered(_events_key(account_id), read, seconds=EVENTS_CACHE_SECONDS)
    return frozenset(events)


def forget_events_with_rules(*, account_id: int) -> None:
    """Drop the cached events of the account (its rules changed)."""
    forget(_events_key(account_id))


def recent_runs(
    *, account: Account, rule_id: int | None = None
) -> QuerySet[AutomationRun]:
    """The account's latest runs, newest first (of one rule when given)."""
    runs = AutomationRun.objects.filter(account=account).select_related("conversation")
    if rule_id is not None:
        runs = runs.filter(rule_id=rule_id)
    return runs.order_by("-id")[:RECENT_RUNS]


def visible_macros(*, membership: AccountUser) -> QuerySet[Macro]:
    """The macros a member sees: the account's global ones and their own."""
    return (
        Macro.objects.filter(account_id=membership.account_id)
        .filter(
            Q(visibility=Macro.Visibility.GLOBAL) | Q(created_by_id=membership.user_id)
        )
        .select_related("created_by", "updated_by")
        .order_by("id")
    )


def get_macro(*, membership: AccountUser, macro_id: int) -> Macro:
    """One macro the member sees; 404 otherwise (another's personal macro,
    another account's)."""
    macro = visible_macros(membership=membership).filter(pk=macro_id).first()
    if macro is None:
        raise Http404("Macro not found")
    return macro
