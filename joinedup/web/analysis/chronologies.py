"""Writing a chronology of a person, a context or a network from the system of record.

The subject is one of: a person id, a context (a place, vehicle, phone or
organisation id, or the person ids of a peer group) or a network (person ids). The
reader's entitlements come from their role (readers.py); the header says who produced
the chronology, when and for what purpose. An unknown id is refused with a message
saying what was expected. Every file written is in the audit log
(`chronology.export`, with the purpose and the operating-system account).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology import (
    Chronology,
    Entitlements,
    Filters,
    Production,
    chronology_for_context,
    chronology_for_network,
    write_chronology,
    write_csv,
    write_pdf,
)
from joinedup.chronology.writing import FORMATS
from joinedup.errors import InputError
from joinedup.web.analysis.sync import analysis_tables_from_database
from joinedup.web.audit.services import CommandLineActor, record_event
from joinedup.web.people.models import Person

__all__ = ["ChronologySubject", "write_chronology_from_database"]


@dataclass(frozen=True, slots=True)
class ChronologySubject:
    """Exactly one of: a person, a context entity, a peer group, a network."""

    person_id: str | None = None
    context_id: str | None = None
    peer_group: tuple[str, ...] = ()
    network: tuple[str, ...] = ()

    def check(self) -> None:
        given = [bool(self.person_id), bool(self.context_id), bool(self.peer_group),
                 bool(self.network)]  # fmt: skip
        if sum(given) != 1:
            raise InputError(
                "expected one subject: a PERSON_ID, --context ENTITY_ID, "
                "--peer-group PERSON_ID ... or --network PERSON_ID ..."
            )


def write_chronology_from_database(
    subject: ChronologySubject,
    out_path: Path,
    reader: Entitlements,
    purpose: str,
    produced_by: str,
    filters: Filters | None = None,
) -> Chronology:
    """Build the chronology the reader may see and write it as CSV or PDF (by extension)."""
    subject.check()
    if out_path.suffix.lower() not in FORMATS:
        raise InputError(f"{out_path}: a chronology is written as .csv or .pdf")
    production = Production(produced_by, purpose)
    tables = analysis_tables_from_database()
    with transaction.atomic():
        if subject.person_id:
            _check_people(tables, [subject.person_id])
            chronology = write_chronology(
                tables, subject.person_id, out_path, reader, purpose, production.produced_by,
                filters, produced_at=production.produced_at,
            )  # fmt: skip
        else:
            chronology = _build(tables, subject, reader, filters)
            writer = write_csv if out_path.suffix.lower() == ".csv" else write_pdf
            writer(chronology, out_path, production)
        _audit_export(subject, out_path, purpose, produced_by, len(chronology.events()))
    return chronology


def _audit_export(
    subject: ChronologySubject, out_path: Path, purpose: str, produced_by: str, entries: int
) -> None:
    kind, ids = (
        ("person", [subject.person_id]) if subject.person_id
        else ("context", [subject.context_id]) if subject.context_id
        else ("peer_group", list(subject.peer_group)) if subject.peer_group
        else ("network", list(subject.network))
    )  # fmt: skip
    record_event(
        CommandLineActor(produced_by), "chronology.export", target_type=kind,
        target_id=";".join(str(i) for i in ids), purpose=purpose,
        detail={"channel": "cli", "format": out_path.suffix.lower().lstrip("."),
                "entries": entries},
    )  # fmt: skip


def _build(
    tables: AnalysisTables,
    subject: ChronologySubject,
    reader: Entitlements,
    filters: Filters | None,
) -> Chronology:
    if subject.context_id:
        _check_entity(tables, subject.context_id)
        return chronology_for_context(tables, subject.context_id, reader, filters)
    if subject.peer_group:
        _check_people(tables, subject.peer_group)
        return chronology_for_context(tables, set(subject.peer_group), reader, filters)
    _check_people(tables, subject.network)
    return chronology_for_network(tables, subject.network, reader, filters)


def _check_people(tables: AnalysisTables, person_ids: Sequence[str]) -> None:
    known = set(_present(tables.persons, "person_id", person_ids))
    for person_id in person_ids:
        if person_id not in known:
            raise InputError(_unknown_person(person_id))


def _unknown_person(person_id: str) -> str:
    merged = Person.objects.filter(person_id=person_id, merged_into__isnull=False).first()
    if merged is not None and merged.merged_into is not None:
        return f"person {person_id!r} was merged into {merged.merged_into.person_id}: use that id"
    example = Person.objects.filter(active=True).values_list("person_id", flat=True).first()
    like = f" (person ids look like {example})" if example else " (run `joinedup link` first)"
    return f"no person {person_id!r} in the person index{like}"


def _check_entity(tables: AnalysisTables, entity_id: str) -> None:
    if not _present(tables.event_entities, "entity_id", [entity_id]):
        raise InputError(
            f"no place, vehicle, phone or organisation {entity_id!r} in the records "
            "(ids look like PL-0000084, VH-..., PH-..., OR-...; `joinedup network` shows them)"
        )


def _present(table: pa.Table, column: str, values: Sequence[str]) -> list[str]:
    wanted = pa.array(sorted(set(values)), type=pa.string())
    found = table.filter(pc.is_in(table[column], value_set=wanted))[column]
    return [str(v) for v in found.to_pylist()]
