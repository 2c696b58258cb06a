"""`joinedup import` links person records as they arrive, once a person index exists."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone

from joinedup.errors import ConfigurationError, ValidationFailed
from joinedup.web.people import arrivals
from joinedup.web.people import models as pm
from joinedup.web.people.linking import LinkageResult, link_everyone
from joinedup.web.people.person_index import person_index_path
from joinedup.web.records import models as m
from joinedup.web.records.importing import ImportOutcome, import_export

from ..records.conftest import TinyExport

pytestmark = pytest.mark.django_db

Rows = list[dict[str, str]]


@pytest.fixture
def linked(imported: Path) -> LinkageResult:
    return link_everyone("analyst")


def import_police(
    borough: Path, folder: Path, edit: Callable[[Rows], None], progress: list[str] | None = None
) -> ImportOutcome:
    """Import the borough's police export again, its nominals edited by `edit`."""
    police = folder / "police"
    shutil.copytree(borough / "police", police, dirs_exist_ok=True)
    with (police / "nominals.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    edit(rows)
    with (police / "nominals.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    files = [police / "nominals.csv", police / "occurrences.csv"]
    say = progress.append if progress is not None else None
    return import_export("POL", police / "police.mapping.yaml", files, user="clerk", progress=say)


def row_of(rows: Rows, source_id: str) -> dict[str, str]:
    return next(row for row in rows if row["NOMINAL_REF"] == source_id)


def police_record_known_elsewhere(result: LinkageResult) -> tuple[str, list[str]]:
    """A police nominal whose person other agencies know too, and those other records."""
    members: dict[str, list[str]] = defaultdict(list)
    for rid, person in sorted(result.person_of.items()):
        members[person].append(rid)
    for records in members.values():
        police = [r for r in records if r.startswith("POL:")]
        others = [r for r in records if not r.startswith("POL:")]
        if len(police) == 1 and len(others) >= 2:
            return police[0].split(":", 1)[1], others
    raise AssertionError("the small borough should have a child known to police and others")


def link_of(rid: str) -> pm.PersonLink:
    agency, source_id = rid.split(":", 1)
    return pm.PersonLink.objects.select_related("person", "run").get(
        source_person__agency__code=agency, source_person__source_id=source_id
    )


def test_import_before_the_first_link_only_imports(tiny: TinyExport) -> None:
    outcome = import_export("TST", tiny.mapping, tiny.files, user="clerk")
    assert outcome.linking is None
    assert m.SourcePerson.objects.count() == 3
    assert not pm.PersonLink.objects.exists() and not pm.LinkageRun.objects.exists()


def test_new_and_changed_records_are_linked_on_import_without_a_link_run(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    known, elsewhere = police_record_known_elsewhere(linked)
    person = linked.person_of[f"POL:{known}"]
    changed = "NOM0000003"

    def edit(rows: Rows) -> None:
        row_of(rows, changed)["ADDRESS"] = "1 NEW STREET"
        rows.append({**row_of(rows, known), "NOMINAL_REF": "NOM9000001", "PHONES": ""})
        stranger = {"FORENAMES": "ZEBEDEE", "SURNAME": "QUIXOTE", "DOB": "01/02/2011"}
        rows.append({**rows[0], "NOMINAL_REF": "NOM9000002", "PNC_ID": "", **stranger})

    outcome = import_police(imported, tmp_path, edit)
    linking = outcome.linking
    assert linking is not None and linking.run is not None
    run = linking.run
    assert (linking.records, linking.linked_to_existing, linking.new_persons) == (3, 2, 1)
    arrived = link_of("POL:NOM9000001")
    assert arrived.person.person_id == person == link_of(elsewhere[0]).person.person_id
    assert arrived.decided_by == "real-time matcher" and arrived.run == run
    assert arrived.model_version == linked.run.model_version == run.model_version
    assert arrived.match_probability is not None and arrived.match_probability >= 0.9
    moved = link_of(f"POL:{changed}")
    assert moved.person.person_id == linked.person_of[f"POL:{changed}"] and moved.run == run
    stranger = link_of("POL:NOM9000002")
    assert stranger.person.created_in == run and stranger.person.active
    assert stranger.person.person_id not in linked.person_of.values()
    assert pm.PersonLink.objects.filter(run=linked.run).count() == len(linked.person_of) - 1
    assert (run.kind, run.records, run.summary["new_persons"]) == ("realtime", 3, 1)


def test_a_full_run_after_real_time_linking_keeps_every_person_id(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    known, _ = police_record_known_elsewhere(linked)
    import_police(
        imported, tmp_path, lambda rows: rows.append({**row_of(rows, known), "NOMINAL_REF": "N9"})
    )
    on_arrival = {rid: link_of(rid).person.person_id for rid in [*linked.person_of, "POL:N9"]}
    again = link_everyone("analyst")
    assert again.person_of == on_arrival
    assert (again.run.summary["new"], again.run.summary["merged"]) == (0, 0)


def test_reimporting_an_unchanged_export_links_nothing(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    outcome = import_police(imported, tmp_path, lambda rows: None)
    assert outcome.linking is not None and outcome.linking.run is None
    assert pm.LinkageRun.objects.count() == 1


def decide(a: str, b: str, decision: str) -> None:
    records = [
        m.SourcePerson.objects.get(agency__code=r.split(":")[0], source_id=r.split(":", 1)[1])
        for r in (a, b)
    ]
    pm.LinkDecision.objects.create(
        record_a=records[0], record_b=records[1], decision=decision, reason="checked the files",
        decided_by="reviewer", decided_at=timezone.now(),
    )  # fmt: skip


def test_a_cannot_link_decision_is_obeyed_when_a_changed_record_arrives(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    known, elsewhere = police_record_known_elsewhere(linked)
    decide(f"POL:{known}", elsewhere[0], pm.LinkDecision.CANNOT_LINK)
    outcome = import_police(
        imported, tmp_path, lambda rows: row_of(rows, known).update(ADDRESS="2 NEW STREET")
    )
    assert outcome.linking is not None and outcome.linking.records == 1
    assert link_of(f"POL:{known}").person != link_of(elsewhere[0]).person
    assert link_of(elsewhere[0]).person.person_id == linked.person_of[elsewhere[0]]


def test_a_must_link_decision_is_obeyed_when_a_changed_record_arrives(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    known, elsewhere = police_record_known_elsewhere(linked)
    other = next(
        rid for rid, person in sorted(linked.person_of.items())
        if rid.startswith("HLT:") and person != linked.person_of[f"POL:{known}"]
    )  # fmt: skip
    decide(f"POL:{known}", other, pm.LinkDecision.MUST_LINK)
    import_police(
        imported, tmp_path, lambda rows: row_of(rows, known).update(ADDRESS="3 NEW STREET")
    )
    arrived = link_of(f"POL:{known}")
    assert arrived.person == link_of(other).person
    assert arrived.decided_by == "review: reviewer"


def test_an_arriving_records_uncertain_pairs_go_to_review_explained(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    pair = pm.ReviewPair.objects.filter(record_b__agency__code="POL").first()
    assert pair is not None, "the small borough should have a police record to review"
    police = pair.record_b
    outcome = import_police(
        imported, tmp_path, lambda rows: row_of(rows, police.source_id).update(ADDRESS="4 ST")
    )
    assert outcome.linking is not None and outcome.linking.to_review == 1
    again = pm.ReviewPair.objects.get(record_a=pair.record_a, record_b=police, status="open")
    assert again.run == outcome.linking.run
    assert again.match_probability == pytest.approx(pair.match_probability, abs=1e-6)
    assert again.explanation == pair.explanation and again.explanation


def test_an_import_that_fails_validation_writes_no_person_or_link(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    before = (pm.Person.objects.count(), pm.PersonLink.objects.count())

    def edit(rows: Rows) -> None:
        rows.append({**rows[0], "NOMINAL_REF": "NOM9000003"})
        rows.append({**rows[0], "NOMINAL_REF": "NOM9000004", "DOB": "31/02/2010"})

    with pytest.raises(ValidationFailed, match="DOB"):
        import_police(imported, tmp_path, edit)
    assert (pm.Person.objects.count(), pm.PersonLink.objects.count()) == before
    assert pm.LinkageRun.objects.count() == 1
    assert not m.SourcePerson.objects.filter(source_id="NOM9000003").exists()


def test_an_import_whose_linking_fails_writes_nothing_and_the_next_rebuilds_the_index(
    linked: LinkageResult, imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    known, _ = police_record_known_elsewhere(linked)

    def edit(rows: Rows) -> None:
        rows.append({**row_of(rows, known), "NOMINAL_REF": "NOM9000005"})

    def broken(*_: object) -> None:
        raise RuntimeError("disk full")

    batches = m.ImportBatch.objects.count()
    with monkeypatch.context() as patch:
        patch.setattr(arrivals._Arrival, "_queue_for_review", broken)
        with pytest.raises(RuntimeError, match="disk full"):
            import_police(imported, tmp_path, edit)
    assert m.ImportBatch.objects.count() == batches
    assert not m.SourcePerson.objects.filter(source_id="NOM9000005").exists()
    assert (
        pm.LinkageRun.objects.count() == 1
        and not pm.Person.objects.filter(created_in__kind="realtime").exists()
    )
    said: list[str] = []
    outcome = import_police(imported, tmp_path, edit, said)
    assert "rebuilding the person index from the database" in said
    assert outcome.linking is not None and outcome.linking.linked_to_existing == 1
    assert link_of("POL:NOM9000005").person == link_of(f"POL:{known}").person


def test_a_missing_index_is_rebuilt_from_the_database(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    known, _ = police_record_known_elsewhere(linked)
    person_index_path().unlink()
    said: list[str] = []
    import_police(
        imported,
        tmp_path,
        lambda rows: rows.append({**row_of(rows, known), "NOMINAL_REF": "NOM9000006"}),
        said,
    )
    assert "rebuilding the person index from the database" in said
    assert link_of("POL:NOM9000006").person == link_of(f"POL:{known}").person


def test_an_index_in_step_with_the_database_is_not_rebuilt(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    said: list[str] = []
    for number in (7, 8):
        import_police(
            imported,
            tmp_path,
            lambda rows, n=number: rows.append({**rows[0], "NOMINAL_REF": f"NOM900000{n}"}),
            said,
        )
    assert "rebuilding the person index from the database" not in said
    assert link_of("POL:NOM9000007").person == link_of("POL:NOM9000008").person


def test_an_import_refuses_to_link_with_another_model_than_the_index_was_made_with(
    linked: LinkageResult, imported: Path, tmp_path: Path
) -> None:
    pm.LinkageRun.objects.filter(pk=linked.run.pk).update(model_version="person-model-0")
    with pytest.raises(ConfigurationError, match="made with model person-model-0.*joinedup link"):
        import_police(
            imported, tmp_path, lambda rows: rows.append({**rows[0], "NOMINAL_REF": "NOM9000009"})
        )
    assert not m.SourcePerson.objects.filter(source_id="NOM9000009").exists()
