"""Application API: automation rules (administrators only, as in Chatwoot),
their runs (a OneChat extension), and macros (every member; a global macro
is changed by administrators, a personal one by its author)."""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.permissions import (
    ADMINISTRATORS,
    ANY_MEMBER,
    AccountScopedMixin,
    IsAdministrator,
)
from api.views import BaseAPIView
from automation import selectors, services
from automation.models import AutomationRule, Macro
from automation.serializers import (
    ExecuteSerializer,
    MacroInputSerializer,
    MacroSerializer,
    RuleInputSerializer,
    RuleSerializer,
    RunSerializer,
)
from conversations.selectors import visible_conversations

### Rules


class RuleMixin(AccountScopedMixin):
    permission_classes = [IsAdministrator]
    capability = ADMINISTRATORS
    serializer_class = RuleSerializer

    def get_rule(self) -> AutomationRule:
        return selectors.get_rule(account=self.account, rule_id=self.kwargs["rule_id"])

    def answer(self, rule: AutomationRule) -> Response:
        return Response({"payload": RuleSerializer(rule).data})


class RuleListView(RuleMixin, BaseAPIView):
    """The account's automation rules; add one."""

    @extend_schema(responses=RuleSerializer(many=True))
    def get(self, request, account_id: int):
        found = selectors.rules(account=self.account)
        return Response({"payload": RuleSerializer(found, many=True).data})

    @extend_schema(request=RuleInputSerializer, responses=RuleSerializer)
    def post(self, request, account_id: int):
        data = self.validated(RuleInputSerializer)
        return self.answer(services.create_rule(account=self.account, **data))


class RuleDetailView(RuleMixin, BaseAPIView):
    """One rule: read, change (``active`` toggles it), delete."""

    @extend_schema(responses=RuleSerializer)
    def get(self, request, account_id: int, rule_id: int):
        return self.answer(self.get_rule())

    @extend_schema(request=RuleInputSerializer, responses=RuleSerializer)
    def patch(self, request, account_id: int, rule_id: int):
        rule = self.get_rule()
        data = self.validated(RuleInputSerializer, instance=rule, partial=True)
        if not data:
            raise ValidationError(
                "Give name, description, event_name, conditions, actions or active."
            )
        return self.answer(services.update_rule(rule=rule, **data))

    put = patch

    @extend_schema(request=None, responses={200: None})
    def delete(self, request, account_id: int, rule_id: int):
        services.delete_rule(rule=self.get_rule())
        return Response()


class RuleCloneView(RuleMixin, BaseAPIView):
    """A copy of a rule (Chatwoot's ``clone``)."""

    @extend_schema(request=None, responses=RuleSerializer)
    def post(self, request, account_id: int, rule_id: int):
        return self.answer(services.clone_rule(rule=self.get_rule()))


class RuleRunsView(RuleMixin, BaseAPIView):
    """A rule's latest runs, newest first (a OneChat extension)."""

    serializer_class = RunSerializer

    @extend_schema(responses=RunSerializer(many=True))
    def get(self, request, account_id: int, rule_id: int):
        rule = self.get_rule()
        runs = selectors.recent_runs(account=self.account, rule_id=rule.pk)
        return Response({"payload": RunSerializer(runs, many=True).data})


class RunListView(RuleMixin, BaseAPIView):
    """The account's latest rule runs, newest first (a OneChat extension)."""

    serializer_class = RunSerializer

    @extend_schema(responses=RunSerializer(many=True))
    def get(self, request, account_id: int):
        runs = selectors.recent_runs(account=self.account)
        return Response({"payload": RunSerializer(runs, many=True).data})


### Macros


class MacroMixin(AccountScopedMixin):
    capability = ANY_MEMBER
    serializer_class = MacroSerializer

    def get_macro(self) -> Macro:
        return selectors.get_macro(
            membership=self.membership, macro_id=self.kwargs["macro_id"]
        )

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "macro": True}

    def answer(self, macro: Macro) -> Response:
        return Response({"payload": MacroSerializer(macro).data})


class MacroListView(MacroMixin, BaseAPIView):
    """The macros the member sees; add one (an agent's is personal)."""

    @extend_schema(responses=MacroSerializer(many=True))
    def get(self, request, account_id: int):
        found = selectors.visible_macros(membership=self.membership)
        return Response({"payload": MacroSerializer(found, many=True).data})

    @extend_schema(request=MacroInputSerializer, responses=MacroSerializer)
    def post(self, request, account_id: int):
        data = self.validated(MacroInputSerializer)
        return self.answer(services.create_macro(membership=self.membership, **data))


class MacroDetailView(MacroMixin, BaseAPIView):
    """One macro: read, change, delete."""

    @extend_schema(responses=MacroSerializer)
    def get(self, request, account_id: int, macro_id: int):
        return self.answer(self.get_macro())

    @extend_schema(request=MacroInputSerializer, responses=MacroSerializer)
    def patch(self, request, account_id: int, macro_id: int):
        macro = self.get_macro()
        data = self.validated(MacroInputSerializer, partial=True)
        if not data:
            raise ValidationError("Give name, visibility or actions.")
        macro = services.update_macro(macro=macro, membership=self.membership, **data)
        return self.answer(macro)

    put = patch

    @extend_schema(request=None, responses={200: None})
    def delete(self, request, account_id: int, macro_id: int):
        services.delete_macro(macro=self.get_macro(), membership=self.membership)
        return Response()


class MacroExecuteView(MacroMixin, BaseAPIView):
    """Run a macro on conversations the member may see, by display id; any
    other id is a 404 and nothing runs. Chatwoot answers an empty 200;
    OneChat adds each conversation's actions taken and refusal."""

    @extend_schema(request=ExecuteSerializer, responses={200: None})
    def post(self, request, account_id: int, macro_id: int):
        macro = self.get_macro()
        display_ids = list(
            dict.fromkeys(self.validated(ExecuteSerializer)["conversation_ids"])
        )
        found = {
            conversation.display_id: conversation
            for conversation in visible_conversations(
                membership=self.membership
            ).filter(display_id__in=display_ids)
        }
        missing = [i for i in display_ids if i not in found]
        if missing:
            return Response({"error": "Conversation not found"}, status=404)
        results = services.execute_macro(
            macro=macro,
            membership=self.membership,
            conversations=[found[i] for i in display_ids],
        )
        return Response(
            {
                "payload": [
                    {
                        "conversation_id": conversation.display_id,
                        "actions_taken": outcome.actions_taken,
                        "error": outcome.error,
                    }
                    for conversation, outcome in results
                ]
            }
        )
