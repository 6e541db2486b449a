"""Retention: a setting in the account API; the daily sweep job erases
contacts inactive for the account's days and deletes older attachments
with their files, and queues the next day's sweep."""

from datetime import timedelta
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.module_loading import import_string

from contacts.models import Contact
from conversations.models import Attachment, Message
from privacy import services
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

SWEEP = "privacy.tasks.sweep_retention"


def sweeps() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=SWEEP, status="READY"))


def run_sweep() -> None:
    """Run the queued sweep as the worker would, a day later."""
    [job] = sweeps()
    assert job.run_after > timezone.now() + timedelta(hours=23)
    job.delete()
    import_string(job.task_path).call()


def test_retention_is_set_in_the_account_api(as_admin, as_agent, account):
    url = f"/api/v1/accounts/{account.pk}"
    response = as_admin.patch(
        url,
        {"contact_retention_days": 30, "attachment_retention_days": 7},
        format="json",
    )
    assert response.status_code == 200, response.content
    shown = as_admin.get(url).json()
    assert (shown["contact_retention_days"], shown["attachment_retention_days"]) == (
        30,
        7,
    )
    for bad in (0, -1, "x", 10**6):
        response = as_admin.patch(url, {"contact_retention_days": bad}, format="json")
        assert response.status_code == 400
    assert (
        as_agent.patch(url, {"contact_retention_days": 1}, format="json").status_code
        == 403
    )
    response = as_admin.patch(url, {"contact_retention_days": None}, format="json")
    assert response.json()["contact_retention_days"] is None


def test_the_daily_sweep_erases_and_deletes_what_is_due(account, conversation):
    now = timezone.now()
    stale = conversation.contact
    stale.email = "old@example.com"
    stale.save()
    Contact.objects.filter(pk=stale.pk).update(
        last_activity_at=now - timedelta(days=40)
    )
    fresh = factories.ContactFactory(account=account, email="new@example.com")
    Contact.objects.filter(pk=fresh.pk).update(last_activity_at=now - timedelta(days=2))
    message = factories.MessageFactory(
        conversation=conversation, message_type=Message.MessageType.OUTGOING
    )
    old = Attachment.objects.create(
        account=account,
        message=message,
        file_type="file",
        file=ContentFile(b"a", "old.txt"),
    )
    new = Attachment.objects.create(
        account=account,
        message=message,
        file_type="file",
        file=ContentFile(b"b", "new.txt"),
    )
    Attachment.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=10))
    old_path, new_path = Path(old.file.path), Path(new.file.path)
    other = factories.ContactFactory(email="else@example.com")
    Contact.objects.filter(pk=other.pk).update(
        last_activity_at=now - timedelta(days=400)
    )

    assert sweeps() == []
    account.contact_retention_days = 30
    account.attachment_retention_days = 7
    account.save()
    run_sweep()

    stale.refresh_from_db()
    assert stale.email is None and stale.erased_at is not None
    assert Contact.objects.get(pk=fresh.pk).email == "new@example.com"
    assert Contact.objects.get(pk=other.pk).email == "else@example.com"
    assert list(Attachment.objects.values_list("pk", flat=True)) == [new.pk]
    assert not old_path.exists() and new_path.exists()
    assert Message.objects.filter(pk=message.pk).exists()
    # Tomorrow's sweep is queued.
    assert len(sweeps()) == 1


def test_the_sweep_works_in_batches(account, monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    account.contact_retention_days = 1
    account.save()
    long_ago = timezone.now() - timedelta(days=5)
    for index in range(5):
        contact = factories.ContactFactory(
            account=account, email=f"c{index}@example.com"
        )
        Contact.objects.filter(pk=contact.pk).update(last_activity_at=long_ago)
    assert services.erase_inactive_contacts(account=account, now=timezone.now()) == 2
    run_sweep()
    assert not Contact.objects.filter(email__isnull=False).exists()
