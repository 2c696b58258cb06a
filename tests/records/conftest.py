"""Fixtures for the import-engine tests: tiny mappings written in tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from record_files import MappingFactory

from joinedup.records.mapping import Mapping, load_mapping


@pytest.fixture
def make_mapping(tmp_path: Path) -> MappingFactory:
    """A mapping with the given tables (each a dict as in a mapping file)."""

    def make(*tables: dict[str, Any]) -> Mapping:
        data = {
            "mapping_version": 1,
            "agency": {"code": "POL", "name": "Midshire Police", "kind": "police"},
            "tables": list(tables),
        }
        path = tmp_path / "test.mapping.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
        return load_mapping(path)

    return make
