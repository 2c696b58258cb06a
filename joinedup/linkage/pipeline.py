"""`joinedup link-file`: a person file in, a person ID for every record out (no database).

    link_file("people.csv", "clusters.csv", out_pairs="pairs.csv", threshold=0.9,
              must_link=[("HLT:7", "EDU:31")], cannot_link=[("CSC:2", "CSC:9")])

Input: the contract of docs/linkage.md (`record_id` required and unique; `source`,
`forenames`, `surname`, `dob`, `sex`, `postcode`, `phone`, `nhs_number` optional; extra
columns ignored). Output: `record_id,person_id` for every input record, and optionally
the scored pairs `record_id_l,record_id_r,match_probability,match_weight` at or above
the threshold. Records with nothing to link on (no name, no date of birth, no
identifier) are not guessed at: each keeps a person of its own and is listed in the
result. Nothing is written unless the whole run succeeds.

Clustering is `components.cluster_pairs`: it does not chain weak links, so it is given
every scored pair down to `components.VETO_BELOW` (a confident non-match between two
records stops their clusters merging); only pairs at or above the threshold are returned.
`must_link` / `cannot_link` are a reviewer's decisions as record_id pairs: must-linked
records always share a person, cannot-linked ones never do (pairs naming records not in
the file are ignored; contradictory ones raise InputError).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from joinedup.errors import InputError
from joinedup.linkage.components import VETO_BELOW, cluster_pairs
from joinedup.linkage.model import LinkageModel, load_model
from joinedup.linkage.names import DATA_DIR
from joinedup.linkage.people_file import read_people_file
from joinedup.linkage.scoring import pairs_in_session
from joinedup.linkage.session import LinkageSession

__all__ = ["DEFAULT_MODEL_PATH", "LinkFileResult", "link_file", "link_records"]

DEFAULT_MODEL_PATH = DATA_DIR / "person_model.json"
RecordPairs = Iterable[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class LinkFileResult:
    """What a link run did, for the command to report."""

    records: int
    persons: int
    pairs: int
    unlinkable_record_ids: tuple[str, ...]
    model_version: str


@dataclass(frozen=True, slots=True)
class LinkedRecords:
    clusters: pa.Table
    pairs: pa.Table
    unlinkable_record_ids: tuple[str, ...]


def link_records(
    records: pa.Table,
    model: LinkageModel,
    threshold: float = 0.9,
    must_link: RecordPairs = (),
    cannot_link: RecordPairs = (),
) -> LinkedRecords:
    """Score, then cluster, the records of one person table."""
    with LinkageSession(records) as session:
        scored = pairs_in_session(session, model, min(VETO_BELOW, threshold))
        unlinkable = tuple(session.unlinkable_record_ids())
    ids = [str(i) for i in records.column("record_id").to_pylist()]
    clusters = cluster_pairs(ids, scored, threshold, must_link, cannot_link)
    pairs = scored.filter(pc.field("match_probability") >= threshold)
    return LinkedRecords(clusters, pairs, unlinkable)


def link_file(
    people_path: str | Path,
    out_clusters: str | Path,
    out_pairs: str | Path | None = None,
    threshold: float = 0.9,
    model_path: str | Path | None = None,
    must_link: RecordPairs = (),
    cannot_link: RecordPairs = (),
) -> LinkFileResult:
    """Link the records of one person file and write clusters (and pairs)."""
    records = read_people_file(people_path)
    model = load_model(model_path or DEFAULT_MODEL_PATH)
    try:
        linked = link_records(records, model, threshold, must_link, cannot_link)
    except ValueError as error:
        raise InputError(f"{people_path}: {error}") from error
    outputs = [(linked.clusters, Path(out_clusters))]
    if out_pairs is not None:
        outputs.append((linked.pairs, Path(out_pairs)))
    _write_all(outputs)
    persons = len(set(linked.clusters.column("person_id").to_pylist()))
    return LinkFileResult(
        records.num_rows, persons, linked.pairs.num_rows,
        linked.unlinkable_record_ids, model.model_version,
    )  # fmt: skip


def _write_all(outputs: list[tuple[pa.Table, Path]]) -> None:
    """Write each table beside its target, then rename them all into place."""
    options = pa_csv.WriteOptions(quoting_style="needed")
    partials = []
    for table, target in outputs:
        partial = target.with_name(target.name + ".partial")
        pa_csv.write_csv(table, partial, write_options=options)
        partials.append((partial, target))
    for partial, target in partials:
        partial.replace(target)
