"""Suggestions, decisions with a ground and reason, manual redactions, QC, ciphers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Redaction
from joinedup.web.redaction.services.review import (
    Decision,
    EditConflict,
    accept_all_for_person,
    add_manual,
    check,
    decide,
    find_occurrence,
)
from joinedup.web.redaction.services.sets import progress_of, unchecked_reason
from joinedup.web.redaction.services.suggest import suggest_for_version
from tests.web.redaction.helpers import InquiryTeam, make_person

pytestmark = pytest.mark.django_db
MakeDocument = Callable[..., DocumentVersion]
THIRD_PARTY = Decision(True, "third_party_personal_data", "Not needed to understand it")
CHILD = Decision(True, "child", "A child")


@pytest.fixture
def suggested(team: InquiryTeam, document: MakeDocument) -> DocumentVersion:
    make_person("P-0000001", "Jade", "Smith", addresses=(("14 Mill Lane", "AB1 2CD"),))
    make_person("P-0000002", "Kyle", "Brown")
    version = document()
    suggest_for_version(team.reviewer, version)
    return version


def _by_text(version: DocumentVersion) -> dict[str, Redaction]:
    return {str(r.text): r for r in version.redactions.all()}  # type: ignore[attr-defined]


def test_suggestions_cover_known_people_and_patterns(suggested: DocumentVersion) -> None:
    found = _by_text(suggested)
    assert {"Jade Smith", "Jade", "Kyle Brown", "14 Mill Lane", "AB1 2CD"} <= set(found)
    assert "jade.smith@example.org" in found
    assert found["Jade Smith"].person_ref == "P-0000001"
    assert {r.status for r in found.values()} == {Redaction.SUGGESTED}
    for r in found.values():
        assert suggested.text[r.start : r.end] == r.text


def test_running_suggestions_again_adds_nothing_and_is_audited(
    team: InquiryTeam, suggested: DocumentVersion
) -> None:
    before = suggested.redactions.count()  # type: ignore[attr-defined]
    run = suggest_for_version(team.reviewer, suggested)
    assert (run.added, run.already) == (0, before)
    entry = AuditEntry.objects.filter(action="redaction.suggested").last()
    assert entry is not None and entry.detail["added"] == 0
    assert "Jade" not in str(entry.detail)


def test_accepting_needs_a_ground_and_every_decision_a_reason(
    team: InquiryTeam, suggested: DocumentVersion
) -> None:
    found = _by_text(suggested)["Kyle Brown"]
    with pytest.raises(InputError, match="ground"):
        decide(team.reviewer, found, Decision(True, "", "reason"), found.version)
    with pytest.raises(InputError, match="reason"):
        decide(team.reviewer, found, Decision(False, "", " "), found.version)
    decide(team.reviewer, found, Decision(False, "", "Not identifying here"), found.version)
    assert found.status == Redaction.REJECTED and found.decided_by == team.reviewer


def test_a_protected_persons_name_gets_one_cipher_across_documents(
    team: InquiryTeam, suggested: DocumentVersion, document: MakeDocument
) -> None:
    first = _by_text(suggested)["Jade Smith"]
    decide(team.reviewer, first, CHILD, first.version)
    other = document("Later, Jade Smith was seen again.")
    suggest_for_version(team.reviewer, other)
    again = _by_text(other)["Jade Smith"]
    decide(team.reviewer, again, Decision(True, "survivor", "Survivor"), again.version)
    assert first.cipher is not None and first.cipher.cipher == "CH-1"
    assert again.cipher == first.cipher


def test_details_other_than_the_name_get_no_cipher(
    team: InquiryTeam, suggested: DocumentVersion
) -> None:
    postcode = _by_text(suggested)["AB1 2CD"]
    decide(team.reviewer, postcode, CHILD, postcode.version)
    assert postcode.cipher is None


def test_a_stale_form_cannot_overwrite_a_newer_decision(
    team: InquiryTeam, suggested: DocumentVersion
) -> None:
    found = _by_text(suggested)["Kyle Brown"]
    seen = found.version
    decide(team.reviewer, found, THIRD_PARTY, seen)
    stale = Redaction.objects.get(pk=found.pk)
    with pytest.raises(EditConflict):
        decide(team.checker, stale, Decision(False, "", "No"), seen)
    assert Redaction.objects.get(pk=found.pk).status == Redaction.ACCEPTED


def test_the_second_reviewer_must_not_be_the_first(
    team: InquiryTeam, suggested: DocumentVersion
) -> None:
    found = _by_text(suggested)["Kyle Brown"]
    decide(team.reviewer, found, THIRD_PARTY, found.version)
    with pytest.raises(InputError, match="second reviewer"):
        check(team.reviewer, found, True, "", found.version)
    check(team.checker, found, True, "", found.version)
    assert found.check_status == Redaction.AGREED
    with pytest.raises(InputError, match="agreed"):
        decide(team.reviewer, found, Decision(False, "", "Changed my mind"), found.version)


def test_a_sent_back_decision_is_decided_again_and_checked_again(
    team: InquiryTeam, suggested: DocumentVersion
) -> None:
    found = _by_text(suggested)["Kyle Brown"]
    decide(team.reviewer, found, THIRD_PARTY, found.version)
    with pytest.raises(InputError, match="why"):
        check(team.checker, found, False, "", found.version)
    check(team.checker, found, False, "He is convicted: name him", found.version)
    assert progress_of(suggested).sent_back == 1
    decide(team.reviewer, found, Decision(False, "", "Convicted: named"), found.version)
    assert found.check_status == Redaction.UNCHECKED and found.checked_by is None


def test_the_set_is_checked_only_when_every_decision_is_agreed(
    team: InquiryTeam, suggested: DocumentVersion
) -> None:
    redactions = list(suggested.redactions.all())  # type: ignore[attr-defined]
    for r in redactions:
        decide(team.reviewer, r, THIRD_PARTY, r.version)
    assert "not checked" in unchecked_reason(progress_of(suggested))
    for r in redactions[:-1]:
        check(team.checker, r, True, "", r.version)
    assert not progress_of(suggested).checked
    check(team.checker, redactions[-1], True, "", redactions[-1].version)
    assert progress_of(suggested).checked and unchecked_reason(progress_of(suggested)) == ""


def test_accept_all_of_one_person(team: InquiryTeam, suggested: DocumentVersion) -> None:
    count = accept_all_for_person(team.reviewer, suggested, "P-0000001", CHILD)
    jades = suggested.redactions.filter(person_ref="P-0000001")  # type: ignore[attr-defined]
    assert count == jades.count() >= 4
    assert {r.status for r in jades} == {Redaction.ACCEPTED}
    assert _by_text(suggested)["Kyle Brown"].status == Redaction.SUGGESTED
    with pytest.raises(InputError, match="no suggestions left"):
        accept_all_for_person(team.reviewer, suggested, "P-0000001", CHILD)


def test_a_manual_redaction_by_text_and_occurrence(
    team: InquiryTeam, document: MakeDocument
) -> None:
    version = document("The officer and the officer's car.")
    start = find_occurrence(version.text, "officer", 2)
    made = add_manual(team.reviewer, version, start, start + 7, THIRD_PARTY)
    assert (made.start, made.status, made.source) == (20, Redaction.ACCEPTED, "manual")
    with pytest.raises(InputError, match="only 2 times"):
        find_occurrence(version.text, "officer", 3)
    with pytest.raises(InputError, match="does not appear"):
        find_occurrence(version.text, "Officer", 1)
    with pytest.raises(InputError, match="overlaps"):
        add_manual(team.reviewer, version, 20, 30, THIRD_PARTY)
    with pytest.raises(InputError, match="within the text"):
        add_manual(team.reviewer, version, 30, 99, THIRD_PARTY)


def test_a_manual_name_under_a_protective_ground_gets_a_cipher_by_name(
    team: InquiryTeam, document: MakeDocument
) -> None:
    first = document("Tia Marsh said so.")
    second = document("Ask tia  marsh again.")
    one = add_manual(team.reviewer, first, 0, 9, Decision(True, "complainant_anonymity", "SOA"))
    two = add_manual(team.reviewer, second, 4, 14, Decision(True, "complainant_anonymity", "SOA"))
    assert one.cipher is not None and one.cipher.cipher == "C-1"
    assert two.cipher == one.cipher
