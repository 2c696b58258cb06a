"""`joinedup disclose` end to end, and each kind of bad input: a message naming the file (and
row and field), exit status 2, no traceback, nothing written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from joinedup.cli.disclose import disclose
from joinedup.cli.main import JoinedUpGroup, cli

TABLE = """Ethnicity,2022,2023,2024,Total
Asian,3,20,30,53
Black,12,0,9,21
White,40,35,44,119
Total,55,55,83,193
"""


def run(*args: str) -> Result:
    group = cli if "disclose" in cli.commands else JoinedUpGroup(commands=[disclose])
    return CliRunner().invoke(group, ["disclose", *args])


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_disclose_writes_the_table_as_published_and_the_reasons(tmp_path: Path) -> None:
    (tmp_path / "table.csv").write_text(TABLE)
    out, reasons = tmp_path / "out.csv", tmp_path / "reasons.csv"
    done = run(str(tmp_path / "table.csv"), "--profile", "dfe", "--out", str(out),
               "--reasons", str(reasons))  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "dfe v1" in done.output
    published = read(out)
    assert published[0] == ["Ethnicity", "2022", "2023", "2024", "Total"]
    assert [row[0] for row in published] == ["Ethnicity", "Asian", "Black", "White", "Total"]
    assert published[1][1] == "c"
    assert len(published) == 5 and all(len(row) == 5 for row in published)
    rows = read(reasons)
    assert rows[0] == ["row", "column", "reason"]
    assert ["Asian", "2022", "primary: 1–5 suppressed as 'c' (dfe v1)"] in rows
    assert all(row[2].startswith(("primary", "secondary")) for row in rows[1:])
    assert not list(tmp_path.glob("*.partial"))


def test_disclose_rounds_under_nhs_and_records_it(tmp_path: Path) -> None:
    (tmp_path / "table.csv").write_text(TABLE)
    out, reasons = tmp_path / "out.csv", tmp_path / "reasons.csv"
    done = run(str(tmp_path / "table.csv"), "--profile", "nhs", "--out", str(out),
               "--reasons", str(reasons))  # fmt: skip
    assert done.exit_code == 0, done.output
    assert read(out)[1] == ["Asian", "*", "20", "30", "55"]
    assert ["White", "2024", "rounded to the nearest 5 (nhs v1)"] in read(reasons)


def test_several_label_columns_and_a_numeric_first_label(tmp_path: Path) -> None:
    (tmp_path / "table.csv").write_text(
        "Year,Ward,Girls,Boys,Total\n2024,North,3,17,20\n2024,South,12,15,27\n2024,Total,15,32,47\n"
    )
    out = tmp_path / "out.csv"
    done = run(str(tmp_path / "table.csv"), "--profile", "dfe", "--out", str(out))
    assert done.exit_code == 0, done.output
    published = read(out)
    assert [row[:2] for row in published[1:]] == [["2024", "North"], ["2024", "South"],
                                                  ["2024", "Total"]]  # fmt: skip
    assert published[1][2] == "c"


def test_the_level_option_rounds_national_figures_for_dfe(tmp_path: Path) -> None:
    (tmp_path / "table.csv").write_text("Region,Children\nNorth East,3\nLondon,1234\n")
    out = tmp_path / "out.csv"
    done = run(str(tmp_path / "table.csv"), "--profile", "dfe", "--level", "national",
               "--out", str(out))  # fmt: skip
    assert done.exit_code == 0, done.output
    assert read(out)[1:] == [["North East", "k"], ["London", "1230"]]


BAD = {
    "non-integer count": ("Area,Count\nNorth,3.5\nSouth,12\n", ["row 2", "'Count'", "'3.5'"]),
    "negative count": ("Area,Count\nNorth,-3\nSouth,12\n", ["row 2", "'Count'", "'-3'"]),
    "a stray symbol": ("Area,A,B\nNorth,x,3\nSouth,4,5\n", ["row 2", "'A'", "'x'"]),
    "ragged row": ("Area,A,B\nNorth,1,2\nSouth,4\n", ["row 3", "'B'", "3 fields"]),
    "no count columns": ("Area,Sex\nNorth,F\n", ["no count columns"]),
    "empty file": ("", ["empty"]),
    "header only": ("Area,Count\n", ["no rows"]),
    "row total does not add up": (
        "Area,A,B,Total\nNorth,10,12,23\nSouth,4,5,9\n",
        ["row 2", "'Total'", "'23'", "22"],
    ),
    "column total does not add up": (
        "Area,A\nNorth,10\nSouth,4\nTotal,15\n",
        ["row 4", "'A'", "'15'", "14"],
    ),
    "repeated row": ("Area,A\nNorth,10\nNorth,4\n", ["row 3", "row 2"]),
    "blank label": ("Area,A\n,10\nSouth,4\n", ["row 2", "'Area'"]),
    "repeated column": ("Area,A,A\nNorth,1,2\n", ["row 1", "'A'"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_reported_and_nothing_is_written(tmp_path: Path, case: str) -> None:
    content, fragments = BAD[case]
    (tmp_path / "bad.csv").write_text(content)
    out, reasons = tmp_path / "out.csv", tmp_path / "reasons.csv"
    done = run(str(tmp_path / "bad.csv"), "--profile", "nhs", "--out", str(out),
               "--reasons", str(reasons))  # fmt: skip
    assert done.exit_code == 2, done.output
    assert "Traceback" not in done.output
    assert "bad.csv" in done.output
    for fragment in fragments:
        assert fragment in done.output, f"{fragment!r} not in {done.output!r}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_an_unknown_profile_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "table.csv").write_text(TABLE)
    done = run(str(tmp_path / "table.csv"), "--profile", "scotland", "--out",
               str(tmp_path / "out.csv"))  # fmt: skip
    assert done.exit_code == 2
    assert "unknown disclosure profile 'scotland'" in done.output
    assert "Traceback" not in done.output
    assert not (tmp_path / "out.csv").exists()


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "table.csv").write_bytes("Area,Count\nZoë,3\n".encode("cp1252"))
    done = run(str(tmp_path / "table.csv"), "--profile", "nhs", "--out", str(tmp_path / "o.csv"))
    assert done.exit_code == 2
    assert "UTF-8" in done.output
