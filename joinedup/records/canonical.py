"""The canonical records: one dataclass per kind of thing an agency records.

Every record carries the agency's own key (`source_id`). `content_hash()` is
computed over the canonical content only, so re-importing an unchanged row is
recognised and a changed row becomes a new version.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from joinedup.records.partial_dates import PartialDate, PartialDateTime

__all__ = [
    "Address",
    "CanonicalBatch",
    "EventRecord",
    "Identifier",
    "IntelligenceGrade",
    "OrganisationRecord",
    "OtherName",
    "Participant",
    "PersonRecord",
    "PhoneRecord",
    "PlaceRecord",
    "VehicleRecord",
]


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate | PartialDateTime):
        return value.iso()
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class _Record:
    """Shared behaviour: a JSON-ready dict and a stable content hash."""

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = _plain(self)
        return result

    def content_hash(self) -> str:
        payload = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class OtherName:
    """An alias, previous surname, nickname or birth name (kind from vocabulary)."""

    kind: str
    forenames: str | None = None
    surname: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    postcode: str | None = None
    """Normalised UK postcode, e.g. 'TF1 2AB'."""
    uprn: str | None = None
    line: str | None = None
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier with its scheme: nhs_number, upn, pnc_id, ni_number, case_id, ..."""

    scheme: str
    value: str


@dataclass(frozen=True, slots=True)
class PersonRecord(_Record):
    """One agency's record of one person (a SourcePerson)."""

    source_id: str
    forenames: str | None = None
    surname: str | None = None
    other_names: tuple[OtherName, ...] = ()
    dob: PartialDate | None = None
    sex: str = "not_known"
    """Vocabulary `sex`: female, male, indeterminate, not_known."""
    gender: str | None = None
    ethnicity: str = "not_known"
    """ONS 2021 category code, or not_known / not_stated (vocabulary `ethnicity`)."""
    nationality: str | None = None
    age_group: str = "not_known"
    """child, adult or not_known (vocabulary `age_group`)."""
    addresses: tuple[Address, ...] = ()
    phones: tuple[str, ...] = ()
    """E.164, e.g. '+447700900123'."""
    emails: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()


@dataclass(frozen=True, slots=True)
class Participant:
    """A person in an event, by the agency's own person key, with their role."""

    person_source_id: str
    role: str
    """Vocabulary `participant_role`: subject, victim, suspect, associate, witness, ..."""


@dataclass(frozen=True, slots=True)
class IntelligenceGrade:
    """The 3x5x2 grade: source (1-3), intelligence (A-E), handling (P or C)."""

    source: str
    intelligence: str
    handling: str

    def code(self) -> str:
        return f"{self.source}{self.intelligence}{self.handling}"


@dataclass(frozen=True, slots=True)
class EventRecord(_Record):
    """Something an agency recorded as happening."""

    source_id: str
    event_type: str
    """Vocabulary `event_type`."""
    occurred: PartialDateTime
    recorded: date | None = None
    place_source_id: str | None = None
    summary: str = ""
    narrative: str | None = None
    """Restricted narrative; encrypted at rest by the system of record."""
    sensitivity: str = "standard"
    """Vocabulary `sensitivity`: standard, special_category, criminal_offence."""
    participants: tuple[Participant, ...] = ()
    vehicle_source_ids: tuple[str, ...] = ()
    phone_source_ids: tuple[str, ...] = ()
    organisation_source_ids: tuple[str, ...] = ()
    grade: IntelligenceGrade | None = None


@dataclass(frozen=True, slots=True)
class PlaceRecord(_Record):
    source_id: str
    name: str | None = None
    kind: str = "other"
    """Vocabulary `place_kind`: home, school, takeaway, hotel, taxi_firm, park, ..."""
    postcode: str | None = None
    uprn: str | None = None
    address_line: str | None = None


@dataclass(frozen=True, slots=True)
class VehicleRecord(_Record):
    source_id: str
    registration: str
    """Normalised: upper case, no spaces, e.g. 'AB12CDE'."""
    registration_as_written: str | None = None
    make: str | None = None
    model: str | None = None
    colour: str | None = None


@dataclass(frozen=True, slots=True)
class PhoneRecord(_Record):
    source_id: str
    number: str
    """E.164."""
    number_as_written: str | None = None


@dataclass(frozen=True, slots=True)
class OrganisationRecord(_Record):
    source_id: str
    name: str
    kind: str = "other"
    """Vocabulary `organisation_kind`: taxi_firm, takeaway, hotel, school, ..."""
    licence_numbers: tuple[str, ...] = ()
    place_source_id: str | None = None
    phone_source_ids: tuple[str, ...] = ()


RECORD_KINDS = ("person", "event", "place", "vehicle", "phone", "organisation")


@dataclass(slots=True)
class CanonicalBatch:
    """Everything read from one import: records by kind, keyed by source_id, plus
    where each came from (file and row) so problems can be reported precisely."""

    agency_code: str
    persons: dict[str, PersonRecord] = field(default_factory=dict)
    events: dict[str, EventRecord] = field(default_factory=dict)
    places: dict[str, PlaceRecord] = field(default_factory=dict)
    vehicles: dict[str, VehicleRecord] = field(default_factory=dict)
    phones: dict[str, PhoneRecord] = field(default_factory=dict)
    organisations: dict[str, OrganisationRecord] = field(default_factory=dict)
    origins: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    """(kind, source_id) -> (file name, row number) of the row that produced it."""

    def counts(self) -> dict[str, int]:
        return {
            "person": len(self.persons),
            "event": len(self.events),
            "place": len(self.places),
            "vehicle": len(self.vehicles),
            "phone": len(self.phones),
            "organisation": len(self.organisations),
        }
