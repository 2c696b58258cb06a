"""The import service: read an agency export through its mapping and store it.

Everything is read and validated first; then one transaction writes the batch and,
once a person index exists (`joinedup link` has run), links the batch's new and changed
person records as they arrive (`web.people.arrivals`). A batch with problems writes
nothing unless `skip_invalid` is set; a failure while linking writes nothing either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from joinedup.errors import InputError, RowProblem, ValidationFailed
from joinedup.records.export import ReadResult, read_export
from joinedup.records.mapping import Mapping, load_mapping
from joinedup.records.readers import file_sha256
from joinedup.web.people.arrivals import ArrivalSummary, link_arrivals
from joinedup.web.records import models as m
from joinedup.web.records.sync import WRITERS, KindCounts, write_batch

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ImportOutcome:
    """The batch written, and how its person records were linked.

    `linking` is None when there is no person index yet (run `joinedup link`).
    """

    batch: m.ImportBatch
    counts: dict[str, KindCounts]
    skipped: list[RowProblem]
    linking: ArrivalSummary | None = None


def existing_source_ids(agency: m.Agency | None) -> dict[str, set[str]]:
    """Source ids already stored for the agency, by kind (to resolve references)."""
    if agency is None:
        return {}
    return {
        w.kind: set(
            w.model._default_manager.filter(agency=agency).values_list("source_id", flat=True)
        )
        for _, w in WRITERS
        if w.kind in ("person", "place", "organisation")
    }


def import_export(
    agency_code: str,
    mapping_path: Path,
    files: Sequence[Path],
    user: str,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Import one agency's files. Raises InputError subclasses on bad input."""
    mapping = load_mapping(mapping_path)
    if mapping.agency_code != agency_code:
        raise InputError(
            f"{mapping_path}: agency.code is {mapping.agency_code!r} but --agency is "
            f"{agency_code!r}; expected the mapping of the agency being imported"
        )
    started = timezone.now()
    agency = m.Agency.objects.filter(code=agency_code).first()
    rows_read = (lambda n: progress(f"read and checked {n:,} rows")) if progress else None
    result = read_export(mapping, list(files), existing_source_ids(agency), rows_read)
    if result.problems and not skip_invalid:
        raise ValidationFailed(result.problems)
    with transaction.atomic():
        outcome = _store(mapping, mapping_path, result, user, skip_invalid, started, progress)
        linking = link_arrivals(outcome.batch, user, progress)
    return replace(outcome, linking=linking)


def _store(
    mapping: Mapping,
    mapping_path: Path,
    result: ReadResult,
    user: str,
    skip_invalid: bool,
    started: datetime,
    progress: Progress | None,
) -> ImportOutcome:
    agency, _ = m.Agency.objects.update_or_create(
        code=mapping.agency_code,
        defaults={"name": mapping.agency_name, "kind": mapping.agency_kind},
    )
    batch = m.ImportBatch.objects.create(
        agency=agency,
        imported_by=user,
        started_at=started,
        finished_at=started,
        mapping_path=str(mapping_path),
        mapping_sha256=file_sha256(mapping_path),
        files=[_file_entry(f) for f in result.files],
        skip_invalid=skip_invalid,
        rows_read=sum(f.rows for f in result.files),
        skipped=len(result.skipped_rows),
        skipped_rows=[_problem_entry(p) for p in result.problems],
    )
    counts = write_batch(result.batch, agency, batch, progress)
    batch.created = sum(c.created for c in counts.values())
    batch.changed = sum(c.changed for c in counts.values())
    batch.unchanged = sum(c.unchanged for c in counts.values())
    batch.counts = {k: vars(c) for k, c in counts.items()}
    batch.finished_at = timezone.now()
    batch.save()
    return ImportOutcome(batch, counts, list(result.problems))


def _file_entry(summary: object) -> dict[str, object]:
    keys = ("name", "path", "sha256", "table", "record", "rows")
    return {k: getattr(summary, k) for k in keys}


def _problem_entry(p: RowProblem) -> dict[str, object]:
    return {
        "file": p.file,
        "row": p.row,
        "field": p.field,
        "value": p.value,
        "expected": p.expected,
    }
