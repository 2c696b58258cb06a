"""The export for other areas: written whole, loaded with checks, compared side by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from joinedup.disclosure import CellReason
from joinedup.errors import FileFormatError, InputError
from joinedup.transparency import (
    AreaExport,
    ExportedTable,
    compare_areas,
    count_tables,
    load_area_export,
    load_figures,
    protect_tables,
    write_area_export,
)


def an_export(area: str, girls: int, profile: str = "nhs") -> AreaExport:
    figures = load_figures()
    figure = figures.figure("referrals")
    rows = [{"sex": "Female", "age_band": "Under 10", "ethnic_group": "White"}] * girls + [
        {"sex": "Male", "age_band": "Under 10", "ethnic_group": "White"}
    ] * 30
    result = protect_tables(count_tables(figures, figure, "2024-25", rows), profile)
    tables = tuple(
        ExportedTable("referrals", spec.slug, published,
                      tuple(r for r in result.reasons if r.table == published.name))
        for spec, published in zip(figure.tables, result.tables, strict=True)
    )  # fmt: skip
    return AreaExport(area, "2024-25", "2024-04-01", "2025-03-31", True, profile, 1,
                      result.level, figures.id, "2025-05-01T09:00:00+01:00", tables,
                      {"figures.yaml": b"version: 1\n"})  # fmt: skip


def test_an_export_round_trips_with_a_manifest_of_hashes(tmp_path: Path) -> None:
    written = write_area_export(an_export("North", 3), tmp_path / "north")
    assert "manifest.json" in written and "tables/referrals/by-sex.csv" in written
    manifest = json.loads((tmp_path / "north" / "manifest.json").read_text())
    assert manifest["format"] == "joinedup-area-figures" and manifest["schema_version"] == 1
    assert len(manifest["files"]["tables/referrals/by-sex.csv"]) == 64
    loaded = load_area_export(tmp_path / "north")
    assert loaded.area == "North" and loaded.profile_id == "nhs v1 (sub-national)"
    by_sex = next(t for t in loaded.tables if t.table == "by-sex")
    assert by_sex.published.value("Female", "Referrals") == "*"
    assert any(isinstance(r, CellReason) and r.row == "Female" for r in by_sex.reasons)


def test_a_changed_file_is_named_with_its_hash(tmp_path: Path) -> None:
    write_area_export(an_export("North", 3), tmp_path / "north")
    target = tmp_path / "north" / "tables" / "referrals" / "by-sex.csv"
    target.write_text(target.read_text().replace("*", "3"), encoding="utf-8")
    with pytest.raises(FileFormatError, match=r"by-sex\.csv: SHA-256 is .* the file was changed"):
        load_area_export(tmp_path / "north")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schema_version": 2}, r"field 'schema_version': found 2, expected 1"),
        ({"format": "other"}, r"field 'format'"),
        ({"area": None}, r"field 'area': found NoneType, expected a str"),
    ],
)
def test_a_bad_manifest_names_the_field(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    write_area_export(an_export("North", 3), tmp_path / "north")
    path = tmp_path / "north" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest.update(change)
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(FileFormatError, match=message):
        load_area_export(tmp_path / "north")


def test_a_missing_manifest_and_a_non_empty_target(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="manifest.json: is missing"):
        load_area_export(tmp_path)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(InputError, match="not empty"):
        write_area_export(an_export("North", 3), tmp_path / "full")


def test_two_areas_compare_side_by_side_only_under_the_same_profile() -> None:
    cells = compare_areas(an_export("North", 3), an_export("South", 12))
    female = next(c for c in cells if c.table == "by-sex" and c.row == "Female")
    assert (female.first, female.second) == ("*", "10")
    with pytest.raises(InputError, match="do not compare"):
        compare_areas(an_export("North", 3), an_export("South", 12, "dfe"))
    assert compare_areas(an_export("North", 3), an_export("South", 12, "dfe"),
                         allow_different_profiles=True)  # fmt: skip
