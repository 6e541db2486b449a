"""The Application API's view of routing: queues and agents' load."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response

from api.permissions import AccountScopedMixin
from routing import selectors
from routing.serializers import agent_capacity_payload, queue_summary_payload


class QueueView(AccountScopedMixin, generics.GenericAPIView):
    """``GET accounts/<id>/queue``: each visible inbox's waiting count and
    longest wait, and the availability, load and limit of the agents who work
    them."""

    @extend_schema(
        responses=inline_serializer(
            "Queue",
            {
                "inboxes": serializers.ListField(child=serializers.DictField()),
                "agents": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    def get(self, request, account_id: int):
        overview = selectors.queue_overview(membership=self.membership)
        now = timezone.now()
        return Response(
            {
                "inboxes": [queue_summary_payload(s, now) for s in overview.inboxes],
                "agents": [agent_capacity_payload(c) for c in overview.agents],
            }
        )
