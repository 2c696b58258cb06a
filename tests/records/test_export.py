"""The import engine: agency files through a mapping into validated canonical records."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from record_files import MappingFactory, write_csv, write_parquet, write_xlsx

from joinedup.errors import FileFormatError, RowProblem
from joinedup.records.canonical import (
    Address,
    EventRecord,
    Identifier,
    IntelligenceGrade,
    OrganisationRecord,
    OtherName,
    Participant,
    PersonRecord,
    PhoneRecord,
    PlaceRecord,
    VehicleRecord,
)
from joinedup.records.export import ReadResult, read_export
from joinedup.records.partial_dates import PartialDate, PartialDateTime

PEOPLE_FIELDS: dict[str, Any] = {
    "source_id": "REF",
    "forenames": "FORENAME",
    "surname": "SURNAME",
    "dob": "DOB",
    "sex": {"column": "SEX", "codes": {"M": "male", "F": "female", "U": "not_known"}},
    "ethnicity": {"column": "ETH", "codes": {"WB": "white_british"}},
    "other_names": [{"column": "ALIASES", "kind": "alias", "separator": ";"}],
    "addresses": [{"postcode": "POSTCODE", "line": "ADDRESS", "from": "MOVED_IN"}],
    "phones": {"column": "PHONES", "separator": ";"},
    "emails": {"column": "EMAIL"},
    "identifiers": [
        {"column": "NHS_NO", "scheme": "nhs_number"},
        {"column": "UPN", "scheme": "upn"},
    ],
}
PEOPLE_HEADER = (
    "REF,FORENAME,SURNAME,DOB,SEX,ETH,ALIASES,POSTCODE,ADDRESS,MOVED_IN,PHONES,EMAIL,NHS_NO,UPN"
)
KAYLEY = (
    "P1,Kayley,Smith,03/04/2009,F,WB,Kayley Smyth;Kay,tf12ab,1 High St,2015,"
    "07700 900123;01632 960123,Kay@Example.org,943 476 5919,h801200001001"
)
KAYLEY_RECORD = PersonRecord(
    source_id="P1",
    forenames="Kayley",
    surname="Smith",
    other_names=(OtherName("alias", "Kayley", "Smyth"), OtherName("alias", "Kay", None)),
    dob=PartialDate(2009, 4, 3),
    sex="female",
    ethnicity="white_british",
    addresses=(Address("TF1 2AB", None, "1 High St", PartialDate(2015)),),
    phones=("+447700900123", "+441632960123"),
    emails=("kay@example.org",),
    identifiers=(Identifier("nhs_number", "9434765919"), Identifier("upn", "H801200001001")),
)


def people_table(file: str = "people*.csv", **extra: Any) -> dict[str, Any]:
    table = {
        "name": "people",
        "file": file,
        "record": "person",
        "date_formats": ["%d/%m/%Y", "%m/%Y", "%Y"],
        "fields": dict(PEOPLE_FIELDS),
    }
    return table | extra


EVENT_TABLE: dict[str, Any] = {
    "name": "occurrences",
    "file": "occ*.jsonl",
    "record": "event",
    "fields": {
        "source_id": "ref",
        "event_type": {
            "column": "type",
            "codes": {"MISS": "missing_episode", "INC": "crime_report"},
        },
        "occurred": "when",
        "recorded": "logged",
        "summary": "what",
        "place": {
            "name": "loc.name",
            "postcode": "loc.pc",
            "kind": {"column": "loc.kind", "codes": {"T": "takeaway", "H": "home"}},
        },
        "participants": [
            {"column": "subject", "role": "subject"},
            {
                "list": "involved",
                "person": "ref",
                "role": {"column": "role", "codes": {"S": "suspect"}},
            },
        ],
        "vehicles": {"column": "vrms", "separator": ";"},
        "phones": {"column": "phones"},
        "grade": {"column": "grade"},
    },
}


def jsonl(path: Path, *rows: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    return path


def problems_as_tuples(result: ReadResult) -> list[tuple[str, int, str, str]]:
    return [(p.file, p.row, p.field, p.value) for p in result.problems]


def test_csv_people_become_person_records(tmp_path: Path, make_mapping: MappingFactory) -> None:
    path = write_csv(tmp_path / "people.csv", f"{PEOPLE_HEADER}\n{KAYLEY}\n")
    result = read_export(make_mapping(people_table()), [path])
    assert result.problems == []
    assert result.batch.persons == {"P1": KAYLEY_RECORD}
    assert result.batch.origins == {("person", "P1"): ("people.csv", 2)}
    assert [(f.name, f.table, f.record, f.rows) for f in result.files] == [
        ("people.csv", "people", "person", 1)
    ]


def test_blank_sex_ethnicity_and_age_group_are_not_known(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    row = "P2,Jo,Bloggs,,,,,,,,,,,"
    path = write_csv(tmp_path / "people.csv", f"{PEOPLE_HEADER}\n{row}\n")
    result = read_export(make_mapping(people_table()), [path])
    assert result.batch.persons["P2"] == PersonRecord("P2", "Jo", "Bloggs")
    assert (result.batch.persons["P2"].sex, result.batch.persons["P2"].age_group) == (
        "not_known",
        "not_known",
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("03/04/2009", PartialDate(2009, 4, 3)),
        ("04/2009", PartialDate(2009, 4)),
        ("2009", PartialDate(2009)),
    ],
)
def test_date_precision_follows_the_format_that_matched(
    tmp_path: Path, make_mapping: MappingFactory, written: str, expected: PartialDate
) -> None:
    path = write_csv(tmp_path / "people.csv", f"REF,DOB\nP1,{written}\n")
    table = people_table(fields={"source_id": "REF", "dob": "DOB"})
    result = read_export(make_mapping(table), [path])
    assert result.batch.persons["P1"].dob == expected


def test_jsonl_events_with_inline_place_participants_vehicles_phones_and_grade(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    people = write_csv(tmp_path / "people.csv", "REF\nP1\nP2\n")
    events = jsonl(
        tmp_path / "occ.jsonl",
        {
            "ref": "E1",
            "type": "MISS",
            "when": "2024-03-04T21:30",
            "logged": "2024-03-05",
            "what": "Missing overnight",
            "loc": {"name": "Chicken  Hut", "pc": "tf1 2ab", "kind": "T"},
            "subject": "P1",
            "involved": [{"ref": "P2", "role": "S"}],
            "vrms": "ab12 cde;XY99-ZZZ",
            "phones": ["07700 900123"],
            "grade": "1ap",
        },
        {
            "ref": "E2",
            "type": "INC",
            "when": "2024-04",
            "loc": {"name": "chicken hut", "pc": "TF1 2AB", "kind": "T"},
        },
    )
    table = people_table(fields={"source_id": "REF"})
    result = read_export(make_mapping(table, EVENT_TABLE), [people, events])
    assert result.problems == []
    place_id = result.batch.events["E1"].place_source_id
    assert place_id is not None and place_id.startswith("auto:") and len(place_id) == 21
    assert result.batch.events["E1"] == EventRecord(
        source_id="E1",
        event_type="missing_episode",
        occurred=PartialDateTime(2024, 3, 4, 21, 30),
        recorded=date(2024, 3, 5),
        place_source_id=place_id,
        summary="Missing overnight",
        participants=(Participant("P1", "subject"), Participant("P2", "suspect")),
        vehicle_source_ids=("AB12CDE", "XY99ZZZ"),
        phone_source_ids=("+447700900123",),
        grade=IntelligenceGrade("1", "A", "P"),
    )
    assert result.batch.events["E2"].occurred == PartialDateTime(2024, 4)
    assert result.batch.events["E2"].place_source_id == place_id
    assert result.batch.places == {
        place_id: PlaceRecord(place_id, "Chicken  Hut", "takeaway", "TF1 2AB")
    }
    assert result.batch.vehicles["AB12CDE"] == VehicleRecord("AB12CDE", "AB12CDE", "ab12 cde")
    assert result.batch.phones == {
        "+447700900123": PhoneRecord("+447700900123", "+447700900123", "07700 900123")
    }
    assert result.batch.origins[("place", place_id)] == ("occ.jsonl", 1)
    assert result.batch.origins[("event", "E2")] == ("occ.jsonl", 2)


def test_parquet_native_dates_need_no_format(tmp_path: Path, make_mapping: MappingFactory) -> None:
    path = write_parquet(
        tmp_path / "people.parquet",
        [{"REF": "P1", "DOB": date(2009, 4, 3), "SEEN": datetime(2024, 1, 2, 9, 15)}],
    )
    table = {
        "name": "people",
        "file": "people*.parquet",
        "record": "person",
        "fields": {"source_id": "REF", "dob": "DOB", "addresses": [{"from": "SEEN"}]},
    }
    result = read_export(make_mapping(table), [path])
    person = result.batch.persons["P1"]
    assert person.dob == PartialDate(2009, 4, 3)
    assert person.addresses == (Address(date_from=PartialDate(2024, 1, 2)),)


def test_xlsx_dates_and_numeric_cells_are_read(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    path = write_xlsx(
        tmp_path / "pupils.xlsx",
        [["UPN_REF", "DOB", "NHS"], [1001, date(2010, 9, 1), 9434765919]],
        sheet="Pupils",
    )
    table = {
        "name": "pupils",
        "file": "pupils*.xlsx",
        "record": "person",
        "sheet": "Pupils",
        "fields": {
            "source_id": "UPN_REF",
            "dob": "DOB",
            "identifiers": [{"column": "NHS", "scheme": "nhs_number"}],
        },
    }
    result = read_export(make_mapping(table), [path])
    assert result.problems == []
    assert result.batch.persons["1001"] == PersonRecord(
        "1001",
        dob=PartialDate(2010, 9, 1),
        identifiers=(Identifier("nhs_number", "9434765919"),),
    )
    assert result.batch.origins[("person", "1001")] == ("pupils.xlsx", 2)


def test_place_vehicle_phone_and_organisation_tables(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    tables = [
        {
            "name": "places",
            "file": "places.csv",
            "record": "place",
            "fields": {"source_id": "ID", "name": "NAME", "kind": "KIND", "postcode": "PC"},
        },
        {
            "name": "vehicles",
            "file": "vehicles.csv",
            "record": "vehicle",
            "fields": {"registration": "VRM", "make": "MAKE"},
        },
        {"name": "phones", "file": "phones.csv", "record": "phone", "fields": {"number": "TEL"}},
        {
            "name": "operators",
            "file": "operators.csv",
            "record": "organisation",
            "fields": {
                "source_id": "ID",
                "name": "NAME",
                "kind": "KIND",
                "place_id": "BASE",
                "licence_numbers": {"column": "LICENCES", "separator": "|"},
                "phones": "TEL",
            },
        },
    ]
    files = [
        write_csv(tmp_path / "places.csv", "ID,NAME,KIND,PC\nPL1,Cab Office,taxi_firm,MS1 2AB\n"),
        write_csv(tmp_path / "vehicles.csv", "VRM,MAKE\nab12 cde,Ford\n"),
        write_csv(tmp_path / "phones.csv", "TEL\n07700 900999\n"),
        write_csv(
            tmp_path / "operators.csv",
            "ID,NAME,KIND,BASE,LICENCES,TEL\nO1,Speedy Cabs,taxi_firm,PL1,L1|L2,01632 960001\n",
        ),
    ]
    result = read_export(make_mapping(*tables), files)
    assert result.problems == []
    assert result.batch.places["PL1"] == PlaceRecord("PL1", "Cab Office", "taxi_firm", "MS1 2AB")
    assert result.batch.vehicles["AB12CDE"] == VehicleRecord(
        "AB12CDE", "AB12CDE", "ab12 cde", make="Ford"
    )
    assert result.batch.phones["+447700900999"].number_as_written == "07700 900999"
    assert result.batch.organisations["O1"] == OrganisationRecord(
        "O1", "Speedy Cabs", "taxi_firm", ("L1", "L2"), "PL1", ("+441632960001",)
    )
    assert "+441632960001" in result.batch.phones


def test_missing_required_column_is_one_problem_at_the_header(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    path = write_csv(tmp_path / "people.csv", "FORENAME,SURNAME\nJo,Bloggs\nAl,Jones\n")
    result = read_export(make_mapping(people_table()), [path])
    assert result.problems == [
        RowProblem("people.csv", 1, "REF", "", "a column named REF (table people, field source_id)")
    ]
    assert result.batch.persons == {}
    assert result.skipped_rows == {("people.csv", 2), ("people.csv", 3)}
    assert result.files[0].rows == 2


def test_blank_required_value_is_a_problem(tmp_path: Path, make_mapping: MappingFactory) -> None:
    path = write_csv(tmp_path / "people.csv", "REF,FORENAME\n,Jo\nP2,Al\n")
    table = people_table(fields={"source_id": "REF", "forenames": "FORENAME"})
    result = read_export(make_mapping(table), [path])
    assert problems_as_tuples(result) == [("people.csv", 2, "REF", "")]
    assert "required" in result.problems[0].expected
    assert list(result.batch.persons) == ["P2"]


def test_unknown_code_lists_the_accepted_codes(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    path = write_csv(tmp_path / "people.csv", f"{PEOPLE_HEADER}\n{KAYLEY.replace(',F,', ',X,')}\n")
    result = read_export(make_mapping(people_table()), [path])
    assert result.problems == [RowProblem("people.csv", 2, "SEX", "X", "one of the codes F, M, U")]
    assert result.skipped_rows == {("people.csv", 2)}
    assert result.batch.persons == {}


def test_vocabulary_field_without_codes_lists_the_vocabulary(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    path = write_csv(tmp_path / "people.csv", "REF,SEX\nP1,Female\nP2,woman\n")
    table = people_table(fields={"source_id": "REF", "sex": "SEX"})
    result = read_export(make_mapping(table), [path])
    assert result.batch.persons["P1"].sex == "female"
    assert result.problems == [
        RowProblem(
            "people.csv",
            3,
            "SEX",
            "woman",
            "a code of vocabulary sex: female, indeterminate, male, not_known",
        )
    ]


def test_impossible_date_is_a_problem(tmp_path: Path, make_mapping: MappingFactory) -> None:
    path = write_csv(tmp_path / "people.csv", "REF,DOB\nP1,30/02/2009\nP2,2009-02-03\n")
    table = people_table(fields={"source_id": "REF", "dob": "DOB"})
    result = read_export(make_mapping(table), [path])
    assert problems_as_tuples(result) == [
        ("people.csv", 2, "DOB", "30/02/2009"),
        ("people.csv", 3, "DOB", "2009-02-03"),
    ]
    assert result.problems[0].expected == "a real date: 2009-02 has no day 30"
    assert result.problems[1].expected == "a date in the form '%d/%m/%Y' or '%m/%Y' or '%Y'"


def test_date_in_the_future_is_a_problem(tmp_path: Path, make_mapping: MappingFactory) -> None:
    tomorrow = (date.today() + timedelta(days=1)).strftime("%d/%m/%Y")
    path = write_csv(tmp_path / "people.csv", f"REF,DOB\nP1,{tomorrow}\n")
    table = people_table(fields={"source_id": "REF", "dob": "DOB"})
    result = read_export(make_mapping(table), [path])
    assert result.problems[0].expected.startswith("a date not in the future")
    assert result.problems[0].value == tomorrow


def test_duplicate_source_id_names_both_rows(tmp_path: Path, make_mapping: MappingFactory) -> None:
    path = write_csv(tmp_path / "people.csv", "REF,FORENAME\nP1,Jo\nP2,Al\nP1,Joe\n")
    table = people_table(fields={"source_id": "REF", "forenames": "FORENAME"})
    result = read_export(make_mapping(table), [path])
    assert result.problems == [
        RowProblem("people.csv", 4, "REF", "P1", "a unique source_id; first seen at row 2")
    ]
    assert result.batch.persons["P1"].forenames == "Jo"
    assert result.skipped_rows == {("people.csv", 4)}


@pytest.mark.parametrize(
    ("column", "bad", "expected"),
    [
        ("POSTCODE", "ZZ1", "a valid UK postcode such as 'TF1 2AB'"),
        ("NHS_NO", "943 476 5918", "a 10-digit NHS number that passes the modulus 11 check"),
        ("UPN", "A801200001001", "a 13-character unique pupil number with a correct check letter"),
        ("PHONES", "12345", "a telephone number such as '07700 900123' or '+44 7700 900123'"),
        ("EMAIL", "kay-at-example", "an email address such as 'name@example.org'"),
    ],
)
def test_invalid_identifier_names_file_row_field_and_value(
    tmp_path: Path, make_mapping: MappingFactory, column: str, bad: str, expected: str
) -> None:
    values = dict(zip(PEOPLE_HEADER.split(","), KAYLEY.split(","), strict=True))
    values[column] = bad
    path = write_csv(tmp_path / "people.csv", f"{PEOPLE_HEADER}\n{','.join(values.values())}\n")
    result = read_export(make_mapping(people_table()), [path])
    assert result.problems == [RowProblem("people.csv", 2, column, bad, expected)]


def test_invalid_registration_in_an_event_is_a_problem(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    events = jsonl(
        tmp_path / "occ.jsonl", {"ref": "E1", "type": "INC", "when": "2024", "vrms": "A"}
    )
    result = read_export(make_mapping(EVENT_TABLE), [events])
    assert problems_as_tuples(result) == [("occ.jsonl", 1, "vrms", "A")]
    assert result.batch.vehicles == {} and result.batch.events == {}


def test_every_bad_value_in_a_row_is_reported(tmp_path: Path, make_mapping: MappingFactory) -> None:
    row = KAYLEY.replace(",F,", ",X,").replace("tf12ab", "nowhere").replace("943 476 5919", "1")
    path = write_csv(tmp_path / "people.csv", f"{PEOPLE_HEADER}\n{row}\n")
    result = read_export(make_mapping(people_table()), [path])
    assert [p.field for p in result.problems] == ["SEX", "POSTCODE", "NHS_NO"]


def test_participant_not_in_batch_or_existing_is_a_problem(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    events = jsonl(
        tmp_path / "occ.jsonl",
        {"ref": "E1", "type": "INC", "when": "2024", "subject": "P9"},
        {"ref": "E2", "type": "INC", "when": "2024", "involved": [{"ref": "P8", "role": "S"}]},
    )
    result = read_export(make_mapping(EVENT_TABLE), [events])
    assert problems_as_tuples(result) == [
        ("occ.jsonl", 1, "subject", "P9"),
        ("occ.jsonl", 2, "involved[0].ref", "P8"),
    ]
    assert result.problems[0].expected.startswith(
        "a person source_id present in this agency's person records"
    )
    assert result.batch.events == {}


def test_references_resolve_against_existing_records(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    events = jsonl(
        tmp_path / "occ.jsonl", {"ref": "E1", "type": "INC", "when": "2024", "subject": "P9"}
    )
    result = read_export(make_mapping(EVENT_TABLE), [events], existing={"person": {"P9"}})
    assert result.problems == []
    assert result.batch.events["E1"].participants == (Participant("P9", "subject"),)


def test_row_referring_to_an_invalid_row_is_itself_a_problem(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    people = write_csv(tmp_path / "people.csv", "REF,SEX\nP1,male\nP2,bad\n")
    events = jsonl(
        tmp_path / "occ.jsonl",
        {"ref": "E1", "type": "INC", "when": "2024", "subject": "P2", "vrms": "AB12CDE"},
        {"ref": "E2", "type": "INC", "when": "2024", "subject": "P1"},
    )
    table = people_table(fields={"source_id": "REF", "sex": "SEX"})
    result = read_export(make_mapping(table, EVENT_TABLE), [people, events], {"person": {"P2"}})
    assert problems_as_tuples(result) == [
        ("people.csv", 3, "SEX", "bad"),
        ("occ.jsonl", 1, "subject", "P2"),
    ]
    assert "P2 is in people.csv at row 3, which is invalid" in result.problems[1].expected
    assert list(result.batch.events) == ["E2"]
    assert result.batch.vehicles == {}
    assert result.skipped_rows == {("people.csv", 3), ("occ.jsonl", 1)}


def test_event_naming_an_invalid_organisation_is_skipped_too(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    tables = [
        {
            "name": "operators",
            "file": "operators.csv",
            "record": "organisation",
            "fields": {"source_id": "ID", "name": "NAME", "place_id": "BASE"},
        },
        {
            "name": "events",
            "file": "events.csv",
            "record": "event",
            "fields": {
                "source_id": "ID",
                "event_type": "TYPE",
                "occurred": "WHEN",
                "organisations": "OPERATOR",
            },
        },
    ]
    files = [
        write_csv(
            tmp_path / "events.csv", "ID,TYPE,WHEN,OPERATOR\nE1,licensing_complaint,2023,O1\n"
        ),
        write_csv(tmp_path / "operators.csv", "ID,NAME,BASE\nO1,Speedy Cabs,PL404\n"),
    ]
    result = read_export(make_mapping(*tables), files)
    assert problems_as_tuples(result) == [
        ("events.csv", 2, "OPERATOR", "O1"),
        ("operators.csv", 2, "BASE", "PL404"),
    ]
    assert result.batch.organisations == {} and result.batch.events == {}


def test_problems_are_in_file_then_row_order(tmp_path: Path, make_mapping: MappingFactory) -> None:
    first = write_csv(tmp_path / "people_a.csv", "REF,SEX\nA1,bad\nA2,male\nA3,worse\n")
    second = write_csv(tmp_path / "people_b.csv", "REF,SEX\nB1,odd\n")
    table = people_table(fields={"source_id": "REF", "sex": "SEX"})
    result = read_export(make_mapping(table), [first, second])
    assert [(p.file, p.row) for p in result.problems] == [
        ("people_a.csv", 2),
        ("people_a.csv", 4),
        ("people_b.csv", 2),
    ]


def test_file_that_cannot_be_decoded_raises_naming_the_row(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    path = write_csv(tmp_path / "people.csv", "REF\nP1\nZoë\n", "latin-1")
    with pytest.raises(FileFormatError, match="row 3: not valid utf-8"):
        read_export(make_mapping(people_table()), [path])


def test_progress_reports_rows_read_across_files(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    first = write_csv(tmp_path / "people_a.csv", "REF\nA1\nA2\n")
    second = write_csv(tmp_path / "people_b.csv", "REF\nB1\n")
    seen: list[int] = []
    table = people_table(fields={"source_id": "REF"})
    read_export(make_mapping(table), [first, second], progress=seen.append)
    assert seen[-1] == 3 and seen == sorted(seen)


def test_event_times_with_a_time_zone_are_taken_to_uk_local_time(
    tmp_path: Path, make_mapping: MappingFactory
) -> None:
    path = tmp_path / "events.parquet"
    moments = pa.array([datetime(2024, 7, 1, 20, 30)], pa.timestamp("ns", tz="UTC"))
    pq.write_table(pa.table({"ID": ["E1"], "WHEN": moments}), path)
    table = {
        "name": "events",
        "file": "events.parquet",
        "record": "event",
        "fields": {"source_id": "ID", "event_type": {"value": "other"}, "occurred": "WHEN"},
    }
    result = read_export(make_mapping(table), [path])
    assert result.batch.events["E1"].occurred == PartialDateTime(2024, 7, 1, 21, 30)


@pytest.mark.parametrize(
    ("formats", "written", "expected"),
    [
        (["%d %b %Y"], "4 mar 2009", PartialDate(2009, 3, 4)),
        (["%B %Y"], "March 2009", PartialDate(2009, 3)),
        (["%d/%m/%y"], "04/03/09", PartialDate(2009, 3, 4)),
        (["%A %d/%m/%Y"], "Wednesday 04/03/2009", PartialDate(2009, 3, 4)),
        (["iso"], "2009-03-04T10:15:00+00:00", PartialDate(2009, 3, 4)),
    ],
)
def test_column_formats_override_the_table_formats(
    tmp_path: Path,
    make_mapping: MappingFactory,
    formats: list[str],
    written: str,
    expected: PartialDate,
) -> None:
    path = write_csv(tmp_path / "people.csv", f"REF,DOB\nP1,{written}\n")
    table = people_table(fields={"source_id": "REF", "dob": {"column": "DOB", "formats": formats}})
    result = read_export(make_mapping(table), [path])
    assert result.problems == []
    assert result.batch.persons["P1"].dob == expected
