"""Reading agency files: rows numbered as a person sees them, bad files refused clearly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from record_files import MappingFactory, write_csv, write_parquet, write_xlsx

from joinedup.errors import FileFormatError
from joinedup.records.mapping import TableMapping
from joinedup.records.readers import EMPTY, file_sha256, read_rows


@pytest.fixture
def table(make_mapping: MappingFactory) -> TableMapping:
    """A person table matching any file name; format from the extension."""
    return make_mapping(
        {"name": "people", "file": "*", "record": "person", "fields": {"source_id": "ID"}}
    ).tables[0]


def rows(path: Path, table: TableMapping) -> list[tuple[int, dict[str, object]]]:
    return list(read_rows(path, table))


def test_csv_rows_start_at_row_2_after_the_header(tmp_path: Path, table: TableMapping) -> None:
    path = write_csv(tmp_path / "p.csv", 'ID,NAME\nP1,"Smith, Jo"\nP2,"Two\nlines"\n')
    assert rows(path, table) == [
        (2, {"ID": "P1", "NAME": "Smith, Jo"}),
        (3, {"ID": "P2", "NAME": "Two\nlines"}),
    ]


def test_csv_uses_declared_delimiter_and_encoding(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    semicolons = make_mapping(
        {
            "name": "people",
            "file": "*.csv",
            "record": "person",
            "encoding": "cp1252",
            "delimiter": ";",
            "fields": {"source_id": "ID"},
        }
    ).tables[0]
    path = write_csv(tmp_path / "p.csv", "ID;NAME\r\nP1;Zoë\r\n", "cp1252")
    assert rows(path, semicolons) == [(2, {"ID": "P1", "NAME": "Zoë"})]


def test_csv_byte_order_mark_and_header_spaces_are_ignored(
    tmp_path: Path, table: TableMapping
) -> None:
    path = write_csv(tmp_path / "p.csv", "\ufeffID , NAME\nP1,Jo\n")
    assert rows(path, table) == [(2, {"ID": "P1", "NAME": "Jo"})]


def test_csv_not_in_declared_encoding_names_the_row(tmp_path: Path, table: TableMapping) -> None:
    path = write_csv(tmp_path / "p.csv", "ID,NAME\nP1,Jo\nP2,Zoë\n", "latin-1")
    with pytest.raises(FileFormatError, match="not valid utf-8: byte 0xeb") as raised:
        rows(path, table)
    assert raised.value.row == 3
    assert str(raised.value).startswith(f"{path}, row 3: ")


def test_csv_with_unterminated_quote_is_truncated(tmp_path: Path, table: TableMapping) -> None:
    path = write_csv(tmp_path / "p.csv", 'ID,NAME\nP1,Jo\nP2,"Smi')
    with pytest.raises(FileFormatError, match="truncated: a quoted field") as raised:
        rows(path, table)
    assert raised.value.row == 3


def test_csv_short_last_row_without_newline_is_truncated(
    tmp_path: Path, table: TableMapping
) -> None:
    path = write_csv(tmp_path / "p.csv", "ID,NAME,DOB\nP1,Jo,2001\nP2,Sm")
    with pytest.raises(FileFormatError, match="truncated: the last row has 2 of 3") as raised:
        rows(path, table)
    assert raised.value.row == 3


def test_csv_row_with_wrong_number_of_fields_is_refused(
    tmp_path: Path, table: TableMapping
) -> None:
    path = write_csv(tmp_path / "p.csv", "ID,NAME\nP1,Jo,extra\nP2,Al\n")
    with pytest.raises(FileFormatError, match="has 3 fields, expected 2") as raised:
        rows(path, table)
    assert raised.value.row == 2


@pytest.mark.parametrize("name", ["p.csv", "p.jsonl", "p.parquet", "p.xlsx"])
def test_zero_byte_file_is_empty(tmp_path: Path, table: TableMapping, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(FileFormatError, match="the file is empty: expected a header row") as raised:
        read_rows(path, table)
    assert raised.value.problem == EMPTY


def test_csv_with_only_a_header_has_no_rows(tmp_path: Path, table: TableMapping) -> None:
    path = write_csv(tmp_path / "p.csv", "ID,NAME\n\n")
    assert rows(path, table) == []


def test_xlsx_with_only_a_header_has_no_rows(tmp_path: Path, table: TableMapping) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["ID", "NAME"]])
    assert rows(path, table) == []


def test_parquet_with_columns_and_no_rows_has_no_rows(tmp_path: Path, table: TableMapping) -> None:
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"ID": pa.array([], pa.string())}), path)
    assert rows(path, table) == []


def test_jsonl_rows_are_numbered_by_line_and_keep_nesting(
    tmp_path: Path, table: TableMapping
) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"ID": "P1", "name": {"given": "Jo"}}\n\n{"ID": "P2"}\n', "utf-8")
    assert rows(path, table) == [(1, {"ID": "P1", "name": {"given": "Jo"}}), (3, {"ID": "P2"})]


def test_jsonl_cut_off_last_line_is_truncated(tmp_path: Path, table: TableMapping) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"ID": "P1"}\n{"ID": "P', "utf-8")
    with pytest.raises(FileFormatError, match="truncated: the last line") as raised:
        rows(path, table)
    assert raised.value.row == 2


def test_jsonl_bad_line_in_the_middle_names_the_line(tmp_path: Path, table: TableMapping) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"ID": "P1"}\n{"ID": P2}\n{"ID": "P3"}\n', "utf-8")
    with pytest.raises(FileFormatError, match="not valid JSON") as raised:
        rows(path, table)
    assert raised.value.row == 2


def test_jsonl_line_that_is_not_an_object_is_refused(tmp_path: Path, table: TableMapping) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"ID": "P1"}\n["P2"]\n', "utf-8")
    with pytest.raises(FileFormatError, match="JSON object on each line, found a list") as raised:
        rows(path, table)
    assert raised.value.row == 2


def test_parquet_rows_are_read_in_batches_and_numbered_from_2(
    tmp_path: Path, table: TableMapping
) -> None:
    data = [{"ID": f"P{i}", "DOB": date(2001, 1, 1 + i % 28)} for i in range(20_000)]
    read = rows(write_parquet(tmp_path / "p.parquet", data), table)
    assert len(read) == 20_000
    assert read[0] == (2, {"ID": "P0", "DOB": date(2001, 1, 1)})
    assert read[-1][0] == 20_001 and read[-1][1]["ID"] == "P19999"


def test_truncated_parquet_is_refused(tmp_path: Path, table: TableMapping) -> None:
    path = write_parquet(tmp_path / "p.parquet", [{"ID": "P1"}, {"ID": "P2"}])
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(FileFormatError, match="truncated: the Parquet footer is missing"):
        read_rows(path, table)


def test_xlsx_cells_arrive_as_python_values(tmp_path: Path, table: TableMapping) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["ID", "DOB", "N"], ["P1", date(2001, 3, 4), 42]])
    assert rows(path, table) == [(2, {"ID": "P1", "DOB": date(2001, 3, 4), "N": 42.0})]


def test_xlsx_reads_the_named_sheet(tmp_path: Path, make_mapping: MappingFactory) -> None:
    pupils = make_mapping(
        {
            "name": "pupils",
            "file": "*.xlsx",
            "record": "person",
            "sheet": "Pupils",
            "fields": {"source_id": "ID"},
        }
    ).tables[0]
    path = write_xlsx(tmp_path / "p.xlsx", [["ID"], ["U1"]], sheet="Pupils")
    assert rows(path, pupils) == [(2, {"ID": "U1"})]
    other = write_xlsx(tmp_path / "q.xlsx", [["ID"], ["U1"]], sheet="Staff")
    with pytest.raises(FileFormatError, match="no sheet named 'Pupils'.*'Staff'"):
        rows(other, pupils)


def test_truncated_xlsx_is_refused(tmp_path: Path, table: TableMapping) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["ID"], ["P1"]])
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(FileFormatError, match="truncated or damaged"):
        read_rows(path, table)


def test_csv_named_parquet_is_not_a_parquet_file(tmp_path: Path, table: TableMapping) -> None:
    path = write_csv(tmp_path / "p.parquet", "ID,NAME\nP1,Jo\n")
    with pytest.raises(FileFormatError, match="not a Parquet file: it looks like text"):
        read_rows(path, table)


def test_parquet_named_csv_is_not_a_csv_file(tmp_path: Path, table: TableMapping) -> None:
    parquet = write_parquet(tmp_path / "p.parquet", [{"ID": "P1"}])
    path = tmp_path / "p.csv"
    path.write_bytes(parquet.read_bytes())
    with pytest.raises(FileFormatError, match="not a CSV file: it is a Parquet file"):
        read_rows(path, table)


def test_xlsx_named_jsonl_is_not_a_json_lines_file(tmp_path: Path, table: TableMapping) -> None:
    xlsx = write_xlsx(tmp_path / "p.xlsx", [["ID"], ["P1"]])
    path = tmp_path / "p.jsonl"
    path.write_bytes(xlsx.read_bytes())
    with pytest.raises(FileFormatError, match="not a JSON Lines file: it is a zip archive"):
        read_rows(path, table)


def test_binary_file_named_csv_is_not_a_csv_file(tmp_path: Path, table: TableMapping) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(FileFormatError, match="not a CSV file: it contains NUL bytes"):
        read_rows(path, table)


def test_json_named_xlsx_is_not_an_excel_file(tmp_path: Path, table: TableMapping) -> None:
    path = tmp_path / "p.xlsx"
    path.write_text(json.dumps({"ID": "P1"}), "utf-8")
    with pytest.raises(FileFormatError, match=r"not an Excel \(\.xlsx\) file: it looks like JSON"):
        read_rows(path, table)


def test_file_sha256_is_the_hex_digest_of_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"abc")
    expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert file_sha256(path) == expected
