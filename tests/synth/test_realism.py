"""The borough has the features linkage and screening must cope with."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from stdnum.gb import nhs, upn

from joinedup.records.normalise import normalise_phone
from joinedup.synth.distortions import DISTORTION_KINDS
from tests.synth.conftest import read_truth
from tests.synth.exports import csv_rows, jsonl_rows, parquet_rows, xlsx_rows

UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][ABD-HJLNP-UW-Z]{2}$")


def test_every_distortion_kind_occurs(borough_dir: Path) -> None:
    kinds = Counter(
        kind
        for row in read_truth(borough_dir, "persons")
        for kind in row["distortions"].split(";")
        if kind
    )
    assert set(kinds) == set(DISTORTION_KINDS), set(DISTORTION_KINDS) - set(kinds)


def test_twins_share_a_birthday_and_a_household(borough_dir: Path) -> None:
    people = {r["true_person_id"]: r for r in read_truth(borough_dir, "people")}
    twins = [p for p in people.values() if p["twin_of"]]
    assert twins
    for twin in twins:
        other = people[twin["twin_of"]]
        assert (twin["dob"], twin["household_id"]) == (other["dob"], other["household_id"])


def test_schools_use_stepfathers_surnames(borough_dir: Path) -> None:
    changed = [
        r
        for r in read_truth(borough_dir, "persons")
        if "surname_change" in r["distortions"] and r["agency"] == "EDU"
    ]
    assert changed


def test_identifiers_are_valid(borough_dir: Path) -> None:
    patients = parquet_rows(borough_dir / "health/patients.parquet")
    numbers = [p["nhs_number"] for p in patients if p["nhs_number"]]
    assert numbers and all(nhs.is_valid(n) for n in numbers)
    assert any(p["nhs_number"] is None for p in patients)  # some older records lack one
    upns = [str(r["UPN"]) for r in xlsx_rows(borough_dir / "education", "pupils")]
    assert upns and all(upn.is_valid(u) for u in upns)


def test_postcodes_are_uk_shaped(borough_dir: Path) -> None:
    found = [r["POSTCODE"] for r in csv_rows(borough_dir / "police/nominals.csv")]
    found += [r["LOCATION_POSTCODE"] for r in csv_rows(borough_dir / "police/occurrences.csv")]
    found += [
        a["postcode"]
        for r in jsonl_rows(borough_dir / "social_care/people.jsonl")
        for a in r["addresses"]
    ]
    found += [r["postcode"] for r in parquet_rows(borough_dir / "health/patients.parquet")]
    found += [str(r["Postcode"]) for r in xlsx_rows(borough_dir / "education", "pupils")]
    found = [p for p in found if p]
    assert len(found) > 500
    assert [p for p in found if not UK_POSTCODE.match(p)] == []


def test_phones_are_fictitious_uk_numbers(borough_dir: Path) -> None:
    police = csv_rows(borough_dir / "police/nominals.csv")
    phones = [p for r in police for p in r["PHONES"].split(";") if p]
    normalised = {normalise_phone(p) for p in phones}
    assert normalised
    assert all(n.startswith(("+447700900", "+441632")) for n in normalised)


def test_exploitation_is_rare_and_grouped(borough_dir: Path) -> None:
    children = read_truth(borough_dir, "children")
    exploited = [c for c in children if c["exploited"] == "1"]
    assert 0.005 <= len(exploited) / len(children) <= 0.04
    assert len({c["network_id"] for c in exploited}) < len(exploited)


def test_ordinary_children_have_indicator_like_events_too(borough_dir: Path) -> None:
    exploited = {
        c["true_person_id"] for c in read_truth(borough_dir, "children") if c["exploited"] == "1"
    }
    ordinary_missing = [
        e
        for e in read_truth(borough_dir, "events")
        if e["event_type"] == "missing_episode"
        and not set(e["true_person_ids"].split(";")) & exploited
    ]
    assert ordinary_missing


def test_summaries_use_non_blaming_language(borough_dir: Path) -> None:
    text = (borough_dir / "police/occurrences.csv").read_text("utf-8").lower()
    text += (borough_dir / "social_care/episodes.jsonl").read_text("utf-8").lower()
    for phrase in ("prostitut", "putting themselves at risk", "put themselves at risk"):
        assert phrase not in text


def test_manifest_lists_every_export_with_its_mapping(borough_dir: Path) -> None:
    import json

    manifest = json.loads((borough_dir / "manifest.json").read_text("utf-8"))
    assert [e["agency"] for e in manifest["exports"]] == ["POL", "CSC", "HLT", "EDU", "LIC"]
    for export in manifest["exports"]:
        assert (borough_dir / export["mapping"]).is_file()
        assert all((borough_dir / f).is_file() for f in export["files"])


def test_recorded_dates_of_birth_are_never_in_the_future(borough_dir: Path) -> None:
    births = [
        r["birthDate"]
        for r in jsonl_rows(borough_dir / "social_care/people.jsonl")
        if "birthDate" in r
    ]
    births += [
        r["Date of Birth"]
        for r in csv_rows(borough_dir / "licensing/licence_holders.csv", "cp1252", ";")
    ]
    assert births and max(births) <= "2025-12-31"
