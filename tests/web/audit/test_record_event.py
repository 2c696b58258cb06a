"""`record_event` appends to one unbroken chain, refuses changes, and never forks."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory

from joinedup.web.audit.chain import GENESIS, entry_hash
from joinedup.web.audit.models import AuditEntry, AuditHead
from joinedup.web.audit.services import record_event
from tests.web.audit.conftest import ALICE, FakeUser


@pytest.mark.django_db
def test_entries_chain_from_genesis_and_snapshot_the_actor() -> None:
    request = RequestFactory().get("/people/1/", REMOTE_ADDR="10.0.0.5", HTTP_USER_AGENT="Firefox")
    first = record_event(
        ALICE, "person.view", target_type="person", target_id=12, purpose="assessment",
        basis="allocation", detail={"b": 1, "a": [1, 2]}, request=request,
    )  # fmt: skip
    second = record_event(None, "sign_in.failure", detail={"username": "mallory"})
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    stored = AuditEntry.objects.get(sequence=1)
    assert (stored.actor_id, stored.actor_username, stored.actor_role) == ("7", "alice", ALICE.role)
    assert (stored.target_id, stored.ip_address, stored.user_agent) == ("12", "10.0.0.5", "Firefox")
    fields = {f.name: getattr(stored, f.name) for f in AuditEntry._meta.fields}
    assert entry_hash(GENESIS, fields) == stored.hash
    assert AuditEntry.objects.get(sequence=2).actor_username == ""
    head = AuditHead.objects.get()
    assert (head.sequence, head.hash) == (2, second.hash)


@pytest.mark.django_db
def test_an_entry_rolls_back_with_the_write_it_audits() -> None:
    record_event(ALICE, "person.view")
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(ALICE, "grade.record")
        raise RuntimeError("the audited write failed")
    after = record_event(ALICE, "person.view")
    assert after.sequence == 2
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["person.view"] * 2


@pytest.mark.django_db
def test_database_refuses_update_and_delete_of_entries() -> None:
    entry = record_event(ALICE, "person.view")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(purpose="nothing to see")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.get().purpose == ""


@pytest.mark.django_db
def test_database_refuses_moving_the_head_backwards_or_deleting_it() -> None:
    record_event(ALICE, "person.view")
    record_event(ALICE, "person.view")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditHead.objects.update(sequence=1)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditHead.objects.all().delete()
    assert AuditHead.objects.get().sequence == 2


@pytest.mark.django_db
def test_truncate_is_refused_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    record_event(ALICE, "person.view")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE audit_auditentry CASCADE")


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads share one SQLite in-memory database; PostgreSQL shows the locking")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(15):
                record_event(FakeUser(n, f"user{n}", "auditor"), "person.view", target_id=i)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    entries = list(AuditEntry.objects.order_by("sequence"))
    assert [e.sequence for e in entries] == list(range(1, 91))
    previous = GENESIS
    for entry in entries:
        assert entry.prev_hash == previous
        previous = entry.hash
    assert AuditHead.objects.get().hash == previous


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_puts_the_triggers_back() -> None:
    record_event(ALICE, "person.view")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists() and not AuditHead.objects.exists()
    entry = record_event(ALICE, "person.view")
    assert (entry.sequence, entry.prev_hash) == (1, GENESIS)
    with pytest.raises(IntegrityError, match="append-only"):
        AuditEntry.objects.all().delete()


@pytest.mark.django_db
def test_signed_out_visitor_is_recorded_as_no_one() -> None:
    from django.contrib.auth.models import AnonymousUser

    entry = record_event(AnonymousUser(), "sign_in.failure", detail={"username": "x"})
    assert (entry.actor_id, entry.actor_username, entry.actor_role) == ("", "", "")


@pytest.mark.django_db
def test_awkward_detail_values_still_verify_after_the_database_round_trip() -> None:
    from datetime import date

    from joinedup.web.audit.checking import verify_audit_log

    detail = {
        "floats": [1.0, 0.1, 1e20, -2.5e-7, 123456789.125],
        "big": 2**70,
        "text": 'Zoë said “no” – 💬 \u2028 \\ "quoted"',
        "nested": {"b": [True, False, None], "a": {}},
        "when": date(2025, 3, 27),
    }
    record_event(ALICE, "person.view", detail=detail)
    stored = AuditEntry.objects.get().detail
    assert stored["when"] == "2025-03-27"
    assert verify_audit_log().intact
