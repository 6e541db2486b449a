"""A contact answers a question (Chatwoot's ``submitted_values``): a menu or
quick replies (``input_select``), a ``form``, a CSAT survey (``input_csat``)
or a card's postback button (``cards``).

``check_answer`` holds each type's rule, ``answer_question`` records the answer
on the question and as the contact's own message. The ``input_email`` prompt
keeps its own path (``services.submit_email``).
"""

import math
from typing import Any

import regex

from django.db import transaction
from django.utils.translation import gettext
from rest_framework import serializers

from common.errors import Conflict
from contacts.models import Contact
from contacts.serializers import PHONE_NUMBER
from conversations import lines, services
from conversations.content import PATTERN_TIMEOUT_SECONDS
from conversations.models import Message
from conversations.signals import message_updated

Type = Message.ContentType
ANSWERABLE = frozenset({Type.INPUT_SELECT, Type.FORM, Type.INPUT_CSAT, Type.CARDS})
# What a form field takes, by its type; select and checkbox are checked apart.
FORM_VALUES = {
    "text": lambda: serializers.CharField(max_length=1000),
    "text_area": lambda: serializers.CharField(max_length=5000),
    "email": lambda: serializers.EmailField(max_length=254),
    "number": lambda: WholeOrFloatField(),
    "phone": lambda: serializers.RegexField(PHONE_NUMBER, max_length=40),
    "date": lambda: serializers.DateField(input_formats=["iso-8601"]),
}


class WholeOrFloatField(serializers.FloatField):
    """A number as the visitor typed it: 1042 stays 1042, not 1042.0."""

    def to_internal_value(self, data: Any) -> int | float:
        number = super().to_internal_value(data)
        if not math.isfinite(number):
            self.fail("invalid")
        return int(number) if number.is_integer() else number


# An answer's summary: the contact's words as they read, or the kind and
# parameters of a line OneChat words (``conversations.lines``).
Summary = str | tuple[str, dict[str, Any]]


class AlreadyAnswered(Conflict):
    """The question has its answer already (a 409 on every API)."""

    code = "already_answered"


### The rule of each question type


class ChoiceSerializer(serializers.Serializer):
    """One chosen item or postback button: ``{"title", "value"}``."""

    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    value = serializers.CharField(max_length=200)


class FormEntrySerializer(serializers.Serializer):
    """One field of a filled-in form: ``{"name", "value"}``."""

    name = serializers.CharField(max_length=40)
    value = serializers.JSONField(required=False, allow_null=True)


class CsatResponseSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    feedback_message = serializers.CharField(
        max_length=1000, required=False, allow_blank=True
    )


class CsatAnswerSerializer(serializers.Serializer):
    csat_survey_response = CsatResponseSerializer()


def _one_choice(data: Any) -> dict:
    field = serializers.ListField(child=ChoiceSerializer(), min_length=1, max_length=1)
    return field.run_validation(data)[0]


def _not_offered() -> serializers.ValidationError:
    return serializers.ValidationError(
        {0: {"value": [gettext("Not one of the choices offered.")]}}
    )


def _select_answer(question: Message, data: Any) -> tuple[list, str]:
    chosen = _one_choice(data)
    for item in question.content_attributes.get("items", []):
        if item.get("value") == chosen["value"]:
            answer = {"title": item["title"], "value": item["value"]}
            if "id" in item:
                # The option's id goes back with the answer, as a menu
                # response names the option chosen.
                answer["id"] = item["id"]
            return [answer], item["title"]
    raise _not_offered()


def _postback_answer(question: Message, data: Any) -> tuple[list, str]:
    chosen = _one_choice(data)
    for card in question.content_attributes.get("items", []):
        for action in card.get("actions", []):
            if (
                action.get("type") == "postback"
                and action.get("payload") == chosen["value"]
            ):
                return (
                    [{"title": action["text"], "value": action["payload"]}],
                    action["text"],
                )
    raise _not_offered()


def _csat_answer(question: Message, data: Any) -> tuple[dict, Summary]:
    checker = CsatAnswerSerializer(data=data)
    checker.is_valid(raise_exception=True)
    response = checker.validated_data["csat_survey_response"]
    values = {"csat_survey_response": dict(response)}
    if response.get("feedback_message"):
        line = (
            "csat.rating.feedback",
            {"rating": response["rating"], "feedback": response["feedback_message"]},
        )
    else:
        line = ("csat.rating", {"rating": response["rating"]})
    return values, line


def _form_value(field: dict, value: Any) -> Any:
    """The value checked against the field's type (a ``ValidationError``
    otherwise), as it is stored."""
    if field["type"] == "checkbox":
        if not isinstance(value, bool):
            raise serializers.ValidationError(gettext("Must be true or false."))
        return value
    # The type first: the rules below hash and compare the value.
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise serializers.ValidationError(gettext("Not a valid value."))
    if field["type"] == "select":
        if value not in {option["value"] for option in field["options"]}:
            raise serializers.ValidationError(
                gettext("Not one of the choices offered.")
            )
        return value
    checked = FORM_VALUES[field["type"]]().run_validation(value)
    if field.get("pattern"):
        _check_pattern(field, str(value))
    return checked.isoformat() if field["type"] == "date" else checked


def _check_pattern(field: dict, value: str) -> None:
    """``value`` matches the field's ``pattern`` (its ``error_text`` as the
    refusal); a pattern that runs past the time limit refuses too."""
    refusal = serializers.ValidationError(
        field.get("error_text") or gettext("Does not match the expected format.")
    )
    try:
        matched = regex.search(field["pattern"], value, timeout=PATTERN_TIMEOUT_SECONDS)
    except (regex.error, TimeoutError):
        raise refusal from None
    if matched is None:
        raise refusal


def _shown(field: dict, value: Any) -> str:
    if field["type"] == "checkbox":
        return "✓" if value else "✗"
    if field["type"] == "select":
        titles = {option["value"]: option["title"] for option in field["options"]}
        return titles[value]
    return str(value)


def _form_answer(question: Message, data: Any) -> tuple[list, str]:
    entries = serializers.ListField(
        child=FormEntrySerializer(), max_length=20
    ).run_validation(data)
    fields = {item["name"]: item for item in question.content_attributes["items"]}
    given: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for entry in entries:
        name = entry["name"]
        if name not in fields:
            errors[name] = [gettext("The form does not ask for this field.")]
        elif name in given:
            errors[name] = [gettext("Given twice.")]
        else:
            given[name] = entry.get("value")
    values, lines = [], []
    for name, field in fields.items():
        value = given.get(name)
        if field.get("hidden") or field.get("read_only"):
            # The form's own value: the visitor cannot change it.
            if value not in (None, "", field["value"]):
                errors[name] = [gettext("This field cannot be changed.")]
                continue
            value = field["value"]
        if value is None or value == "" or (field["type"] == "checkbox" and not value):
            if field.get("required"):
                errors[name] = [gettext("This field is required.")]
                continue
            if value is None or value == "":
                continue
        try:
            value = _form_value(field, value)
        except serializers.ValidationError as error:
            errors[name] = error.detail
            continue
        values.append({"name": name, "value": value})
        lines.append(f"{field['label']}: {_shown(field, value)}")
    if errors:
        raise serializers.ValidationError(errors)
    return values, "\n".join(lines)


ANSWER_RULES = {
    Type.INPUT_SELECT: _select_answer,
    Type.CARDS: _postback_answer,
    Type.INPUT_CSAT: _csat_answer,
    Type.FORM: _form_answer,
}


def check_answer(*, question: Message, submitted_values: Any) -> tuple[Any, Summary]:
    """The answer as stored, and its readable summary (the chosen title, the
    form's "Label: value" lines), or for a rating the kind and parameters of
    OneChat's line ("Rating: 4/5", ``conversations.lines``); a
    ``ValidationError`` under ``submitted_values`` naming what is wrong
    otherwise."""
    try:
        return ANSWER_RULES[question.content_type](question, submitted_values)
    except serializers.ValidationError as error:
        raise serializers.ValidationError({"submitted_values": error.detail}) from error


### Recording the answer


def answer_question(
    *, question: Message, contact: Contact, submitted_values: Any
) -> Message:
    """Record a contact's answer to ``question`` (a message of the contact's
    conversation that asks, ``selectors.get_contact_question``), once.

    In one transaction the question gets ``submitted_values`` and
    ``answered``, and the contact's answer is added as a text message replying
    to it (``in_reply_to``, ``submitted_values``, ``response_to``). Raises
    ``AlreadyAnswered`` for a second answer. Publishes ``message.updated``
    for the question and ``message.created`` for the answer. Returns the
    question.
    """
    with transaction.atomic():
        # The conversation first, then the message: the order a reaction
        # (``create_message``) takes them in, so the two never deadlock.
        services.lock_as_seen(
            conversation=question.conversation, seen_assignee_id=services.UNCHECKED
        )
        locked = Message.objects.select_for_update().get(pk=question.pk)
        if locked.content_attributes.get("answered"):
            raise AlreadyAnswered(gettext("This question has been answered."))
        values, summary = check_answer(
            question=locked, submitted_values=submitted_values
        )
        written: dict = {}
        if isinstance(summary, tuple):
            kind, params = summary
            summary, written = lines.written(
                kind=kind,
                params=params,
                locale=services.account_locale(question.conversation),
            )
        question.content_attributes = {
            **locked.content_attributes,
            "submitted_values": values,
            "answered": True,
        }
        question.save(update_fields=["content_attributes", "updated_at"])
        message_updated.send(sender=Message, message=question)
        services.create_message(
            conversation=question.conversation,
            message_type=Message.MessageType.INCOMING,
            content=summary,
            sender=contact,
            content_attributes={
                "in_reply_to": question.pk,
                "submitted_values": values,
                "response_to": question.content_type,
                **written,
            },
        )
    return question
