"""A produced copy has the redacted text removed: in its text and in its PDF."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Redaction
from joinedup.web.redaction.services.production import produce
from joinedup.web.redaction.services.review import Decision, add_manual, decide
from joinedup.web.redaction.services.suggest import suggest_for_version
from tests.web.redaction.helpers import InquiryTeam, make_person, review_everything

pytestmark = pytest.mark.django_db
MakeDocument = Callable[..., DocumentVersion]
REDACTED = ("Jade", "Smith", "Kyle Brown", "Mill Lane", "AB1 2CD", "jade.smith@example.org")


@pytest.fixture
def checked(team: InquiryTeam, document: MakeDocument) -> DocumentVersion:
    make_person("P-0000001", "Jade", "Smith", addresses=(("14 Mill Lane", "AB1 2CD"),))
    make_person("P-0000002", "Kyle", "Brown")
    version = document()
    review_everything(team, version, {"Jade Smith": "child", "Jade": "child"})
    return version


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_produced_text_and_pdf_hold_none_of_the_redacted_strings(
    team: InquiryTeam, checked: DocumentVersion
) -> None:
    made = produce(team.checker, checked, "core_participants")
    pdf_text = _pdf_text(bytes(made.pdf))
    for gone in REDACTED:
        assert gone not in made.text
        assert gone not in pdf_text
    assert "Dear Sir" in pdf_text and "Dear Sir" in made.text


def test_a_protected_name_becomes_its_cipher_and_the_rest_the_ground(
    team: InquiryTeam, checked: DocumentVersion
) -> None:
    made = produce(team.checker, checked, "core_participants")
    assert made.text.startswith("Dear Sir,\n\nI write about CH-1, who lives at ")
    assert "[Third-party personal data]" in made.text
    assert "CH-1 was seen with [Third-party personal data]" in made.text
    assert made.redactions_applied == checked.redactions.count()  # type: ignore[attr-defined]


def test_the_production_records_version_set_producer_and_hashes(
    team: InquiryTeam, checked: DocumentVersion
) -> None:
    made = produce(team.checker, checked, "public")
    assert made.document_version == checked and made.produced_by == team.checker
    assert made.pdf_sha256 == hashlib.sha256(bytes(made.pdf)).hexdigest()
    assert made.text_sha256 == hashlib.sha256(made.text.encode()).hexdigest()
    assert len(made.redaction_set) == 64
    entry = AuditEntry.objects.get(action="redaction.produced")
    assert entry.detail["pdf_sha256"] == made.pdf_sha256


def test_a_redaction_for_the_public_copy_only(team: InquiryTeam, document: MakeDocument) -> None:
    version = document("Seen at the Red Lion on Friday.")
    decision = Decision(True, "live_criminal_investigation", "Operation", Redaction.PUBLIC_ONLY)
    redaction = add_manual(team.reviewer, version, 12, 20, decision)
    from joinedup.web.redaction.services.review import check

    check(team.checker, redaction, True, "", redaction.version)
    assert "Red Lion" in produce(team.checker, version, "core_participants").text
    public = produce(team.checker, version, "public")
    assert public.text == "Seen at the [Live criminal investigation] on Friday."
    assert "Red Lion" not in _pdf_text(bytes(public.pdf))


def test_producing_is_refused_until_every_decision_is_checked(
    team: InquiryTeam, document: MakeDocument
) -> None:
    make_person("P-0000002", "Kyle", "Brown")
    version = document()
    suggest_for_version(team.reviewer, version)
    with pytest.raises(InputError, match="not decided"):
        produce(team.checker, version, "inquiry_team")
    for r in version.redactions.all():  # type: ignore[attr-defined]
        decide(team.reviewer, r, Decision(False, "", "Keep"), r.version)
    with pytest.raises(InputError, match="second reviewer"):
        produce(team.checker, version, "inquiry_team")
    with pytest.raises(InputError, match="stage"):
        produce(team.checker, version, "everyone")
