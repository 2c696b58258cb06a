"""Move canonical records (joinedup.records) into the system of record.

The core never learns about the ORM: it hands over a CanonicalBatch and this
module writes it, in one transaction, as creations, new versions or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from joinedup.records.canonical import (
    CanonicalBatch,
    EventRecord,
    OrganisationRecord,
    PersonRecord,
    PhoneRecord,
    PlaceRecord,
    VehicleRecord,
)
from joinedup.web.records import models as m

CHUNK = 900  # below SQLite's default limit on query parameters

Record = Any
Row = tuple[int, str, int]  # pk, content_hash, version


def chunked(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def lookup(
    model: type[m.VersionedRecord], agency: m.Agency, source_ids: Iterable[str]
) -> dict[str, Row]:
    """source_id -> (pk, content_hash, version) for the given ids already stored."""
    found: dict[str, Row] = {}
    ids = sorted(set(source_ids))
    for part in chunked(ids):
        rows = model._default_manager.filter(agency=agency, source_id__in=part).values_list(
            "source_id", "pk", "content_hash", "version"
        )
        found.update({sid: (pk, h, v) for sid, pk, h, v in rows})
    return found


@dataclass
class KindCounts:
    created: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass
class Refs:
    """Primary keys of every record an incoming record may point at, by kind."""

    pks: dict[str, dict[str, int]] = field(default_factory=dict)

    def pk(self, kind: str, source_id: str | None) -> int | None:
        if source_id is None:
            return None
        return self.pks[kind][source_id]


@dataclass(frozen=True)
class KindWriter:
    kind: str
    model: type[m.VersionedRecord]
    fields: Callable[[Record, Refs], dict[str, Any]]
    write_children: Callable[[list[tuple[int, Record]], Refs], None]
    clear_children: Callable[[list[int]], None]


def upsert(
    writer: KindWriter,
    records: dict[str, Record],
    agency: m.Agency,
    batch: m.ImportBatch,
    refs: Refs,
) -> KindCounts:
    """Create new records, version changed ones, leave unchanged ones alone."""
    existing = lookup(writer.model, agency, records)
    counts = KindCounts()
    new, changed, versions = [], [], []
    for sid in sorted(records):
        record, digest = records[sid], records[sid].content_hash()
        row = existing.get(sid)
        if row is not None and row[1] == digest:
            counts.unchanged += 1
            continue
        version = 1 if row is None else row[2] + 1
        instance = writer.model(
            agency=agency,
            source_id=sid,
            version=version,
            content_hash=digest,
            imported_in=batch,
            updated_in=batch,
            **writer.fields(record, refs),
        )
        if row is None:
            new.append((instance, record))
        else:
            instance.pk = row[0]
            changed.append((instance, record))
        versions.append(_version(writer.kind, agency, sid, version, digest, record, batch))
    _create(writer, new)
    _update(writer, changed)
    m.RecordVersion.objects.bulk_create(versions, batch_size=1000)
    counts.created, counts.changed = len(new), len(changed)
    refs.pks.setdefault(writer.kind, {}).update({sid: row[0] for sid, row in existing.items()})
    refs.pks[writer.kind].update({inst.source_id: inst.pk for inst, _ in new})
    touched = [(inst.pk, rec) for inst, rec in new + changed]
    writer.write_children(touched, refs)
    return counts


def _version(
    kind: str,
    agency: m.Agency,
    sid: str,
    version: int,
    digest: str,
    record: Record,
    batch: m.ImportBatch,
) -> m.RecordVersion:
    return m.RecordVersion(
        kind=kind,
        agency=agency,
        source_id=sid,
        version=version,
        content_hash=digest,
        content=record.to_dict(),
        imported_in=batch,
    )


def _create(writer: KindWriter, new: list[tuple[m.VersionedRecord, Record]]) -> None:
    writer.model._default_manager.bulk_create([inst for inst, _ in new], batch_size=1000)


def _update(writer: KindWriter, changed: list[tuple[m.VersionedRecord, Record]]) -> None:
    if not changed:
        return
    names = [
        f.name
        for f in writer.model._meta.concrete_fields
        if f.name not in ("id", "agency", "source_id", "imported_in")
    ]
    writer.model._default_manager.bulk_update([inst for inst, _ in changed], names, batch_size=500)
    writer.clear_children([inst.pk for inst, _ in changed])


def _nothing(*_: Any) -> None:
    return None


def _delete_where(model: type[models.Model], column: str) -> Callable[[list[int]], None]:
    def clear(pks: list[int]) -> None:
        for part in chunked(pks):
            model._default_manager.filter(**{f"{column}__in": part}).delete()

    return clear


def _blank(value: str | None) -> str:
    return value or ""


def place_fields(r: PlaceRecord, _: Refs) -> dict[str, Any]:
    return {
        "name": _blank(r.name),
        "kind": r.kind,
        "postcode": _blank(r.postcode),
        "uprn": _blank(r.uprn),
        "address_line": _blank(r.address_line),
    }


def vehicle_fields(r: VehicleRecord, _: Refs) -> dict[str, Any]:
    return {
        "registration": r.registration,
        "registration_as_written": _blank(r.registration_as_written),
        "make": _blank(r.make),
        "model": _blank(r.model),
        "colour": _blank(r.colour),
    }


def phone_fields(r: PhoneRecord, _: Refs) -> dict[str, Any]:
    return {"number": r.number, "number_as_written": _blank(r.number_as_written)}


def organisation_fields(r: OrganisationRecord, refs: Refs) -> dict[str, Any]:
    return {
        "name": r.name,
        "kind": r.kind,
        "licence_numbers": list(r.licence_numbers),
        "place_id": refs.pk("place", r.place_source_id),
    }


def organisation_children(rows: list[tuple[int, OrganisationRecord]], refs: Refs) -> None:
    through = m.Organisation.phones.through
    links = [
        through(organisation_id=pk, phone_id=refs.pks["phone"][p])
        for pk, rec in rows
        for p in sorted(set(rec.phone_source_ids))
    ]
    through.objects.bulk_create(links, batch_size=2000)


def person_fields(r: PersonRecord, _: Refs) -> dict[str, Any]:
    return {
        "forenames": _blank(r.forenames),
        "surname": _blank(r.surname),
        "dob": r.dob.iso() if r.dob else "",
        "dob_precision": r.dob.precision if r.dob else "",
        "sex": r.sex,
        "gender": _blank(r.gender),
        "ethnicity": r.ethnicity,
        "nationality": _blank(r.nationality),
        "age_group": r.age_group,
    }


def person_children(rows: list[tuple[int, PersonRecord]], _: Refs) -> None:
    names, addresses, phones, emails, identifiers = [], [], [], [], []
    for pk, r in rows:
        names += [
            m.PersonOtherName(
                person_id=pk, kind=n.kind, forenames=_blank(n.forenames), surname=_blank(n.surname)
            )
            for n in r.other_names
        ]
        addresses += [
            m.PersonAddress(
                person_id=pk,
                postcode=_blank(a.postcode),
                uprn=_blank(a.uprn),
                line=_blank(a.line),
                date_from=a.date_from.iso() if a.date_from else "",
                date_to=a.date_to.iso() if a.date_to else "",
            )
            for a in r.addresses
        ]
        phones += [m.PersonPhone(person_id=pk, number=p) for p in r.phones]
        emails += [m.PersonEmail(person_id=pk, address=e) for e in r.emails]
        identifiers += [
            m.PersonIdentifier(person_id=pk, scheme=i.scheme, value=i.value) for i in r.identifiers
        ]
    m.PersonOtherName.objects.bulk_create(names, batch_size=2000)
    m.PersonAddress.objects.bulk_create(addresses, batch_size=2000)
    m.PersonPhone.objects.bulk_create(phones, batch_size=2000)
    m.PersonEmail.objects.bulk_create(emails, batch_size=2000)
    m.PersonIdentifier.objects.bulk_create(identifiers, batch_size=2000)


def clear_person_children(pks: list[int]) -> None:
    for model in (
        m.PersonOtherName,
        m.PersonAddress,
        m.PersonPhone,
        m.PersonEmail,
        m.PersonIdentifier,
    ):
        _delete_where(model, "person_id")(pks)


def event_fields(r: EventRecord, refs: Refs) -> dict[str, Any]:
    grade = r.grade
    return {
        "event_type": r.event_type,
        "occurred": r.occurred.iso(),
        "occurred_precision": r.occurred.precision,
        "occurred_on": r.occurred.date_part().earliest(),
        "recorded": r.recorded,
        "place_id": refs.pk("place", r.place_source_id),
        "summary": r.summary,
        "narrative": _blank(r.narrative),
        "sensitivity": r.sensitivity,
        "grade_source": grade.source if grade else "",
        "grade_intelligence": grade.intelligence if grade else "",
        "grade_handling": grade.handling if grade else "",
    }


def event_children(rows: list[tuple[int, EventRecord]], refs: Refs) -> None:
    people = refs.pks["person"]
    participants = [
        m.EventParticipant(event_id=pk, person_id=people[p.person_source_id], role=role)
        for pk, r in rows
        for p, role in sorted(
            {(p, p.role) for p in r.participants}, key=lambda x: (x[0].person_source_id, x[1])
        )
    ]
    m.EventParticipant.objects.bulk_create(participants, batch_size=2000)
    for kind, attr, column in (
        ("vehicle", "vehicle_source_ids", "vehicle_id"),
        ("phone", "phone_source_ids", "phone_id"),
        ("organisation", "organisation_source_ids", "organisation_id"),
    ):
        through = getattr(m.Event, f"{kind}s").through
        links = [
            through(event_id=pk, **{column: refs.pks[kind][s]})
            for pk, r in rows
            for s in sorted(set(getattr(r, attr)))
        ]
        through.objects.bulk_create(links, batch_size=2000)


def clear_event_children(pks: list[int]) -> None:
    _delete_where(m.EventParticipant, "event_id")(pks)
    for kind in ("vehicles", "phones", "organisations"):
        _delete_where(getattr(m.Event, kind).through, "event_id")(pks)


def clear_organisation_children(pks: list[int]) -> None:
    _delete_where(m.Organisation.phones.through, "organisation_id")(pks)


WRITERS = (
    ("places", KindWriter("place", m.Place, place_fields, _nothing, _nothing)),
    ("phones", KindWriter("phone", m.Phone, phone_fields, _nothing, _nothing)),
    ("vehicles", KindWriter("vehicle", m.Vehicle, vehicle_fields, _nothing, _nothing)),
    (
        "organisations",
        KindWriter(
            "organisation",
            m.Organisation,
            organisation_fields,
            organisation_children,
            clear_organisation_children,
        ),
    ),
    (
        "persons",
        KindWriter("person", m.SourcePerson, person_fields, person_children, clear_person_children),
    ),
    ("events", KindWriter("event", m.Event, event_fields, event_children, clear_event_children)),
)


def referenced_ids(batch: CanonicalBatch) -> dict[str, set[str]]:
    """Every source_id the batch points at, by kind, so stored ones can be looked up."""
    wanted: dict[str, set[str]] = {k: set() for k in ("place", "phone", "organisation", "person")}
    for org in batch.organisations.values():
        wanted["place"].update(filter(None, [org.place_source_id]))
        wanted["phone"].update(org.phone_source_ids)
    for event in batch.events.values():
        wanted["place"].update(filter(None, [event.place_source_id]))
        wanted["person"].update(p.person_source_id for p in event.participants)
        wanted["organisation"].update(event.organisation_source_ids)
        wanted["phone"].update(event.phone_source_ids)
    wanted["vehicle"] = {v for e in batch.events.values() for v in e.vehicle_source_ids}
    return wanted


def write_batch(
    batch: CanonicalBatch,
    agency: m.Agency,
    import_batch: m.ImportBatch,
    progress: Callable[[str], None] | None = None,
) -> dict[str, KindCounts]:
    """Write every record of the batch. Call inside a transaction."""
    refs = Refs()
    models_by_kind = {w.kind: w.model for _, w in WRITERS}
    for kind, ids in referenced_ids(batch).items():
        found = lookup(models_by_kind[kind], agency, ids)
        refs.pks[kind] = {sid: row[0] for sid, row in found.items()}
    counts: dict[str, KindCounts] = {}
    for attr, writer in WRITERS:
        if progress:
            progress(f"writing {writer.kind} records")
        counts[writer.kind] = upsert(writer, getattr(batch, attr), agency, import_batch, refs)
    return counts
