"""Midshire Schools: Excel workbooks (xlsxwriter, constant memory), real Excel dates.

A worksheet holds at most 1,048,576 rows, so each workbook takes at most
1,000,000 data rows; the export continues in pupils_2.xlsx, attendance_exclusions_2.xlsx
and so on (the mapping's globs match them all).
"""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from joinedup.synth.distortions import SourceRecord, alternative
from joinedup.synth.events import Event
from joinedup.synth.exports.base import ExportWriter
from joinedup.synth.exports.social_care import dfe_ethnicity
from joinedup.synth.people import Person

__all__ = ["EducationExport", "ROWS_PER_WORKBOOK"]

ROWS_PER_WORKBOOK = 1_000_000
FIXED_CREATED = datetime(2025, 1, 1, 0, 0, 0)
PUPIL_COLUMNS = [
    "UPN",
    "Legal Forename",
    "Legal Surname",
    "Preferred Forename",
    "Former Surname",
    "DOB",
    "Gender",
    "Ethnicity",
    "Postcode",
    "School",
    "Parent Phone",
]
EVENT_COLUMNS = ["Ref", "UPN", "Event", "Date", "Detail"]


class _SplitWorkbook:
    """Rows written to stem.xlsx, then stem_2.xlsx, ... at ROWS_PER_WORKBOOK rows each."""

    def __init__(self, folder: Path, stem: str, sheet: str, columns: list[str]) -> None:
        self.folder, self.stem, self.sheet, self.columns = folder, stem, sheet, columns
        self.paths: list[Path] = []
        self.book: Workbook | None = None
        self.rows = 0
        self._open()

    def _open(self) -> None:
        number = len(self.paths) + 1
        path = self.folder / (f"{self.stem}.xlsx" if number == 1 else f"{self.stem}_{number}.xlsx")
        self.paths.append(path)
        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self.book.set_properties({"created": FIXED_CREATED, "author": "joinedup synth"})
        self.date_format = self.book.add_format({"num_format": "dd/mm/yyyy"})
        self.worksheet: Worksheet = self.book.add_worksheet(self.sheet)
        self.worksheet.write_row(0, 0, self.columns)
        self.rows = 0

    def write(self, values: list[object], date_column: int) -> None:
        if self.rows >= ROWS_PER_WORKBOOK:
            self.close()
            self._open()
        self.rows += 1
        day = values[date_column]
        values[date_column] = None
        self.worksheet.write_row(self.rows, 0, values)
        if isinstance(day, date):
            self.worksheet.write_datetime(
                self.rows, date_column, datetime.combine(day, datetime.min.time()), self.date_format
            )

    def close(self) -> None:
        if self.book is not None:
            self.book.close()
            self.book = None


class EducationExport(ExportWriter):
    agency = "EDU"
    folder_name = "education"
    kind = "education"
    name = "Midshire Schools"
    file_format = "xlsx"

    def __init__(self, out_dir: Path) -> None:
        super().__init__(out_dir)
        self._pupils = _SplitWorkbook(self.folder, "pupils", "Pupils", PUPIL_COLUMNS)
        self._events = _SplitWorkbook(self.folder, "attendance_exclusions", "Events", EVENT_COLUMNS)

    def new_person_id(self, person: Person) -> str:
        self.people += 1
        return person.upn

    def write_person(self, record: SourceRecord, rng: random.Random) -> None:
        person = record.person
        preferred = alternative(rng, person.first_name, "nickname") if rng.random() < 0.15 else ""
        self._pupils.write(
            [
                record.source_id,
                record.forenames[0],
                record.surname,
                preferred,
                record.former_surname,
                record.dob,
                person.sex[0].upper(),
                dfe_ethnicity(rng, person.ethnicity, 0.03),
                record.residence.postcode if record.residence else "",
                person.school,
                person.contact_phone,
            ],
            date_column=5,
        )

    def write_event(
        self, event: Event, source_id: str, refs: list[tuple[str, str]], rng: random.Random
    ) -> None:
        self._events.write(
            [source_id, refs[0][0], event.code, event.when.date(), event.summary], date_column=3
        )

    def new_event_id(self, event: Event) -> str:
        self.events += 1
        return f"AE{self.events:08d}"

    def close(self) -> list[str]:
        self._pupils.close()
        self._events.close()
        return [self.relative(p) for p in self._pupils.paths + self._events.paths]
