"""A tiny hand-written agency export (persons and events as CSV) with its mapping."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

MAPPING = """
mapping_version: 1
agency: {code: TST, name: Test Constabulary, kind: police}
tables:
  - name: people
    file: "people*.csv"
    record: person
    date_formats: ["%d/%m/%Y", "%m/%Y", "%Y"]
    fields:
      source_id: REF
      forenames: FIRST
      surname: LAST
      dob: DOB
      sex: {column: SEX, codes: {M: male, F: female, U: not_known}}
      ethnicity: {column: ETH, codes: {W1: white_british, A2: asian_pakistani}, missing: not_known}
      other_names:
        - {column: ALIASES, kind: alias, separator: ";"}
      addresses:
        - {postcode: POSTCODE, line: ADDRESS}
      phones: {column: PHONES, separator: ";"}
  - name: occurrences
    file: "occurrences*.csv"
    record: event
    fields:
      source_id: OCC
      event_type: {column: TYPE, codes: {MISS: missing_episode, VSTOP: vehicle_stop}}
      occurred: {column: WHEN, formats: ["%d/%m/%Y %H:%M", "%d/%m/%Y"]}
      summary: SUMMARY
      place: {name: PLACE, postcode: PLACE_PC, kind: {value: takeaway}}
      participants:
        - {column: SUBJECT, role: subject}
        - {column: SUSPECTS, role: suspect, separator: ";"}
      vehicles: {column: VRMS, separator: ";"}
"""

PEOPLE = [
    "REF,FIRST,LAST,DOB,SEX,ETH,ALIASES,POSTCODE,ADDRESS,PHONES",
    "P1,Kayleigh,Smith,04/03/2009,F,W1,Kayley Smyth;Kay Smith,ms1 2ab,1 Mill Lane,07700 900123",
    "P2,Daniel,Hart,1985,M,,Danny Hart,MS2 3DE,4 Canal Row,07700 900456;07700 900457",
    "P3,Amira,Khan,11/2008,F,A2,,MS1 2AB,,",
]

OCCURRENCES = [
    "OCC,TYPE,WHEN,SUMMARY,PLACE,PLACE_PC,SUBJECT,SUSPECTS,VRMS",
    "O1,MISS,12/05/2023 23:10,Child missing overnight,,,P1,,",
    "O2,VSTOP,14/05/2023,Child found in adult's car,Star Kebabs,MS1 4EF,P1,P2,ab12 cde",
]


@dataclass
class TinyExport:
    folder: Path
    mapping: Path
    people: Path
    occurrences: Path

    @property
    def files(self) -> list[Path]:
        return [self.people, self.occurrences]

    def write(self, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
        path = self.folder / name
        path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
        return path


@pytest.fixture
def tiny(tmp_path: Path) -> TinyExport:
    export = TinyExport(
        tmp_path,
        tmp_path / "tst.mapping.yaml",
        tmp_path / "people.csv",
        tmp_path / "occurrences.csv",
    )
    export.mapping.write_text(MAPPING)
    export.write("people.csv", PEOPLE)
    export.write("occurrences.csv", OCCURRENCES)
    return export
