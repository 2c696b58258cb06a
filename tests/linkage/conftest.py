"""Shared fixtures: a small synthetic background population, and the shipped model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from joinedup.linkage.borough import person_table_from_borough
from joinedup.linkage.model import LinkageModel, load_model
from joinedup.linkage.pipeline import DEFAULT_MODEL_PATH
from joinedup.linkage.scoring import predict_pairs


@pytest.fixture(scope="session")
def shipped_model() -> LinkageModel:
    return load_model(DEFAULT_MODEL_PATH)


@pytest.fixture(scope="session")
def background(tmp_path_factory: pytest.TempPathFactory) -> pa.Table:
    """About 800 records of a small synthetic borough: other people to link among."""
    from joinedup.synth.borough import generate_borough

    folder = Path(tmp_path_factory.mktemp("borough"))
    generate_borough(folder, children=300, seed=5)
    return person_table_from_borough(folder)


def people_table(rows: list[dict[str, Any]], like: pa.Table) -> pa.Table:
    """Hand-made rows in the schema of `like` (missing columns empty)."""
    complete = [{name: row.get(name) for name in like.column_names} for row in rows]
    for row in complete:
        for name in ("other_names", "postcodes", "phones", "emails"):
            row[name] = row[name] or []
    return pa.Table.from_pylist(complete, schema=like.schema)


@pytest.fixture(scope="session")
def linked_pairs(
    background: pa.Table, shipped_model: LinkageModel
) -> Callable[[list[dict[str, Any]]], set[frozenset[str]]]:
    """Pairs (as frozensets of record ids) linked at 0.9 among hand-made rows plus the
    background population."""

    def link(rows: list[dict[str, Any]]) -> set[frozenset[str]]:
        table = pa.concat_tables([background, people_table(rows, background)])
        pairs = predict_pairs(table, shipped_model, threshold=0.9)
        lefts = [str(i) for i in pairs.column("record_id_l").to_pylist()]
        rights = [str(i) for i in pairs.column("record_id_r").to_pylist()]
        return {frozenset(pair) for pair in zip(lefts, rights, strict=True)}

    return link
