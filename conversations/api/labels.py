"""Application API: the account's labels, and the labels of a contact.

A conversation's own labels are in ``views.LabelsView``.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.permissions import ADMINISTRATORS, ANY_MEMBER, AccountScopedMixin
from api.schema import payload_of
from api.views import BaseAPIView
from contacts import selectors as contact_selectors
from conversations import selectors, services
from conversations.api.views import LABEL_LIST
from conversations.serializers import LabelSerializer, LabelsSerializer


class LabelMixin(AccountScopedMixin):
    # Agents read the labels; administrators manage them (Chatwoot's policy).
    capability = ADMINISTRATORS
    serializer_class = LabelSerializer


class LabelListView(LabelMixin, BaseAPIView):
    """The account's labels; add one."""

    @extend_schema(responses=payload_of("AccountLabelList", LabelSerializer))
    def get(self, request, account_id: int):
        labels = selectors.account_labels(account=self.account)
        return Response({"payload": self.get_serializer(labels, many=True).data})

    def post(self, request, account_id: int):
        data = self.validated(LabelSerializer)
        label = services.create_label(account=self.account, **data)
        return Response(self.get_serializer(label).data)


class LabelDetailView(LabelMixin, BaseAPIView):
    """One label of the account: read, change, delete."""

    def get_label(self):
        return selectors.get_label(
            account=self.account, label_id=self.kwargs["label_id"]
        )

    def get(self, request, account_id: int, label_id: int):
        return Response(self.get_serializer(self.get_label()).data)

    def patch(self, request, account_id: int, label_id: int):
        label = self.get_label()
        data = self.validated(LabelSerializer, instance=label, partial=True)
        label = services.update_label(label=label, **data)
        return Response(self.get_serializer(label).data)

    @extend_schema(request=None, responses={200: None})
    def delete(self, request, account_id: int, label_id: int):
        services.delete_label(label=self.get_label())
        return Response()


class ContactLabelsView(AccountScopedMixin, BaseAPIView):
    """A contact's labels; POST replaces them (Chatwoot's ``update_labels``)."""

    capability = ANY_MEMBER

    serializer_class = LabelsSerializer

    def get_contact(self):
        return contact_selectors.get_contact(
            account=self.account, contact_id=self.kwargs["contact_id"]
        )

    @extend_schema(responses=LABEL_LIST)
    def get(self, request, account_id: int, contact_id: int):
        titles = selectors.contact_label_titles(contact=self.get_contact())
        return Response({"payload": titles})

    @extend_schema(request=LabelsSerializer, responses=LABEL_LIST)
    def post(self, request, account_id: int, contact_id: int):
        contact = self.get_contact()
        data = self.validated(LabelsSerializer)
        titles = services.set_contact_labels(
            contact=contact, labels=data["labels"], by=self.membership
        )
        return Response({"payload": titles})
