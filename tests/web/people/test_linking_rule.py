"""`joinedup link` and `joinedup link-file` group records by one rule."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import pytest

from joinedup.linkage.model import load_model
from joinedup.linkage.pipeline import DEFAULT_MODEL_PATH, link_records
from joinedup.web.people.linking import link_everyone
from joinedup.web.people.sync import person_table_from_database

pytestmark = pytest.mark.django_db


def groups(person_of: Mapping[str, str]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for record, person in person_of.items():
        members[person].add(record)
    return {frozenset(records) for records in members.values()}


def test_link_groups_the_records_as_link_file_does(imported: Path) -> None:
    result = link_everyone("analyst")
    table, _ = person_table_from_database()
    linked = link_records(table, load_model(DEFAULT_MODEL_PATH), threshold=0.9)
    records, persons = (linked.clusters[c].to_pylist() for c in ("record_id", "person_id"))
    clusters = dict(zip(records, persons, strict=True))
    assert groups(result.person_of) == groups(clusters)
    assert len(groups(clusters)) < len(clusters)
