"""Sign-ins, sign-outs and failed sign-ins in each of the user's accounts
with the address; contact exports and erasures; the trimming job."""

from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django.utils.module_loading import import_string

from audit.models import AuditLog
from audit.services import record
from contacts.signals import contact_data_exported, contact_erased
from tests import factories
from tests.audit.conftest import entries, only
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def browser() -> Client:
    return Client(REMOTE_ADDR="198.51.100.9")


def test_sign_in_and_out_in_every_account(account, administrator, fresh_log):
    second = factories.AccountUserFactory(user=administrator).account
    client = browser()
    answer = client.post("/", {"email": administrator.email, "password": PASSWORD})
    assert answer.status_code == 302
    client.post("/sign-out")
    for each in (account, second):
        signed_in = only(each, action="sign_in")
        assert signed_in.user == administrator
        assert signed_in.remote_address == "198.51.100.9"
        assert only(each, action="sign_out").user == administrator


def test_failed_sign_in_is_recorded_with_the_address(administrator, account, fresh_log):
    answer = browser().post("/", {"email": administrator.email, "password": "nope"})
    assert answer.status_code == 400
    entry = only(account, action="sign_in_failed")
    assert entry.user is None and entry.username == administrator.email
    assert entry.auditable_type == "User" and entry.auditable_id == administrator.pk
    assert entry.remote_address == "198.51.100.9"
    assert "nope" not in str(AuditLog.objects.values())


def test_unknown_email_belongs_to_no_account(account, fresh_log):
    browser().post("/", {"email": "nobody@example.com", "password": "nope"})
    assert AuditLog.objects.count() == 0


def test_contact_export_and_erase(account, administrator, contact, fresh_log):
    contact_data_exported.send(sender=None, contact=contact, actor=administrator)
    contact_erased.send(
        sender=None, account=account, contact_id=contact.pk, actor=administrator
    )
    exported, erased = entries(account)
    assert (exported.action, erased.action) == ("export", "erase")
    assert exported.auditable_type == erased.auditable_type == "Contact"
    assert erased.auditable_id == contact.pk and erased.user == administrator


def test_trimming_job_drops_entries_past_the_days(account, settings, fresh_log):
    settings.ONECHAT_AUDIT_LOG_DAYS = 30
    DBTaskResult.objects.all().delete()
    cache.clear()
    old = record(
        account_id=account.pk, action="update", auditable_type="Team", auditable_id=1
    )
    AuditLog.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    kept = record(
        account_id=account.pk, action="update", auditable_type="Team", auditable_id=2
    )
    jobs = DBTaskResult.objects.filter(task_path="audit.tasks.trim_log")
    assert jobs.count() == 1
    job = jobs.get()
    assert job.run_after > timezone.now() + timedelta(minutes=59)
    import_string(job.task_path).call(**job.args_kwargs["kwargs"])
    assert list(AuditLog.objects.values_list("pk", flat=True)) == [kept.pk]


def test_admin_lists_entries_read_only(administrator, account):
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    client = browser()
    client.force_login(administrator)
    listing = client.get("/admin/audit/auditlog/")
    assert listing.status_code == 200
    entry = AuditLog.objects.filter(account=account).first()
    assert client.post(f"/admin/audit/auditlog/{entry.pk}/delete/").status_code == 403
