"""Writes of rules and macros, a rule's run after an event, and a macro's run
on an agent's conversations."""

from typing import Any

from django.utils.translation import gettext as _

from accounts.models import Account, AccountUser
from automation import conditions, selectors
from automation.actions import Outcome, Run, run_actions
from automation.context import automated
from automation.models import AutomationRule, AutomationRun, Macro
from common.errors import Forbidden
from conversations.models import Conversation, Message
from filters.query import FilterError


class MacroForbidden(Forbidden):
    """Only administrators change a global macro."""

    code = "macro_forbidden"


# The runs kept per rule, newest first: older ones are deleted as new ones come.
RUNS_KEPT = 500

### Rules


def create_rule(*, account: Account, **fields: Any) -> AutomationRule:
    """Add an automation rule to the account."""
    return AutomationRule.objects.create(account=account, **fields)


def update_rule(*, rule: AutomationRule, **fields: Any) -> AutomationRule:
    """Change a rule's fields (activating or deactivating it too)."""
    for name, value in fields.items():
        setattr(rule, name, value)
    rule.save()
    return rule


def delete_rule(*, rule: AutomationRule) -> None:
    """Remove a rule and its runs."""
    rule.delete()


def clone_rule(*, rule: AutomationRule) -> AutomationRule:
    """A copy of the rule (Chatwoot's ``clone``), as it is now."""
    return AutomationRule.objects.create(
        account_id=rule.account_id,
        name=rule.name,
        description=rule.description,
        event_name=rule.event_name,
        conditions=rule.conditions,
        actions=rule.actions,
        active=rule.active,
    )


def run_rules(
    *, event_name: str, conversation_id: int, message_id: int | None = None
) -> list[AutomationRun]:
    """Check the account's active rules of ``event_name`` against the
    conversation (and message) as they are now, run the actions of those that
    match, and record each check. The actions' own changes start no rule
    (``automation.context``)."""
    conversation = (
        Conversation.objects.select_related("account")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None:
        return []
    message = Message.objects.filter(pk=message_id).first() if message_id else None
    if message_id and message is None:
        return []
    runs = []
    for rule in selectors.active_rules(
        account_id=conversation.account_id, event_name=event_name
    ):
        outcome = Outcome(actions_taken=[])
        try:
            matched = conditions.matches(
                conditions=rule.conditions, conversation=conversation, message=message
            )
        except FilterError as error:
            # A custom attribute deleted since the rule was saved.
            matched, outcome.error = False, error.message
        if matched:
            with automated():
                outcome = run_actions(
                    Run(conversation=conversation, event=event_name), rule.actions
                )
        runs.append(
            AutomationRun.objects.create(
                account_id=conversation.account_id,
                rule=rule,
                conversation=conversation,
                event_name=event_name,
                matched=matched,
                actions_taken=outcome.actions_taken,
                error=outcome.error,
            )
        )
        _forget_old_runs(rule)
    return runs


def _forget_old_runs(rule: AutomationRule) -> None:
    oldest_kept = (
        AutomationRun.objects.filter(rule=rule)
        .order_by("-id")
        .values_list("id", flat=True)[RUNS_KEPT - 1 : RUNS_KEPT]
    )
    if oldest_kept:
        AutomationRun.objects.filter(rule=rule, id__lt=oldest_kept[0]).delete()


### Macros


def create_macro(
    *, membership: AccountUser, name: str, actions: list, visibility: str | None = None
) -> Macro:
    """Add a macro by the member; an agent's is personal whatever they ask,
    as in Chatwoot."""
    return Macro.objects.create(
        account_id=membership.account_id,
        name=name,
        actions=actions,
        visibility=_visibility(membership, visibility),
        created_by=membership.user,
        updated_by=membership.user,
    )


def update_macro(*, macro: Macro, membership: AccountUser, **fields: Any) -> Macro:
    """Change a macro: its author, or an administrator for a global one."""
    _check_may_change(macro, membership)
    if "visibility" in fields:
        fields["visibility"] = _visibility(membership, fields["visibility"])
    for name, value in fields.items():
        setattr(macro, name, value)
    macro.updated_by = membership.user
    macro.save()
    return macro


def delete_macro(*, macro: Macro, membership: AccountUser) -> None:
    """Remove a macro: its author's, or an administrator's for a global one."""
    _check_may_change(macro, membership)
    macro.delete()


def execute_macro(
    *, macro: Macro, membership: AccountUser, conversations: list[Conversation]
) -> list[tuple[Conversation, Outcome]]:
    """Run the macro's actions on each conversation as the member, each action
    checked against what the member may do there now; a refusal stops that
    conversation's remaining actions, not the other conversations'."""
    results = []
    for conversation in conversations:
        outcome = run_actions(
            Run(
                conversation=conversation,
                event="macro_executed",
                actor=membership.user,
                membership=membership,
            ),
            macro.actions,
        )
        results.append((conversation, outcome))
    return results


def _visibility(membership: AccountUser, asked: str | None) -> str:
    if membership.is_administrator and asked:
        return asked
    return Macro.Visibility.PERSONAL


def _check_may_change(macro: Macro, membership: AccountUser) -> None:
    # A personal macro is seen by its author alone (``selectors.get_macro``).
    if macro.visibility == Macro.Visibility.GLOBAL and not membership.is_administrator:
        raise MacroForbidden(_("Only administrators change a global macro."))
