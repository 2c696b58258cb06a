"""Importing into the system of record: all or nothing, idempotent, versioned."""

from __future__ import annotations

import hashlib

import pytest

from joinedup.errors import InputError, ValidationFailed
from joinedup.web.records import models as m
from joinedup.web.records.importing import import_export

from .conftest import OCCURRENCES, PEOPLE, TinyExport

pytestmark = pytest.mark.django_db


def run(tiny: TinyExport, **kwargs: object) -> m.ImportBatch:
    return import_export("TST", tiny.mapping, tiny.files, user="tester", **kwargs).batch  # type: ignore[arg-type]


def test_import_creates_people_events_places_vehicles_and_phones(tiny: TinyExport) -> None:
    batch = run(tiny)
    assert (
        batch.created
        == m.SourcePerson.objects.count()
        + m.Event.objects.count()
        + m.Place.objects.count()
        + m.Vehicle.objects.count()
        + m.Phone.objects.count()
    )
    kayleigh = m.SourcePerson.objects.get(source_id="P1")
    assert (kayleigh.forenames, kayleigh.surname, kayleigh.dob) == (
        "Kayleigh",
        "Smith",
        "2009-03-04",
    )
    assert kayleigh.ethnicity == "white_british"
    assert sorted((n.forenames, n.surname) for n in kayleigh.other_names.all()) == [
        ("Kay", "Smith"),
        ("Kayley", "Smyth"),
    ]
    assert kayleigh.addresses.get().postcode == "MS1 2AB"
    assert kayleigh.phones.get().number == "+447700900123"
    daniel = m.SourcePerson.objects.get(source_id="P2")
    assert (daniel.dob, daniel.dob_precision, daniel.ethnicity) == ("1985", "year", "not_known")
    stop = m.Event.objects.get(source_id="O2")
    assert stop.event_type == "vehicle_stop" and stop.occurred == "2023-05-14"
    assert stop.place is not None and stop.place.name == "Star Kebabs"
    assert stop.place.kind == "takeaway"
    assert [v.registration for v in stop.vehicles.all()] == ["AB12CDE"]
    roles = sorted((p.person.source_id, p.role) for p in stop.participants.all())
    assert roles == [("P1", "subject"), ("P2", "suspect")]
    missing = m.Event.objects.get(source_id="O1")
    assert (missing.occurred, missing.occurred_precision) == ("2023-05-12T23:10", "minute")


def test_every_batch_records_who_when_file_hashes_and_counts(tiny: TinyExport) -> None:
    batch = run(tiny)
    assert batch.imported_by == "tester" and batch.agency.code == "TST"
    assert batch.finished_at >= batch.started_at
    hashes = {f["name"]: f["sha256"] for f in batch.files}
    assert hashes["people.csv"] == hashlib.sha256(tiny.people.read_bytes()).hexdigest()
    assert batch.rows_read == 5
    assert batch.counts["person"] == {"created": 3, "changed": 0, "unchanged": 0}


def test_reimporting_same_files_changes_nothing(tiny: TinyExport) -> None:
    first = run(tiny)
    versions = m.RecordVersion.objects.count()
    second = run(tiny)
    assert (second.created, second.changed) == (0, 0)
    assert second.unchanged == first.created
    assert m.RecordVersion.objects.count() == versions
    assert not m.SourcePerson.objects.filter(updated_in=second).exists()
    assert m.ImportBatch.objects.count() == 2


def test_changed_row_makes_new_version_and_keeps_the_old(tiny: TinyExport) -> None:
    first = run(tiny)
    changed = [
        PEOPLE[0],
        PEOPLE[1]
        .replace("Smith,04/03", "Jones,04/03")
        .replace("ms1 2ab,1 Mill Lane", "MS3 9ZZ,7 New Road"),
        *PEOPLE[2:],
    ]
    tiny.write("people.csv", changed)
    second = run(tiny)
    assert second.counts["person"] == {"created": 0, "changed": 1, "unchanged": 2}
    kayleigh = m.SourcePerson.objects.get(source_id="P1")
    assert (kayleigh.surname, kayleigh.version, kayleigh.imported_in, kayleigh.updated_in) == (
        "Jones",
        2,
        first,
        second,
    )
    assert [a.postcode for a in kayleigh.addresses.all()] == ["MS3 9ZZ"]
    history = m.RecordVersion.objects.filter(kind="person", source_id="P1").order_by("version")
    assert [(v.version, v.content["surname"]) for v in history] == [(1, "Smith"), (2, "Jones")]
    assert history[0].imported_in == first and history[1].imported_in == second
    # the events still point at the same, now updated, person
    assert m.EventParticipant.objects.filter(person=kayleigh).count() == 2


def test_batch_with_a_bad_row_imports_nothing(tiny: TinyExport) -> None:
    tiny.write("people.csv", [*PEOPLE, "P4,Leah,Ward,31/02/2010,F,W1,,MS1 2AB,,"])
    with pytest.raises(ValidationFailed) as caught:
        run(tiny)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.field) == ("people.csv", 5, "DOB")
    assert not m.SourcePerson.objects.exists() and not m.ImportBatch.objects.exists()
    assert not m.Agency.objects.exists()


def test_skip_invalid_imports_good_rows_and_lists_exactly_what_was_skipped(
    tiny: TinyExport,
) -> None:
    tiny.write("people.csv", [*PEOPLE, "P4,Leah,Ward,04/03/2010,X,W1,,MS1 2AB,,"])
    batch = run(tiny, skip_invalid=True)
    assert set(m.SourcePerson.objects.values_list("source_id", flat=True)) == {"P1", "P2", "P3"}
    assert batch.skipped == 1
    [skipped] = batch.skipped_rows
    assert (skipped["file"], skipped["row"], skipped["field"], skipped["value"]) == (
        "people.csv",
        5,
        "SEX",
        "X",
    )


def test_event_naming_an_unknown_person_is_refused(tiny: TinyExport) -> None:
    tiny.write("occurrences.csv", [*OCCURRENCES, "O3,MISS,01/06/2023,Missing,,,P9,,"])
    with pytest.raises(ValidationFailed) as caught:
        run(tiny)
    assert [(p.row, p.field) for p in caught.value.problems] == [(4, "SUBJECT")]


def test_events_can_refer_to_people_imported_in_an_earlier_batch(tiny: TinyExport) -> None:
    import_export("TST", tiny.mapping, [tiny.people], user="tester")
    import_export("TST", tiny.mapping, [tiny.occurrences], user="tester")
    assert m.EventParticipant.objects.count() == 3


def test_mapping_for_another_agency_is_refused(tiny: TinyExport) -> None:
    with pytest.raises(InputError, match="agency.code is 'TST' but --agency is 'POL'"):
        import_export("POL", tiny.mapping, tiny.files, user="tester")


def test_failure_while_writing_rolls_back_the_whole_batch(
    tiny: TinyExport, monkeypatch: pytest.MonkeyPatch
) -> None:
    from joinedup.web.records import sync

    def explode(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(sync, "event_children", explode)
    monkeypatch.setattr(
        sync,
        "WRITERS",
        tuple(
            (a, sync.KindWriter(w.kind, w.model, w.fields, explode, w.clear_children))
            if w.kind == "event"
            else (a, w)
            for a, w in sync.WRITERS
        ),
    )
    with pytest.raises(RuntimeError):
        run(tiny)
    assert not m.SourcePerson.objects.exists() and not m.ImportBatch.objects.exists()
