"""`joinedup link` against the system of record: persons, stable IDs, review decisions."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.db.models import Count

from joinedup.errors import InputError
from joinedup.web.people import models as pm
from joinedup.web.people.linking import link_everyone
from joinedup.web.people.review import decide_pair, decisions_about

pytestmark = pytest.mark.django_db


def truth(borough: Path) -> dict[str, str]:
    with (borough / "truth" / "persons.csv").open(newline="") as f:
        return {f"{r['agency']}:{r['source_id']}": r["true_person_id"] for r in csv.DictReader(f)}


def test_every_source_record_gets_one_person_and_most_links_are_right(imported: Path) -> None:
    result = link_everyone("analyst")
    links = pm.PersonLink.objects.count()
    assert links == len(truth(imported)) == result.run.records
    true = truth(imported)
    by_person: dict[str, Counter[str]] = {}
    for rid, person in result.person_of.items():
        by_person.setdefault(person, Counter())[true[rid]] += 1
    pure = sum(1 for c in by_person.values() if len(c) == 1)
    assert pure / len(by_person) > 0.97
    assert result.run.persons == pm.Person.objects.filter(active=True).count()
    assert pm.Person.objects.filter(age_group="child").exists()


def test_person_ids_are_stable_across_reruns(imported: Path) -> None:
    first = link_everyone("analyst").person_of
    second = link_everyone("analyst")
    assert second.person_of == first
    summary = {k: second.run.summary[k] for k in ("kept", "new", "merged", "split")}
    assert summary == {"kept": len(set(first.values())), "new": 0, "merged": 0, "split": 0}


def test_review_decisions_bind_the_next_run(imported: Path) -> None:
    link_everyone("analyst")
    pair = pm.ReviewPair.objects.filter(status="open").first()
    assert pair is not None and pair.explanation, "a small borough should have a pair to review"
    fields = {f["comparison"] for f in pair.explanation}
    assert {"forename", "surname", "dob", "postcode"} <= fields
    a, b = (f"{r.agency.code}:{r.source_id}" for r in (pair.record_a, pair.record_b))
    decide_pair(pair.pk, same_person=True, user="reviewer", reason="same school and GP")
    together = link_everyone("analyst").person_of
    assert together[a] == together[b]
    assert pm.PersonLink.objects.get(source_person=pair.record_a).decided_by == "review: reviewer"
    second = pm.ReviewPair.objects.filter(record_a=pair.record_a, record_b=pair.record_b).first()
    assert second is not None and second.status == "confirmed"
    # changing one's mind: a new decision supersedes the old and the next run obeys it
    latest = pm.LinkageRun.objects.first()
    redo = pm.ReviewPair.objects.create(
        record_a=pair.record_a,
        record_b=pair.record_b,
        run=latest,
        match_probability=0.6,
        match_weight=1.0,
        explanation=[],
    )
    decide_pair(redo.pk, same_person=False, user="senior", reason="different GP registrations")
    apart = link_everyone("analyst").person_of
    assert apart[a] != apart[b]
    history = list(decisions_about(pair.record_a_id))
    assert [(d.decision, d.superseded) for d in history] == [
        ("cannot_link", False),
        ("must_link", True),
    ]


def test_a_decision_needs_a_reason(imported: Path) -> None:
    link_everyone("analyst")
    pair = pm.ReviewPair.objects.filter(status="open").first()
    assert pair is not None
    with pytest.raises(InputError, match="needs a reason"):
        decide_pair(pair.pk, same_person=False, user="reviewer", reason="  ")


def test_places_vehicles_phones_and_organisations_get_shared_entity_ids(imported: Path) -> None:
    from joinedup.web.records import models as m

    run = link_everyone("analyst").run
    report = run.summary["entities"]
    assert set(report) == {"place", "vehicle", "phone", "organisation"}
    for model in (m.Place, m.Vehicle, m.Phone, m.Organisation):
        assert not model.objects.filter(entity_id="").exists()
    assert report["vehicle"]["entities"] <= report["vehicle"]["records"]
    # the same registration written by police and licensing is one vehicle
    shared = (
        m.Vehicle.objects.values("registration")
        .annotate(n=Count("agency", distinct=True))
        .filter(n__gt=1)
        .values_list("registration", flat=True)
    )
    for registration in shared:
        ids = set(
            m.Vehicle.objects.filter(registration=registration).values_list("entity_id", flat=True)
        )
        assert len(ids) == 1, registration
    again = link_everyone("analyst").run
    assert again.summary["entities"] == report
