"""What the audit log records, and from which signals: saves and deletions
of the audited models (``registry``), sign-ins, contact exports and
erasures, message edits and deletions. Connected in ``AuditConfig.ready()``.

Messages themselves are never audited: only their revisions are."""

from dataclasses import replace
from typing import Any

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpRequest

from accounts.models import Account, AccountUser, User
from audit import services
from audit.context import Actor, current_actor, request_uuid_of
from audit.models import AuditLog
from audit.registry import MASKED, Audited, audited_models
from common.addresses import client_address
from contacts.signals import contact_data_exported, contact_erased
from conversations.signals import message_revised

_BEFORE = "_audit_before"
_AUDITED: dict[type[models.Model], Audited] = {}


def connect() -> None:
    """Connect every receiver of the audit log."""
    _AUDITED.update(audited_models())
    for model in _AUDITED:
        pre_save.connect(remember_before, sender=model, dispatch_uid="audit-pre")
        post_save.connect(record_save, sender=model, dispatch_uid="audit-save")
        post_delete.connect(record_delete, sender=model, dispatch_uid="audit-delete")
        m2m_changed.connect(record_added, sender=model, dispatch_uid="audit-m2m")
    user_logged_in.connect(record_sign_in, dispatch_uid="audit-sign-in")
    user_logged_out.connect(record_sign_out, dispatch_uid="audit-sign-out")
    user_login_failed.connect(record_sign_in_failed, dispatch_uid="audit-failed")
    contact_data_exported.connect(record_export, dispatch_uid="audit-export")
    contact_erased.connect(record_erase, dispatch_uid="audit-erase")
    message_revised.connect(record_message_revision, dispatch_uid="audit-message")


### Settings: saves and deletions of the audited models


def _value(value: Any) -> Any:
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def _is_default(model: type[models.Model], name: str, value: Any) -> bool:
    """Whether a new row's ``value`` says nothing: empty, or the default."""
    value = _value(value)
    default = model._meta.get_field(name).get_default()
    return value in (None, "", [], {}) or value == _value(default)


def _touches(entry: Audited, update_fields: Any) -> bool:
    if update_fields is None:
        return True
    saved = {name.removesuffix("_id") for name in update_fields}
    return any(
        name.removesuffix("_id") in saved for name in entry.fields + entry.secrets
    )


def remember_before(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Read the audited fields as stored, before an update writes them."""
    entry = _AUDITED[sender]
    if raw or instance._state.adding or not _touches(entry, update_fields):
        instance.__dict__[_BEFORE] = None
        return
    names = entry.fields + entry.secrets
    stored = sender._base_manager.filter(pk=instance.pk).values(*names).first()
    instance.__dict__[_BEFORE] = stored


def record_save(sender, instance, created, raw=False, **kwargs) -> None:
    """A create with the values set, an update with what changed."""
    entry = _AUDITED[sender]
    if raw:
        return
    if created:
        changes = {
            name: [None, _value(getattr(instance, name))]
            for name in entry.fields
            if not _is_default(sender, name, getattr(instance, name))
        }
        _record(entry, instance, AuditLog.Action.CREATE, changes)
        return
    before = instance.__dict__.pop(_BEFORE, None)
    if not before:
        return
    changes = {
        name: [before[name], _value(getattr(instance, name))]
        for name in entry.fields
        if before[name] != _value(getattr(instance, name))
    }
    changes |= {
        name: [MASKED, MASKED]
        for name in entry.secrets
        if before[name] != getattr(instance, name)
    }
    if changes:
        _record(entry, instance, AuditLog.Action.UPDATE, changes)


def record_delete(sender, instance, origin=None, **kwargs) -> None:
    """What a person deleted, not what went with it (an inbox's members), and
    nothing of an account being deleted (its log goes with it)."""
    entry = _AUDITED[sender]
    origin_model = getattr(origin, "model", type(origin))
    if origin_model is not sender or sender is Account:
        return
    changes = {
        name: [_value(getattr(instance, name)), None]
        for name in entry.fields
        if _value(getattr(instance, name)) not in (None, "", [], {})
    }
    _record(entry, instance, AuditLog.Action.DESTROY, changes)


def record_added(sender, instance, action, model, pk_set, **kwargs) -> None:
    """Rows of a through model (an inbox's or a team's members) that
    ``members.add()`` wrote in bulk, without saves."""
    if action != "post_add" or not pk_set:
        return
    links = {
        field.related_model: field.name
        for field in sender._meta.concrete_fields
        if field.is_relation
    }
    rows = sender._base_manager.filter(
        **{links[type(instance)]: instance, f"{links[model]}__in": pk_set}
    )
    for row in rows:
        record_save(sender, row, created=True)


def _record(entry: Audited, instance: Any, action: str, changes: dict) -> None:
    account_id = entry.account_of(instance)
    if not account_id:
        return
    services.record(
        account_id=account_id,
        action=action,
        auditable_type=entry.auditable_type,
        auditable_id=instance.pk,
        name=entry.name_of(instance),
        changes=changes,
    )


### Sign-ins: one entry in each of the user's accounts


def _request_actor(request: HttpRequest | None, user: Any = None) -> Actor:
    if request is None:
        return Actor(user=user)
    return Actor(
        user=user,
        remote_address=client_address(request),
        request_uuid=request_uuid_of(request),
    )


def _record_user(user: User, action: str, actor: Actor) -> None:
    accounts = AccountUser.objects.filter(user=user).values_list("account_id")
    for (account_id,) in accounts:
        services.record(
            account_id=account_id,
            action=action,
            auditable_type="User",
            auditable_id=user.pk,
            name=user.get_username(),
            actor=actor,
        )


def record_sign_in(sender, request=None, user=None, **kwargs) -> None:
    """A user signed in (the dashboard's form, an invitation, /admin/)."""
    if user is not None:
        _record_user(user, AuditLog.Action.SIGN_IN, _request_actor(request, user))


def record_sign_out(sender, request=None, user=None, **kwargs) -> None:
    """A user signed out."""
    if user is not None and user.is_authenticated:
        _record_user(user, AuditLog.Action.SIGN_OUT, _request_actor(request, user))


def record_sign_in_failed(sender, credentials=None, request=None, **kwargs) -> None:
    """A refused password sign-in for a known user's email, in that user's
    accounts, with the address it came from; an unknown email belongs to no
    account."""
    email = str((credentials or {}).get("username") or "")[:255]
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        actor = replace(_request_actor(request), username=email)
        _record_user(user, AuditLog.Action.SIGN_IN_FAILED, actor)


### Contacts' data and messages: the actor is named by the sender


def _as(user: Any) -> Actor:
    """``user`` acting from the current request's address (if any)."""
    return replace(current_actor(), user=user, username="")


def record_export(sender, contact, actor=None, **kwargs) -> None:
    """A contact's data was exported."""
    services.record(
        account_id=contact.account_id,
        action=AuditLog.Action.EXPORT,
        auditable_type="Contact",
        auditable_id=contact.pk,
        name=contact.name or "",
        actor=_as(actor),
    )


def record_erase(sender, account, contact_id, actor=None, **kwargs) -> None:
    """A contact's data was erased."""
    services.record(
        account_id=account.pk,
        action=AuditLog.Action.ERASE,
        auditable_type="Contact",
        auditable_id=contact_id,
        actor=_as(actor),
    )


def record_message_revision(sender, message, revision, **kwargs) -> None:
    """A message was edited or deleted: its text before and after."""
    action = (
        AuditLog.Action.DESTROY
        if revision.action == revision.Action.DELETE
        else AuditLog.Action.UPDATE
    )
    services.record(
        account_id=message.account_id,
        action=action,
        auditable_type="Message",
        auditable_id=message.pk,
        name=f"#{message.conversation.display_id}",
        changes={"content": [revision.content, message.content]},
        actor=_as(revision.actor),
    )
