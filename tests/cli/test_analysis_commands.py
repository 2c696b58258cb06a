"""`joinedup screen`, `joinedup network` and `joinedup chronology` on the system of record."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import igraph as ig
import pytest
from click.testing import CliRunner, Result

from joinedup.chronology import CSV_COLUMNS as CHRONOLOGY_COLUMNS
from joinedup.chronology import chronology_for_person
from joinedup.cli.main import cli
from joinedup.screening import (
    first_prompt_dates,
    load_rule_file,
    screen_children,
    screening_history,
)
from joinedup.screening.results import CSV_COLUMNS as RESULTS_COLUMNS
from joinedup.web.analysis import models as am
from joinedup.web.analysis.readers import entitlements_for_role
from joinedup.web.analysis.sync import analysis_tables_from_database
from joinedup.web.audit.models import AuditEntry
from joinedup.web.people import models as pm
from joinedup.web.people.linking import link_everyone
from joinedup.web.records.importing import import_export
from tests.web.records.conftest import MAPPING, PEOPLE, TinyExport

pytestmark = pytest.mark.django_db


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "240"}).invoke(cli, list(args))


@pytest.fixture
def linked(small_borough: Path, manifest: dict[str, Any]) -> Path:
    for export in manifest["exports"]:
        files = [small_borough / f for f in export["files"]]
        import_export(export["agency"], small_borough / export["mapping"], files, user="t")
    link_everyone("analyst")
    return small_borough


@pytest.fixture
def tiny_linked(tiny: TinyExport) -> TinyExport:
    import_export("TST", tiny.mapping, tiny.files, user="t")
    link_everyone("analyst")
    return tiny


def a_prompt_date() -> str:
    """A date on which screening prompts for at least one child of the borough."""
    history = screening_history(analysis_tables_from_database())
    first: date = first_prompt_dates(history)["first_prompt_date"].to_pylist()[0]
    return first.isoformat()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def person_of(agency: str, source_id: str) -> str:
    link = pm.PersonLink.objects.get(
        source_person__agency__code=agency, source_person__source_id=source_id
    )
    return link.person.person_id


def test_screen_stores_the_cores_result_for_every_child_and_writes_results_csv(
    linked: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results.csv"
    as_of = a_prompt_date()
    result = invoke("screen", "--as-of", as_of, "--out", str(out))
    assert result.exit_code == 0, result.output
    rules = load_rule_file()
    core = {
        r.person_id: r
        for r in screen_children(
            analysis_tables_from_database(), rules, as_of=date.fromisoformat(as_of)
        )
    }
    run = am.ScreeningRun.objects.get()
    assert (run.scheme, run.rules_file, run.rules_version) == ("seraf", "seraf.yaml", rules.version)
    assert run.as_of == date.fromisoformat(as_of) and run.rules_digest == rules.digest
    stored = {s.person.person_id: s for s in am.ScreeningResult.objects.select_related("person")}
    assert set(stored) == set(core) and run.children == len(core) > 20
    for person_id, expected in core.items():
        got = stored[person_id]
        assert (got.score, got.suggested_grade) == (expected.score, expected.suggested_grade)
        assert [i["rule_id"] for i in got.indicators] == list(expected.indicator_ids)
        assert [[e["event_id"] for e in i["evidence"]] for i in got.indicators] == [
            [e.event_id for e in i.evidence] for i in expected.indicators
        ]
    prompted = [s for s in stored.values() if s.suggested_grade in rules.prompt_grades]
    assert prompted, f"screening prompted for no child on {as_of}"
    evidence = prompted[0].indicators[0]["evidence"][0]
    assert set(evidence) == {"event_id", "agency", "date", "event_type"}
    assert f"screened {len(core)} children" in result.output and rules.version in result.output
    for grade in rules.grades:
        count = sum(s.suggested_grade == grade.id for s in stored.values())
        assert any(
            grade.id in line and line.rstrip(" │").endswith(str(count))
            for line in result.output.splitlines()
        ), grade.id
    rows = read_csv(out)
    assert list(rows[0]) == list(RESULTS_COLUMNS) and len(rows) == len(core)
    row = next(r for r in rows if r["person_id"] == prompted[0].person.person_id)
    links = pm.PersonLink.objects.filter(person=prompted[0].person).select_related(
        "source_person__agency"
    )
    assert row["sources"].split(";") == sorted(
        f"{link.source_person.agency.code}:{link.source_person.source_id}" for link in links
    )
    assert (int(row["score"]), row["suggested_grade"]) == (
        prompted[0].score,
        prompted[0].suggested_grade,
    )
    assert row["indicators"].split(";") == [i["rule_id"] for i in prompted[0].indicators]


def test_each_scheme_keeps_its_latest_results_and_every_run_is_kept(linked: Path) -> None:
    as_of = a_prompt_date()
    assert invoke("screen", "--as-of", as_of).exit_code == 0
    seraf = dict(am.ScreeningResult.objects.values_list("person__person_id", "score"))
    result = invoke("screen", "--rules", "rag", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    assert "rag.yaml" in result.output and "amber" in result.output
    assert invoke("screen", "--as-of", as_of).exit_code == 0
    assert am.ScreeningRun.objects.count() == 3
    latest = am.ScreeningRun.objects.filter(scheme="seraf").first()
    assert latest is not None
    again = am.ScreeningResult.objects.filter(scheme="seraf")
    assert {r.run_id for r in again} == {latest.pk}
    assert dict(again.values_list("person__person_id", "score")) == seraf
    rag = am.ScreeningResult.objects.filter(scheme="rag")
    assert rag.count() == len(seraf)
    assert {g for g in rag.values_list("suggested_grade", flat=True)} <= {"green", "amber", "red"}


def test_a_child_record_not_linked_to_a_person_is_screened_but_not_stored(
    tiny_linked: TinyExport,
) -> None:
    later = tiny_linked.write("people-2.csv", [PEOPLE[0], "P4,Leah,Ward,04/03/2010,F,W1,,,,"])
    import_export("TST", tiny_linked.mapping, [later, tiny_linked.occurrences], user="t")
    pm.PersonLink.objects.filter(source_person__source_id="P4").delete()
    result = invoke("screen", "--as-of", "2023-06-01")
    assert result.exit_code == 0, result.output
    assert "1 child record(s) are not linked to a person" in result.output
    stored = set(am.ScreeningResult.objects.values_list("person__person_id", flat=True))
    assert stored == {person_of("TST", "P1"), person_of("TST", "P3")}
    assert am.ScreeningRun.objects.get().children == 2


BAD_RULES = """
scheme: local
version: "0.1"
extends: {seraf}
rules:
  - id: local_taxi_rank
    label: Seen at the taxi rank late at night
    category: moderate
    source: [S35]
    when: {{event_types: [missing]}}
"""


def test_an_invalid_rule_file_names_the_rule_and_problem_and_stores_nothing(
    tiny_linked: TinyExport, tmp_path: Path
) -> None:
    rules = tmp_path / "local.yaml"
    rules.write_text(BAD_RULES.format(seraf=load_rule_file().path))
    out = tmp_path / "results.csv"
    result = invoke("screen", "--rules", str(rules), "--out", str(out))
    assert result.exit_code == 2
    assert "local.yaml: rule 'local_taxi_rank': event_types: missing not in the event_type" in (
        result.output
    )
    assert "Traceback" not in result.output and not out.exists()
    assert not am.ScreeningRun.objects.exists() and not am.ScreeningResult.objects.exists()


def test_screen_and_network_before_linking_say_what_to_run() -> None:
    for command in ("screen", "network"):
        result = invoke(command)
        assert result.exit_code == 2
        assert "no persons in the person index yet" in result.output
        assert "`joinedup link`" in result.output
    assert not am.ScreeningRun.objects.exists() and not am.NetworkRun.objects.exists()


def planted_adults(borough: Path) -> set[str]:
    """The person ids the person index gave the adults of the planted networks."""
    networks = read_csv(borough / "truth" / "networks.csv")
    adults = {a for n in networks for a in n["adult_ids"].split(";") if a}
    records = [
        r for r in read_csv(borough / "truth" / "persons.csv") if r["true_person_id"] in adults
    ]
    return {person_of(r["agency"], r["source_id"]) for r in records}


def test_network_alerts_a_planted_adult_and_writes_the_exports(
    linked: Path, tmp_path: Path
) -> None:
    alerts, graphml, i2 = tmp_path / "alerts.csv", tmp_path / "net.graphml", tmp_path / "i2"
    result = invoke(
        "network",
        "--min-children",
        "2",
        "--alerts",
        str(alerts),
        "--graphml",
        str(graphml),
        "--i2",
        str(i2),
        "--aids",
    )
    assert result.exit_code == 0, result.output
    run = am.NetworkRun.objects.get()
    rows = read_csv(alerts)
    assert len(rows) == len(run.alerts) > 0
    adults = {r["entity_id"] for r in rows if r["entity_kind"] == "person"}
    found = adults & planted_adults(linked)
    assert found, f"no planted adult among the alerted adults {sorted(adults)}"
    adult = next(r for r in rows if r["entity_id"] in found)
    assert int(adult["children_with_indicators"]) == len(adult["child_ids"].split(";")) >= 2
    assert adult["events"] and adult["first_seen"] <= adult["last_seen"]
    line = next(x for x in result.output.splitlines() if adult["entity_id"] in x)
    assert "person" in line and line.rstrip(" │").endswith(adult["children_with_indicators"])
    assert "never as a score, rank or risk level of a person" in result.output.replace("\n", " ")
    assert "first network run" in result.output
    graph = ig.Graph.Read_GraphML(str(graphml))
    assert (graph.vcount(), graph.ecount()) == (run.vertices, run.edges)
    entities = read_csv(i2 / "entities.csv")
    assert len(entities) == run.vertices and len(read_csv(i2 / "links.csv")) == run.edges
    [network] = [n for n, members in run.networks.items() if adult["entity_id"] in members]
    assert set(adult["child_ids"].split(";")) <= set(run.networks[network])
    assert "Alert networks" in result.output and network in result.output


NEW_EVENT = [
    "OCC,TYPE,WHEN,SUMMARY,PLACE,PLACE_PC,SUBJECT,SUSPECTS,VRMS",
    "O3,VSTOP,20/06/2023,Child found in adult's car,,,P3,P2,ab12 cde",
]


@pytest.fixture
def tiny_with_ages(tiny: TinyExport) -> TinyExport:
    """The tiny export with each person recorded as a child (C) or an adult (A)."""
    tiny.mapping.write_text(
        MAPPING.replace(
            "      sex: {column: SEX",
            "      age_group: {column: AGE, codes: {C: child, A: adult}}\n      sex: {column: SEX",
        )
    )
    ages = ["AGE", "C", "A", "C"]
    tiny.write("people.csv", [f"{row},{age}" for row, age in zip(PEOPLE, ages, strict=True)])
    import_export("TST", tiny.mapping, tiny.files, user="t")
    link_everyone("analyst")
    return tiny


def test_network_reports_a_child_newly_linked_to_a_known_network(
    tiny_with_ages: TinyExport,
) -> None:
    first = invoke("network", "--min-children", "1")
    assert first.exit_code == 0, first.output
    adult = person_of("TST", "P2")
    known = am.NetworkRun.objects.get().networks
    [network] = [n for n, members in known.items() if adult in members]
    later = tiny_with_ages.write("occurrences-2.csv", NEW_EVENT)
    import_export("TST", tiny_with_ages.mapping, [tiny_with_ages.people, later], user="t")
    link_everyone("analyst")
    second = invoke("network", "--min-children", "1")
    assert second.exit_code == 0, second.output
    amira = person_of("TST", "P3")
    run = am.NetworkRun.objects.first()
    assert run is not None
    new = [n for n in run.new_links if n["network_id"] == network]
    assert [(n["child_id"], n["events"]) for n in new] == [(amira, ["TST:O3"])]
    assert adult in new[0]["linked_to"]
    assert "newly linked" in second.output and amira in second.output
    third = invoke("network", "--min-children", "1")
    assert "No child newly linked" in third.output


def busiest_child() -> str:
    tables = analysis_tables_from_database()
    children = {p["person_id"] for p in tables.persons.to_pylist() if p["age_group"] == "child"}
    counts: dict[str, int] = {}
    for person in tables.participants["person_id"].to_pylist():
        if person in children:
            counts[person] = counts.get(person, 0) + 1
    return max(sorted(counts), key=lambda p: counts[p])


def test_chronology_csv_follows_the_role_and_filters(linked: Path, tmp_path: Path) -> None:
    person = busiest_child()
    out = tmp_path / "chronology.csv"
    result = invoke(
        "chronology",
        person,
        "--out",
        str(out),
        "--purpose",
        "MACE 12 May 2026",
        "--produced-by",
        "A. Analyst",
    )
    assert result.exit_code == 0, result.output
    reader = entitlements_for_role("partnership_analyst")
    expected = chronology_for_person(analysis_tables_from_database(), person, reader)
    rows = read_csv(out)
    assert list(rows[0]) == list(CHRONOLOGY_COLUMNS) and len(rows) == len(expected.entries)
    assert [r["source_record"] for r in rows] == [e.source_record or "" for e in expected.entries]
    assert all(r["narrative"] == "" for r in rows)
    assert {r["sensitivity"] for r in rows if r["entry_kind"] == "event"} == {"standard"}
    about = Path(f"{out}.about.txt").read_text()
    assert "MACE 12 May 2026" in about and "A. Analyst" in about
    for withheld in expected.withheld:
        assert withheld.statement() in about and withheld.statement() in result.output
    full = tmp_path / "full.csv"
    police = invoke(
        "chronology",
        person,
        "--out",
        str(full),
        "--purpose",
        "court bundle",
        "--role",
        "team_manager",
        "--agency",
        "POL",
        "--from",
        "2000-01-01",
    )
    assert police.exit_code == 0, police.output
    events = [r for r in read_csv(full) if r["entry_kind"] == "event"]
    assert events and {r["agency"] for r in events} == {"POL"}
    assert all(r["date_iso"][:4] >= "2000" for r in events)


def test_chronology_pdf_has_the_purpose_and_a_context_chronology_is_written(
    tiny_linked: TinyExport, tmp_path: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "kayleigh.pdf"
    kayleigh = person_of("TST", "P1")
    result = invoke(
        "chronology", kayleigh, "--out", str(out), "--purpose", "Strategy meeting 3 June"
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "Strategy meeting 3 June" in " ".join(text.split())
    place = analysis_tables_from_database().events.to_pylist()
    place_id = next(e["place_entity_id"] for e in place if e["place_entity_id"])
    context = tmp_path / "place.csv"
    done = invoke("chronology", "--context", place_id, "--out", str(context), "--purpose", "x")
    assert done.exit_code == 0, done.output
    assert [r["source_record"] for r in read_csv(context) if r["entry_kind"] == "event"] == [
        "TST:O2"
    ]
    exports = AuditEntry.objects.filter(action="chronology.export").order_by("sequence")
    assert [(e.target_type, e.target_id, e.purpose) for e in exports] == [
        ("person", kayleigh, "Strategy meeting 3 June"),
        ("context", place_id, "x"),
    ]
    assert exports[0].actor_username.startswith("cli:")
    assert exports[0].detail["format"] == "pdf"


def test_screen_and_network_runs_are_in_the_audit_log(linked: Path) -> None:
    assert invoke("screen").exit_code == 0
    assert invoke("network").exit_code == 0
    actions = list(AuditEntry.objects.order_by("sequence").values_list("action", "target_id"))
    screening = am.ScreeningRun.objects.get()
    network = am.NetworkRun.objects.get()
    assert ("screening.run", str(screening.pk)) in actions
    assert ("network.run", str(network.pk)) in actions


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["P-9999999"], "no person 'P-9999999' in the person index (person ids look like P-"),
        (["--context", "PL-nowhere"], "no place, vehicle, phone or organisation 'PL-nowhere'"),
        (["P-0000001", "--network", "P-0000002"], "expected one subject"),
        (["P-0000001", "--agency", "XYZ"], "--agency XYZ: expected one of TST"),
        (["P-0000001", "--type", "missing"], "--type missing: not in the event_type vocabulary"),
    ],
)
def test_chronology_refuses_what_it_cannot_find(
    tiny_linked: TinyExport, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "c.csv"
    result = invoke("chronology", *args, "--out", str(out), "--purpose", "MACE")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not out.exists()
