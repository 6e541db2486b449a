"""Application API: contact imports and exports, one contact's data and
erasure (administrators), a conversation's transcript (its readers)."""

import json

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from api.permissions import (
    ADMINISTRATORS,
    ANY_MEMBER,
    AccountScopedMixin,
    IsAdministrator,
)
from api.views import BaseAPIView
from contacts import selectors as contact_selectors
from contacts.serializers import ContactDetailSerializer
from continuity import services as continuity_services
from continuity.serializers import TranscriptRequestSerializer
from conversations import selectors as conversation_selectors
from conversations.serializers import AttachmentSerializer
from privacy import exports, imports, services, transcripts
from privacy.serializers import (
    ExportInputSerializer,
    ImportFileSerializer,
    ImportPlanSerializer,
)

IMPORTS_MESSAGE = "Only administrators of this account may import or export contacts."
ERASE_MESSAGE = "Only administrators of this account may erase a contact."


def attachment_url_for(request):
    """The absolute URL of an attachment, as the messages API gives it."""
    return AttachmentSerializer(context={"request": request}).get_data_url


def download(body: str, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ContactImportView(AccountScopedMixin, BaseAPIView):
    """Chatwoot's ``POST contacts/import``: the CSV file's contacts, all or
    none; a 422 lists each row's errors when any."""

    capability = ADMINISTRATORS
    administrators_message = IMPORTS_MESSAGE

    @extend_schema(
        request={"multipart/form-data": ImportFileSerializer},
        responses={200: None},
    )
    def post(self, request, account_id: int):
        data = self.validated(ImportFileSerializer)
        services.import_contacts(
            account=self.account, data=data["import_file"].read(), by=self.membership
        )
        return Response()


class ContactImportPreviewView(AccountScopedMixin, BaseAPIView):
    """What importing the file would do, row by row, and its errors with
    their line numbers; writes nothing."""

    capability = ADMINISTRATORS
    administrators_message = IMPORTS_MESSAGE

    @extend_schema(
        request={"multipart/form-data": ImportFileSerializer},
        responses=ImportPlanSerializer,
    )
    def post(self, request, account_id: int):
        data = self.validated(ImportFileSerializer)
        plan = imports.plan_import(
            account=self.account, data=data["import_file"].read()
        )
        return Response(ImportPlanSerializer(plan.as_dict()).data)


class ContactExportView(AccountScopedMixin, BaseAPIView):
    """Chatwoot's ``POST contacts/export``: the account's contacts (or those
    matching ``q`` or labelled ``label``) as a CSV download."""

    capability = ADMINISTRATORS
    administrators_message = IMPORTS_MESSAGE

    @extend_schema(
        request=ExportInputSerializer, responses={(200, "text/csv"): OpenApiTypes.STR}
    )
    def post(self, request, account_id: int):
        data = self.validated(ExportInputSerializer)
        if data.get("q"):
            contacts = contact_selectors.search_contacts(
                account=self.account, query=data["q"], sort="created_at"
            )
        else:
            contacts = contact_selectors.account_contacts(
                account=self.account, sort="created_at"
            )
        if data.get("label"):
            contacts = contacts.filter(labels__title=data["label"])
        body = exports.contacts_csv(
            contacts.iterator(chunk_size=500),
            columns=exports.export_columns(data.get("column_names")),
        )
        return download(
            body,
            filename=f"contacts-{self.account.pk}.csv",
            content_type="text/csv",
        )


class ContactDataExportView(AccountScopedMixin, BaseAPIView):
    """Everything the account holds on one contact, as a JSON download."""

    permission_classes = [IsAdministrator]

    @extend_schema(responses={(200, "application/json"): OpenApiTypes.OBJECT})
    def get(self, request, account_id: int, contact_id: int):
        contact = contact_selectors.get_contact(
            account=self.account, contact_id=contact_id
        )
        data = services.contact_data(
            contact=contact, actor=request.user, url_of=attachment_url_for(request)
        )
        return download(
            json.dumps(data, indent=2, ensure_ascii=False),
            filename=f"contact-{contact.pk}.json",
            content_type="application/json",
        )


class ContactEraseView(AccountScopedMixin, BaseAPIView):
    """Erase one contact's personal data; their messages stay."""

    capability = ADMINISTRATORS
    administrators_message = ERASE_MESSAGE
    serializer_class = ContactDetailSerializer

    @extend_schema(request=None, responses=ContactDetailSerializer)
    def post(self, request, account_id: int, contact_id: int):
        contact = contact_selectors.get_contact(
            account=self.account, contact_id=contact_id
        )
        contact = services.erase_contact(contact=contact, actor=request.user)
        contact = contact_selectors.get_contact(
            account=self.account, contact_id=contact.pk
        )
        return Response({"payload": self.get_serializer(contact).data})


class TranscriptView(AccountScopedMixin, BaseAPIView):
    """A conversation's transcript for those who see it: downloaded as JSON,
    or plain text with ``?as=text``, private notes included (the readers are
    agents); or mailed to an address (Chatwoot's ``POST {email}``, an empty
    200), public messages only."""

    capability = ANY_MEMBER

    @extend_schema(
        parameters=[
            OpenApiParameter("as", enum=["json", "text"], required=False),
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/plain"): OpenApiTypes.STR,
        },
    )
    def get(self, request, account_id: int, conversation_id: int):
        conversation = conversation_selectors.get_conversation(
            membership=self.membership, display_id=conversation_id
        )
        messages = list(
            conversation_selectors.with_message_data(
                conversation.messages.order_by("id")
            )
        )
        data = transcripts.transcript(
            conversation=conversation,
            messages=messages,
            url_of=attachment_url_for(request),
        )
        name = f"conversation-{conversation.display_id}"
        if request.query_params.get("as") == "text":
            return download(
                transcripts.transcript_text(data),
                filename=f"{name}.txt",
                content_type="text/plain",
            )
        return download(
            json.dumps(data, indent=2, ensure_ascii=False),
            filename=f"{name}.json",
            content_type="application/json",
        )

    @extend_schema(request=TranscriptRequestSerializer, responses={200: None})
    def post(self, request, account_id: int, conversation_id: int):
        conversation = conversation_selectors.get_conversation(
            membership=self.membership, display_id=conversation_id
        )
        data = self.validated(TranscriptRequestSerializer)
        continuity_services.request_transcript(
            conversation=conversation, email=data["email"]
        )
        return Response()
