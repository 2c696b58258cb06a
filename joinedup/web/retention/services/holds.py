"""Legal holds: placing and lifting them, and which records they cover.

A hold covers every record, one type of record (from the schedule), one agency's
records, or the records about named persons. A person named on a hold who was later
merged into another stays covered: the hold follows them to the person kept. Records
under an active hold never appear as due and cannot be destroyed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency
from joinedup.web.retention.models import LegalHold
from joinedup.web.retention.registry import RetainedRecord
from joinedup.web.retention.services.schedule import load_schedule
from joinedup.web.retention.services.vocabulary import hold_purposes, hold_scopes

__all__ = ["HoldCover", "HoldRequest", "active_holds", "lift_hold", "place_hold", "scope_text"]


@dataclass(frozen=True, slots=True)
class HoldRequest:
    name: str
    purpose: str
    reason: str
    scope: str
    record_type: str = ""
    agency_code: str = ""
    person_ids: tuple[str, ...] = ()


def active_holds() -> list[LegalHold]:
    return list(LegalHold.objects.filter(lifted_at__isnull=True).select_related("agency"))


def place_hold(user: User, wanted: HoldRequest, request: HttpRequest | None = None) -> LegalHold:
    """Place a hold (InputError says what is wrong with the request); audited."""
    agency = _check(wanted)
    with transaction.atomic():
        hold = LegalHold.objects.create(
            name=wanted.name, purpose=wanted.purpose, reason=wanted.reason, scope=wanted.scope,
            record_type=wanted.record_type if wanted.scope == LegalHold.RECORD_TYPE else "",
            agency=agency, person_ids=list(wanted.person_ids), placed_by=user,
            placed_at=timezone.now(),
        )  # fmt: skip
        record_event(user, "retention.hold_placed", target_type="legal_hold",
                     target_id=hold.pk, request=request, detail=_described(hold))  # fmt: skip
    return hold


def lift_hold(user: User, hold: LegalHold, reason: str, request: HttpRequest | None = None) -> None:
    if not reason.strip():
        raise InputError("Enter why the hold can be lifted")
    with transaction.atomic():
        locked = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if not locked.active:
            raise InputError("This hold has already been lifted")
        locked.lifted_by, locked.lifted_at, locked.lift_reason = user, timezone.now(), reason
        locked.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
        record_event(user, "retention.hold_lifted", target_type="legal_hold",
                     target_id=hold.pk, request=request, detail=_described(locked))  # fmt: skip


def _check(wanted: HoldRequest) -> Agency | None:
    if wanted.purpose not in hold_purposes() or wanted.scope not in hold_scopes():
        raise InputError("Select a purpose and a scope from the lists")
    if wanted.purpose == "survivor_interest" and wanted.scope != LegalHold.PERSONS:
        raise InputError("A survivor's interest in their records is a hold on named persons")
    if wanted.scope == LegalHold.RECORD_TYPE:
        if wanted.record_type not in load_schedule().record_types:
            raise InputError("Select a type of record from the schedule")
    if wanted.scope == LegalHold.PERSONS:
        _check_persons(wanted.person_ids)
    if wanted.scope != LegalHold.AGENCY:
        return None
    agency = Agency.objects.filter(code=wanted.agency_code).first()
    if agency is None:
        raise InputError("Select the agency whose records are held")
    return agency


def _check_persons(person_ids: Iterable[str]) -> None:
    wanted = set(person_ids)
    if not wanted:
        raise InputError("Enter the person index ids of the persons whose records are held")
    known = set(Person.objects.filter(person_id__in=wanted).values_list("person_id", flat=True))
    unknown = sorted(wanted - known)
    if unknown:
        raise InputError(f"No person has the id {', '.join(unknown)}: check the ids")


def _described(hold: LegalHold) -> dict[str, object]:
    return {"name": hold.name, "purpose": hold.purpose, "scope": hold.scope,
            "record_type": hold.record_type, "agency": hold.agency.code if hold.agency else "",
            "person_ids": hold.person_ids, "lift_reason": hold.lift_reason}  # fmt: skip


def scope_text(hold: LegalHold) -> str:
    """The hold's scope in words: "Every record", "Agency: CSC", ..."""
    if hold.scope == LegalHold.RECORD_TYPE:
        found = load_schedule().record_types.get(hold.record_type)
        return f"Type of record: {found.label if found else hold.record_type}"
    if hold.scope == LegalHold.AGENCY and hold.agency is not None:
        return f"Agency: {hold.agency.name} ({hold.agency.code})"
    if hold.scope == LegalHold.PERSONS:
        return f"Named persons: {', '.join(hold.person_ids)}"
    return "Every record"


class HoldCover:
    """Which active holds cover a record (built once for a list of records)."""

    def __init__(self, holds: list[LegalHold] | None = None) -> None:
        self.holds = active_holds() if holds is None else holds
        self._persons = {h.pk: _followed(h.person_ids) for h in self.holds if h.person_ids}

    def holds_on(self, record: RetainedRecord) -> list[LegalHold]:
        return [hold for hold in self.holds if self._covers(hold, record)]

    def _covers(self, hold: LegalHold, record: RetainedRecord) -> bool:
        if hold.scope == LegalHold.RECORD_TYPE:
            return hold.record_type == record.record_type
        if hold.scope == LegalHold.AGENCY:
            return hold.agency is not None and hold.agency.code == record.agency
        if hold.scope == LegalHold.PERSONS:
            return bool(record.subject_person_id) and (
                record.subject_person_id in self._persons.get(hold.pk, set())
            )
        return True


def _followed(person_ids: Iterable[str]) -> set[str]:
    """The ids named and the ids of the persons they were merged into, in turn."""
    found, frontier = set(person_ids), set(person_ids)
    while frontier:
        merged = Person.objects.filter(person_id__in=frontier, merged_into__isnull=False)
        frontier = set(merged.values_list("merged_into__person_id", flat=True)) - found
        found |= frontier
    return found
