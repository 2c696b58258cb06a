"""Midshire Children's Services: nested JSON Lines with ISO dates."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from joinedup.synth.distortions import SourceRecord
from joinedup.synth.events import Event
from joinedup.synth.exports.base import ExportWriter
from joinedup.synth.people import Person

__all__ = ["SocialCareExport", "DFE_ETHNICITY"]

# DfE children-in-need census ethnicity codes for each canonical code.
DFE_ETHNICITY = {
    "white_british": "WBRI",
    "white_irish": "WIRI",
    "white_gypsy_irish_traveller": "WIRT",
    "white_roma": "WROM",
    "white_other": "WOTH",
    "mixed_white_black_caribbean": "MWBC",
    "mixed_white_black_african": "MWBA",
    "mixed_white_asian": "MWAS",
    "mixed_other": "MOTH",
    "asian_indian": "AIND",
    "asian_pakistani": "APKN",
    "asian_bangladeshi": "ABAN",
    "asian_other": "AOTH",
    "asian_chinese": "CHNE",
    "black_caribbean": "BCRB",
    "black_african": "BAFR",
    "black_other": "BOTH",
    "other_arab": "OOTH",
    "other_any": "OOTH",
}


def dfe_ethnicity(rng: random.Random, code: str, unknown_rate: float) -> str:
    roll = rng.random()
    if roll < unknown_rate:
        return "NOBT"
    return "REFU" if roll < unknown_rate + 0.02 else DFE_ETHNICITY[code]


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


class SocialCareExport(ExportWriter):
    agency = "CSC"
    folder_name = "social_care"
    kind = "childrens_social_care"
    name = "Midshire Children's Services"
    file_format = "jsonl"

    def __init__(self, out_dir: Path) -> None:
        super().__init__(out_dir)
        self._files = [self.folder / "people.jsonl", self.folder / "episodes.jsonl"]
        self._people, self._episodes = (
            p.open("w", encoding="utf-8", newline="\n") for p in self._files
        )

    def new_person_id(self, person: Person) -> str:
        self.people += 1
        return str(200000 + self.people)

    def _name(self, record: SourceRecord, rng: random.Random) -> dict[str, str]:
        name = {"given": " ".join(record.forenames), "family": record.surname}
        if rng.random() < 0.2:
            from joinedup.synth.distortions import alternative

            preferred = alternative(rng, record.person.first_name, "nickname")
            if preferred:
                name["preferred"] = preferred
        return name

    def _addresses(self, record: SourceRecord) -> list[dict[str, str]]:
        history = record.person.residences
        upto = history.index(record.residence) + 1 if record.residence in history else len(history)
        found = []
        for residence in history[max(0, upto - 3) : upto]:
            entry = {
                "postcode": residence.postcode,
                "line": residence.line,
                "from": residence.start.isoformat(),
            }
            if residence.end and residence is not record.residence:
                entry["to"] = residence.end.isoformat()
            found.append(entry)
        return found

    def _identifiers(self, record: SourceRecord, rng: random.Random) -> dict[str, str]:
        person = record.person
        ids = {"caseId": f"CS{record.source_id}"}
        if person.role == "child" and rng.random() < 0.6:
            ids["nhsNumber"] = person.nhs_number
        if person.upn and rng.random() < 0.4:
            ids["upn"] = person.upn
        return ids

    def write_person(self, record: SourceRecord, rng: random.Random) -> None:
        person = record.person
        row: dict[str, Any] = {"personId": record.source_id, "name": self._name(record, rng)}
        if record.former_surname:
            row["formerNames"] = [record.former_surname]
        if record.dob is not None:
            iso = record.dob.isoformat()
            row["birthDate"] = iso[:7] if record.dob_precision == "month" else iso
        row["gender"] = "U" if rng.random() < 0.01 else person.sex[0].upper()
        row["ethnicity"] = dfe_ethnicity(rng, person.ethnicity, 0.08)
        row["addresses"] = self._addresses(record)
        row["identifiers"] = self._identifiers(record, rng)
        row["ageGroup"] = "CHILD" if person.role == "child" else "ADULT"
        self._people.write(_dumps(row))

    def write_event(
        self, event: Event, source_id: str, refs: list[tuple[str, str]], rng: random.Random
    ) -> None:
        row = {
            "episodeId": source_id,
            "personId": refs[0][0],
            "type": event.code,
            "date": event.when.date().isoformat(),
            "summary": event.summary,
            "detail": f"{event.summary} Recorded by the allocated social worker.",
        }
        self._episodes.write(_dumps(row))

    def close(self) -> list[str]:
        self._people.close()
        self._episodes.close()
        return [self.relative(p) for p in self._files]
