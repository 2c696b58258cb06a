from __future__ import annotations

import hashlib
from pathlib import Path

from joinedup.synth import generate_borough


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    generate_borough(tmp_path / "a", children=120, years=(1990, 2025), seed=5)
    generate_borough(tmp_path / "b", children=120, years=(1990, 2025), seed=5)
    first, second = _hashes(tmp_path / "a"), _hashes(tmp_path / "b")
    assert len(first) >= 20
    assert first == second


def test_different_seed_gives_different_files(tmp_path: Path) -> None:
    generate_borough(tmp_path / "a", children=120, years=(1990, 2025), seed=5)
    generate_borough(tmp_path / "b", children=120, years=(1990, 2025), seed=6)
    first, second = _hashes(tmp_path / "a"), _hashes(tmp_path / "b")
    changed = [name for name in first if first[name] != second[name]]
    assert "police/nominals.csv" in changed
    assert "health/patients.parquet" in changed
    assert "education/pupils.xlsx" in changed
