"""Assemble canonical records from a row's converted values, one function per kind.

Each assembler returns a Built: the record, the records it brings with it (an
inline place, the vehicles and phones an event names) and the references it
makes to other records (checked once every file has been read).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from joinedup.records import normalise
from joinedup.records.canonical import (
    Address,
    EventRecord,
    Identifier,
    IntelligenceGrade,
    OrganisationRecord,
    OtherName,
    Participant,
    PersonRecord,
    PhoneRecord,
    PlaceRecord,
    VehicleRecord,
)
from joinedup.records.fields import FieldError, shown

__all__ = ["ASSEMBLERS", "Built", "Labels", "Reference"]

Values = dict[str, Any]
Labels = dict[str, str]
"""Canonical field name -> the column it is read from (for problems)."""


@dataclass(frozen=True, slots=True)
class Reference:
    kind: str
    source_id: str
    label: str


@dataclass(slots=True)
class Built:
    kind: str
    source_id: str
    record: Any
    extras: list[tuple[str, Any]] = field(default_factory=list)
    """Records made on the way: (kind, record) for inline places, vehicles, phones."""
    references: list[Reference] = field(default_factory=list)


_IDENTIFIER_NORMALISERS: dict[str, Callable[[str], str]] = {
    "nhs_number": normalise.normalise_nhs_number,
    "upn": normalise.normalise_upn,
    "pnc_id": normalise.normalise_pnc_id,
    "ni_number": normalise.normalise_ni_number,
}
_ENTRY_FIELDS = {
    "person": ("other_names", "addresses", "phones", "emails", "identifiers"),
    "event": ("place", "participants", "vehicles", "phones", "organisations", "grade"),
    "organisation": ("licence_numbers", "place", "phones"),
}


def _checked(normalise_value: Callable[[str], str], text: str, label: str) -> str:
    try:
        return normalise_value(text)
    except ValueError as error:
        raise FieldError(label, shown(text), str(error)) from None


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def _simple_values(values: Values, kind: str) -> Values:
    entry_fields = _ENTRY_FIELDS.get(kind, ())
    return {k: v for k, v in values.items() if k not in entry_fields and v is not None}


def build_person(values: Values, labels: Labels) -> Built:
    fields: Values = {}
    for name, value in values.items():
        make_list = _PERSON_LISTS.get(name)
        if make_list is not None:
            if value:
                fields[name] = _unique(make_list(value))
        elif value is not None:
            fields[name] = value
    record = PersonRecord(**fields)
    return Built("person", record.source_id, record)


def _entry_values(entries: list[Values]) -> Iterable[Any]:
    for entry in entries:
        yield from entry["value"]


def _other_names(entries: list[Values]) -> Iterable[OtherName]:
    for entry in entries:
        kind, part = entry.get("kind") or "alias", entry.get("part") or "full"
        for name in entry["value"]:
            if part == "full" and len(name.split()) == 1:
                yield OtherName(kind, forenames=name)  # a name used alone: "Kay", "Bob"
            elif part == "full":
                *forenames, surname = name.split()
                yield OtherName(kind, " ".join(forenames), surname)
            elif part == "forenames":
                yield OtherName(kind, forenames=name)
            else:
                yield OtherName(kind, surname=name)


def _addresses(entries: list[Values]) -> Iterable[Address]:
    for entry in entries:
        parts = [entry.get(k) for k in ("postcode", "uprn", "line", "from", "to")]
        if any(part is not None for part in parts):
            yield Address(*parts)


def _identifiers(entries: list[Values]) -> Iterable[Identifier]:
    for entry in entries:
        scheme = entry["scheme"]
        normalise_value = _IDENTIFIER_NORMALISERS.get(scheme, str.strip)
        for value in entry["value"]:
            yield Identifier(scheme, _checked(normalise_value, value, entry["label"]))


def build_event(values: Values, labels: Labels) -> Built:
    simple = _simple_values(values, "event")
    built = Built("event", simple["source_id"], None)
    place_id = _place(values, labels, built)
    vehicles = _unique(_vehicles(values.get("vehicles", ()), built))
    phones = _unique(_phones(values.get("phones", ()), built))
    organisations = _unique(_organisations(values.get("organisations", ()), built))
    participants = _unique(_participants(values.get("participants", ()), built))
    simple.pop("place_id", None)
    built.record = EventRecord(
        **simple,
        place_source_id=place_id,
        participants=participants,
        vehicle_source_ids=vehicles,
        phone_source_ids=phones,
        organisation_source_ids=organisations,
        grade=_grade(values.get("grade", ())),
    )
    return built


def _place(values: Values, labels: Labels, built: Built) -> str | None:
    """The place_id referred to, or the source_id of the inline place (made as an extra)."""
    if values.get("place_id") is not None:
        built.references.append(Reference("place", values["place_id"], labels["place_id"]))
        return str(values["place_id"])
    for entry in values.get("place", ()):
        place = inline_place(entry)
        if place is not None:
            built.extras.append(("place", place))
            return place.source_id
    return None


def inline_place(entry: Values) -> PlaceRecord | None:
    """A place written inline, keyed by 'auto:' and a hash of its normalised content."""
    parts = {k: entry.get(k) for k in ("name", "postcode", "uprn", "address_line")}
    if all(v is None for v in parts.values()):
        return None
    kind = entry.get("kind") or "other"
    content = [kind] + [" ".join(str(v).split()).casefold() if v else "" for v in parts.values()]
    digest = hashlib.sha256(json.dumps(content).encode("utf-8")).hexdigest()
    return PlaceRecord(source_id="auto:" + digest[:16], kind=kind, **parts)


def _vehicles(entries: list[Values], built: Built) -> Iterable[str]:
    for entry in entries:
        for registration, written in entry["value"]:
            built.extras.append(("vehicle", VehicleRecord(registration, registration, written)))
            yield registration


def _phones(entries: list[Values], built: Built) -> Iterable[str]:
    for entry in entries:
        for number, written in entry["value"]:
            built.extras.append(("phone", PhoneRecord(number, number, written)))
            yield number


def _organisations(entries: list[Values], built: Built) -> Iterable[str]:
    for entry in entries:
        for source_id in entry["value"]:
            built.references.append(Reference("organisation", source_id, entry["label"]))
            yield source_id


def _participants(entries: list[Values], built: Built) -> Iterable[Participant]:
    for entry in entries:
        for source_id in entry["value"]:
            built.references.append(Reference("person", source_id, entry["label"]))
            yield Participant(source_id, entry["role"])


def _grade(entries: list[Values]) -> IntelligenceGrade | None:
    for entry in entries:
        if entry.get("value") is not None:
            grade: IntelligenceGrade = entry["value"]
            return grade
        parts = [entry.get(k) for k in ("source", "intelligence", "handling")]
        if all(parts):
            return IntelligenceGrade(*(str(p) for p in parts))
        if any(parts):
            found = "".join(p or "?" for p in parts)
            raise FieldError("grade", found, "all of source, intelligence and handling, or none")
    return None


def build_place(values: Values, labels: Labels) -> Built:
    record = PlaceRecord(**_simple_values(values, "place"))
    return Built("place", record.source_id, record)


def build_vehicle(values: Values, labels: Labels) -> Built:
    registration, written = values["registration"]
    simple = _simple_values(values, "vehicle") | {"registration": registration}
    record = VehicleRecord(**{"source_id": registration, **simple}, registration_as_written=written)
    return Built("vehicle", record.source_id, record)


def build_phone(values: Values, labels: Labels) -> Built:
    number, written = values["number"]
    source_id = values.get("source_id") or number
    record = PhoneRecord(source_id, number, written)
    return Built("phone", record.source_id, record)


def build_organisation(values: Values, labels: Labels) -> Built:
    simple = _simple_values(values, "organisation")
    simple.pop("place_id", None)
    built = Built("organisation", simple["source_id"], None)
    built.record = OrganisationRecord(
        **simple,
        licence_numbers=_unique(_entry_values(values.get("licence_numbers", []))),
        place_source_id=_place(values, labels, built),
        phone_source_ids=_unique(_phones(values.get("phones", ()), built)),
    )
    return built


_PERSON_LISTS: dict[str, Callable[[list[Values]], Iterable[Any]]] = {
    "other_names": _other_names,
    "addresses": _addresses,
    "phones": _entry_values,
    "emails": _entry_values,
    "identifiers": _identifiers,
}

ASSEMBLERS: dict[str, Callable[[Values, Labels], Built]] = {
    "person": build_person,
    "event": build_event,
    "place": build_place,
    "vehicle": build_vehicle,
    "phone": build_phone,
    "organisation": build_organisation,
}
