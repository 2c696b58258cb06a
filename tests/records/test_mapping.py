"""Mapping files: strict validation naming the wrong key, and choosing a table per file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from joinedup.errors import InputError, MappingError
from joinedup.records.mapping import load_mapping, table_for_file, table_format


def base_mapping() -> dict[str, Any]:
    return {
        "mapping_version": 1,
        "agency": {"code": "POL", "name": "Midshire Police", "kind": "police"},
        "tables": [
            {
                "name": "nominals",
                "file": "nominals*.csv",
                "record": "person",
                "date_formats": ["%d/%m/%Y", "%Y"],
                "fields": {
                    "source_id": "NOMINAL_REF",
                    "sex": {"column": "SEX", "codes": {"M": "male", "F": "female"}},
                    "other_names": [{"column": "ALIASES", "kind": "alias", "separator": ";"}],
                    "addresses": [{"postcode": "POSTCODE", "from": "MOVED_IN"}],
                    "identifiers": [{"column": "NHS_NO", "scheme": "nhs_number"}],
                },
            },
            {
                "name": "occurrences",
                "file": "occurrences*.jsonl",
                "record": "event",
                "fields": {
                    "source_id": "ref",
                    "event_type": {"column": "type", "codes": {"MISS": "missing_episode"}},
                    "occurred": {"column": "when", "formats": ["iso"]},
                    "participants": [
                        {"column": "subject", "role": "subject"},
                        {"list": "involved", "person": "ref", "role": {"column": "role"}},
                    ],
                    "vehicles": {"column": "vrms", "separator": ";"},
                    "grade": {"source": "s", "intelligence": "i", "handling": "h"},
                },
            },
        ],
    }


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "police.mapping.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


def test_valid_mapping_loads_every_table_and_field(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, base_mapping()))
    assert (mapping.agency_code, mapping.agency_name, mapping.agency_kind) == (
        "POL",
        "Midshire Police",
        "police",
    )
    nominals, occurrences = mapping.tables
    assert nominals.format == "csv" and occurrences.format == "jsonl"
    assert nominals.date_formats == ("%d/%m/%Y", "%Y")
    assert nominals.fields["source_id"].column == "NOMINAL_REF"
    assert nominals.fields["source_id"].required is True
    assert nominals.fields["sex"].codes == {"M": "male", "F": "female"}
    assert nominals.entries["other_names"][0].parts["value"].separator == ";"
    assert nominals.entries["other_names"][0].parts["kind"].value == "alias"
    involved = occurrences.entries["participants"][1]
    assert involved.list_path == "involved"
    assert involved.parts["value"].column == "ref"
    assert occurrences.entries["grade"][0].parts["handling"].column == "h"


def mutated(change: Any) -> dict[str, Any]:
    data = base_mapping()
    change(data)
    return data


def _set(path: list[Any], value: Any) -> Any:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


def _delete(path: list[Any]) -> Any:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        del data[path[-1]]

    return change


T0 = ["tables", 0]
F0 = [*T0, "fields"]
F1 = ["tables", 1, "fields"]


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (_set(["mapping_version"], 2), "mapping_version", "expected 1"),
        (_set(["colour"], "blue"), "colour", "unknown key"),
        (_set(["agency", "kind"], "bakery"), "agency.kind", "vocabulary agency_kind"),
        (_set([*T0, "record"], "dog"), "tables[0].record", "expected one of person, event"),
        (_set([*T0, "format"], "docx"), "tables[0].format", "csv, jsonl, parquet, xlsx"),
        (_set([*T0, "sheet"], "Pupils"), "tables[0].sheet", "xlsx files only"),
        (_set([*T0, "encoding"], "klingon"), "tables[0].encoding", "encoding name"),
        (_set([*T0, "delimiter"], ";;"), "tables[0].delimiter", "single character"),
        (_set([*T0, "date_formats"], ["%d/%Y"]), "tables[0].date_formats[0]", "needs a month"),
        (_set([*F0, "shoe_size"], "SHOE"), "tables[0].fields.shoe_size", "unknown field"),
        (
            _set([*F0, "sex", "codes", "X"], "other"),
            "tables[0].fields.sex.codes.X",
            "vocabulary sex",
        ),
        (_set([*F0, "sex", "colour"], 1), "tables[0].fields.sex.colour", "unknown key"),
        (_set([*F0, "sex", "value"], "male"), "tables[0].fields.sex", "exactly one of"),
        (_set([*F0, "sex", "separator"], ";"), "tables[0].fields.sex.separator", "unknown key"),
        (_set([*F0, "sex", "formats"], ["iso"]), "tables[0].fields.sex.formats", "date fields"),
        (_set([*F0, "sex", "required"], "yes"), "tables[0].fields.sex.required", "true or false"),
        (_set([*F0, "sex", "codes"], {True: "male"}), "tables[0].fields.sex.codes.True", "quote"),
        (_delete([*F0, "source_id"]), "tables[0].fields.source_id", "must map source_id"),
        (_delete([*F1, "occurred"]), "tables[1].fields.occurred", "must map occurred"),
        (
            _set([*F1, "participants", 0, "role"], "bystander"),
            "tables[1].fields.participants[0].role",
            "vocabulary participant_role",
        ),
        (
            _delete([*F1, "participants", 0, "role"]),
            "tables[1].fields.participants[0].role",
            "needs `role`",
        ),
        (
            _set([*F0, "addresses", 0, "colour"], "C"),
            "tables[0].fields.addresses[0].colour",
            "unknown key",
        ),
        (
            _set([*F0, "identifiers", 0, "scheme"], "passport"),
            "tables[0].fields.identifiers[0].scheme",
            "identifier_scheme",
        ),
        (
            _set([*F1, "grade"], {"source": "s"}),
            "tables[1].fields.grade",
            "all of source, intelligence and handling",
        ),
        (_set([*F1, "place"], [{"name": "N"}]), "tables[1].fields.place", "one entry"),
        (_set(["tables"], []), "tables", "at least one table"),
    ],
)
def test_invalid_mapping_names_the_wrong_key(
    tmp_path: Path, change: Any, key: str, problem: str
) -> None:
    path = write(tmp_path, mutated(change))
    with pytest.raises(MappingError) as raised:
        load_mapping(path)
    assert raised.value.key == key
    assert problem in raised.value.problem
    assert raised.value.path == str(path)


def test_mapping_that_is_not_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("tables: [unclosed", "utf-8")
    with pytest.raises(MappingError, match="not valid YAML") as raised:
        load_mapping(path)
    assert raised.value.key == "(file)"


def test_file_matching_one_glob_gets_that_table(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, base_mapping()))
    assert table_for_file(mapping, "/data/nominals_2024.csv").name == "nominals"
    assert table_for_file(mapping, Path("occurrences-1.jsonl")).name == "occurrences"


def test_file_matching_no_glob_is_refused_listing_the_globs(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, base_mapping()))
    with pytest.raises(InputError, match="matches no table") as raised:
        table_for_file(mapping, "custody.csv")
    assert "'nominals*.csv'" in str(raised.value)


def test_file_matching_several_globs_is_refused(tmp_path: Path) -> None:
    data = base_mapping()
    data["tables"][1]["file"] = "nominals*"
    data["tables"][1]["format"] = "csv"
    mapping = load_mapping(write(tmp_path, data))
    with pytest.raises(InputError, match="matches several tables") as raised:
        table_for_file(mapping, "nominals.csv")
    assert "(nominals, occurrences)" in str(raised.value)


def test_format_comes_from_the_extension_when_not_declared(tmp_path: Path) -> None:
    data = base_mapping()
    data["tables"][0]["file"] = "nominals*"
    mapping = load_mapping(write(tmp_path, data))
    table = mapping.tables[0]
    assert table.format is None
    assert table_format(table, "nominals.parquet") == "parquet"
    with pytest.raises(InputError, match="cannot tell its format"):
        table_format(table, "nominals.txt")
