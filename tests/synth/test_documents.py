"""Synthetic inquiry documents: their people, their true spans, and the redactor on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinedup.disclosure.redaction import KnownPerson, Redactor, categories
from joinedup.disclosure.redaction.evaluation import Score, score_document
from joinedup.errors import FileFormatError
from joinedup.synth.documents import KINDS, generate_documents, known_people_from_borough


@pytest.fixture(scope="module")
def known(small_borough: Path) -> list[KnownPerson]:
    return known_people_from_borough(small_borough)


def test_known_people_come_from_the_borough_with_their_details(known: list[KnownPerson]) -> None:
    assert len(known) > 150
    assert all(person.ref.startswith("T") and person.surname for person in known)
    assert sum(1 for p in known if p.address) > 50
    assert sum(1 for p in known if p.nhs_number) > 50
    assert sum(1 for p in known if p.phone) > 50
    assert any(p.vehicle for p in known)


def test_a_folder_that_is_not_a_borough_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="not a joinedup synth borough"):
        known_people_from_borough(tmp_path)


def test_documents_are_the_same_for_the_same_seed(known: list[KnownPerson]) -> None:
    assert generate_documents(known, 8, seed=3) == generate_documents(known, 8, seed=3)
    assert generate_documents(known, 8, seed=3) != generate_documents(known, 8, seed=4)


def test_every_kind_is_written_and_every_span_points_at_its_text(known: list[KnownPerson]) -> None:
    documents = generate_documents(known, 40, seed=1)
    assert {d.kind for d in documents} == set(KINDS)
    refs = {p.ref for p in known}
    for document in documents:
        assert document.title and document.text
        for span in document.spans:
            assert document.text[span.start : span.end] == span.text
            assert span.category in categories()
            assert span.person_ref in refs
    found = {span.category for d in documents for span in d.spans}
    assert found == set(categories())


def test_names_are_written_in_varied_forms(known: list[KnownPerson]) -> None:
    documents = generate_documents(known, 60, seed=2)
    names = [s.text for d in documents for s in d.spans if s.category == "name"]
    assert any(n.isupper() and " " not in n for n in names)  # SURNAME or initials
    assert any(", " in n for n in names)  # SURNAME, Forename
    assert any(len(n) > 2 and n[1:3] in (". ", " ") for n in names) or any(
        n[1] in ". " for n in names if len(n) > 2
    )  # J. Smith
    assert any(d.text[s.end : s.end + 2] == "'s" for d in documents for s in d.spans)


def test_only_the_kinds_asked_for(known: list[KnownPerson]) -> None:
    documents = generate_documents(known, 5, seed=1, kinds=("letter",))
    assert {d.kind for d in documents} == {"letter"}
    with pytest.raises(ValueError, match="unknown document kinds"):
        generate_documents(known, 5, seed=1, kinds=("memo",))


def test_the_redactor_meets_its_targets_on_synthetic_documents(known: list[KnownPerson]) -> None:
    documents = generate_documents(known, 120, seed=9)
    redactor = Redactor(known)
    total = Score()
    for document in documents:
        total.add(score_document(document.text, document.spans, redactor.suggest(document.text)))
    assert total.recall() >= 0.99, total.missed[:10]
    assert total.precision() >= 0.9, total.wrong[:10]
