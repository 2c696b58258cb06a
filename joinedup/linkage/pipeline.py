"""`joinedup link-file`: a person file in, a person ID for every record out (no database).

    link_file("people.csv", "clusters.csv", out_pairs="pairs.csv", threshold=0.9)

Input: the contract of docs/linkage.md (`record_id` required and unique; `source`,
`forenames`, `surname`, `dob`, `sex`, `postcode`, `phone`, `nhs_number` optional; extra
columns ignored). Output: `record_id,person_id` for every input record, and optionally
the scored pairs `record_id_l,record_id_r,match_probability,match_weight` at or above
the threshold. Records with nothing to link on (no name, no date of birth, no
identifier) are not guessed at: each keeps a person of its own and is listed in the
result. Nothing is written unless the whole run succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv

from joinedup.linkage.components import cluster_pairs
from joinedup.linkage.model import LinkageModel, load_model
from joinedup.linkage.names import DATA_DIR
from joinedup.linkage.people_file import read_people_file
from joinedup.linkage.scoring import pairs_in_session
from joinedup.linkage.session import LinkageSession

__all__ = ["DEFAULT_MODEL_PATH", "LinkFileResult", "link_file", "link_records"]

DEFAULT_MODEL_PATH = DATA_DIR / "person_model.json"


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


def link_records(records: pa.Table, model: LinkageModel, threshold: float = 0.9) -> LinkedRecords:
    """Score, then cluster, the records of one person table."""
    with LinkageSession(records) as session:
        pairs = pairs_in_session(session, model, threshold)
        unlinkable = tuple(session.unlinkable_record_ids())
    ids = [str(i) for i in records.column("record_id").to_pylist()]
    return LinkedRecords(cluster_pairs(ids, pairs, threshold), pairs, unlinkable)


def link_file(
    people_path: str | Path,
    out_clusters: str | Path,
    out_pairs: str | Path | None = None,
    threshold: float = 0.9,
    model_path: str | Path | None = None,
) -> LinkFileResult:
    """Link the records of one person file and write clusters (and pairs)."""
    records = read_people_file(people_path)
    model = load_model(model_path or DEFAULT_MODEL_PATH)
    linked = link_records(records, model, threshold)
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
