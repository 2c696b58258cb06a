"""Midshire Health: Parquet, native dates and timestamps, NHS codes."""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.parquet as pq

from joinedup.synth.data import rates
from joinedup.synth.distortions import SourceRecord
from joinedup.synth.events import Event
from joinedup.synth.exports.base import ExportWriter
from joinedup.synth.people import Person

__all__ = ["HealthExport"]

# NHS Data Dictionary ethnic category letter for each canonical code.
NHS_ETHNICITY = {
    "white_british": "A",
    "white_irish": "B",
    "white_gypsy_irish_traveller": "C",
    "white_roma": "C",
    "white_other": "C",
    "mixed_white_black_caribbean": "D",
    "mixed_white_black_african": "E",
    "mixed_white_asian": "F",
    "mixed_other": "G",
    "asian_indian": "H",
    "asian_pakistani": "J",
    "asian_bangladeshi": "K",
    "asian_other": "L",
    "black_caribbean": "M",
    "black_african": "N",
    "black_other": "P",
    "asian_chinese": "R",
    "other_arab": "S",
    "other_any": "S",
}
PATIENTS = pa.schema(
    cast(
        "list[pa.Field[Any]]",
        [
            pa.field("patient_id", pa.string()),
            pa.field("nhs_number", pa.string()),
            pa.field("given_name", pa.string()),
            pa.field("family_name", pa.string()),
            pa.field("date_of_birth", pa.date32()),
            pa.field("sex", pa.string()),
            pa.field("ethnic_category", pa.string()),
            pa.field("postcode", pa.string()),
            pa.field("phone", pa.string()),
        ],
    ),
)
ENCOUNTERS = pa.schema(
    cast(
        "list[pa.Field[Any]]",
        [
            pa.field("encounter_id", pa.string()),
            pa.field("patient_id", pa.string()),
            pa.field("setting", pa.string()),
            pa.field("encounter_ts", pa.timestamp("s")),
            pa.field("reason", pa.string()),
            pa.field("summary", pa.string()),
            pa.field("narrative", pa.string()),
        ],
    ),
)


def _nhs_ethnicity(rng: random.Random, code: str) -> str:
    roll = rng.random()
    return "99" if roll < 0.1 else ("Z" if roll < 0.13 else NHS_ETHNICITY[code])


class HealthExport(ExportWriter):
    agency = "HLT"
    folder_name = "health"
    kind = "health"
    name = "Midshire Health"
    file_format = "parquet"

    def __init__(self, out_dir: Path) -> None:
        super().__init__(out_dir)
        self._files = [self.folder / "patients.parquet", self.folder / "encounters.parquet"]
        options: dict[str, Any] = {"compression": "zstd", "write_statistics": False}
        self._writers = [
            pq.ParquetWriter(self._files[0], PATIENTS, **options),
            pq.ParquetWriter(self._files[1], ENCOUNTERS, **options),
        ]
        self._patients: list[tuple[object, ...]] = []
        self._encounters: list[tuple[object, ...]] = []
        coverage = rates()["coverage"]
        self._no_nhs_before = int(coverage["health_no_nhs_before"])
        self._no_nhs_rate = float(coverage["health_no_nhs_rate"])

    def new_person_id(self, person: Person) -> str:
        self.people += 1
        return f"RX{self.people:08d}"

    def _nhs_number(self, person: Person, rng: random.Random) -> str | None:
        older = person.dob.year < self._no_nhs_before
        return None if older and rng.random() < self._no_nhs_rate else person.nhs_number

    def write_person(self, record: SourceRecord, rng: random.Random) -> None:
        person = record.person
        dob: date | None = record.dob
        sex = "0" if rng.random() < 0.005 else ("2" if person.sex == "female" else "1")
        phone = (person.phones[0] if person.phones else person.contact_phone) or None
        self._patients.append(
            (
                record.source_id,
                self._nhs_number(person, rng),
                " ".join(record.forenames),
                record.surname,
                dob,
                sex,
                _nhs_ethnicity(rng, person.ethnicity),
                record.residence.postcode if record.residence else None,
                phone,
            )
        )

    def write_event(
        self, event: Event, source_id: str, refs: list[tuple[str, str]], rng: random.Random
    ) -> None:
        when: datetime = event.when
        self._encounters.append(
            (
                source_id,
                refs[0][0],
                event.setting,
                when,
                event.code,
                event.summary,
                f"{event.summary} Seen by the duty clinician.",
            )
        )

    def end_chunk(self) -> None:
        for writer, rows, schema in (
            (self._writers[0], self._patients, PATIENTS),
            (self._writers[1], self._encounters, ENCOUNTERS),
        ):
            if rows:
                columns = list(zip(*rows, strict=True))
                table = pa.Table.from_arrays(
                    [pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)],
                    schema=schema,
                )
                writer.write_table(table)
            rows.clear()

    def close(self) -> list[str]:
        self.end_chunk()
        for writer in self._writers:
            writer.close()
        return [self.relative(p) for p in self._files]
