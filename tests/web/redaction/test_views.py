"""The pages: review, QC, production and release through the web, and what a core
participant reads."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from joinedup.web.audit.models import AuditEntry
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Production, Redaction, Release
from tests.web.redaction.helpers import InquiryTeam, make_participant, make_person

pytestmark = pytest.mark.django_db
MakeDocument = Callable[..., DocumentVersion]


@pytest.fixture
def clients(team: InquiryTeam, signed_in_client: Callable[..., Any]) -> dict[str, Any]:
    return {
        name: signed_in_client(user=getattr(team, name))
        for name in ("reviewer", "checker", "approver")
    }


def _first_link(html: str, name: str) -> str:
    found = re.search(rf'href="(/inquiry/redaction/redactions/\d+/{name})"', html)
    assert found, f"no link to {name or 'a redaction'}"
    return found.group(1)


def test_review_check_produce_and_release_through_the_pages(
    team: InquiryTeam, document: MakeDocument, clients: dict[str, Any],
    make_user: Callable[..., Any], signed_in_client: Callable[..., Any],
) -> None:  # fmt: skip
    make_person("P-0000002", "Kyle", "Brown")
    version = document("Kyle Brown was there.")
    page = reverse("redaction:version", args=[version.pk])
    reviewer, checker, approver = clients["reviewer"], clients["checker"], clients["approver"]

    assert reviewer.post(reverse("redaction:suggest", args=[version.pk])).status_code == 302
    html = reviewer.get(page).content.decode()
    assert "Review the suggestions" in html
    decide_url = _first_link(html, "")
    shown = reviewer.get(decide_url).content.decode()
    assert '<mark class="redaction-mark"' in shown and "Kyle Brown" in shown

    redaction = Redaction.objects.get(document_version=version)
    empty = reviewer.post(decide_url, {"decision": "accept", "version": redaction.version})
    assert "There is a problem" in empty.content.decode()
    assert "Choose the ground" in empty.content.decode()
    done = reviewer.post(decide_url, {
        "decision": "accept", "ground": "unconvicted_alleged_perpetrator",
        "applies_to": "all", "reason": "Not convicted", "version": redaction.version,
    })  # fmt: skip
    assert done.status_code == 302 and done["Location"] == page

    refused = reviewer.get(reverse("redaction:check", args=[redaction.pk])).content.decode()
    assert "You made this decision" in refused
    redaction.refresh_from_db()
    checked = checker.post(
        reverse("redaction:check", args=[redaction.pk]),
        {"decision": "agree", "note": "", "version": redaction.version},
    )
    assert checked.status_code == 302

    produced = checker.post(
        reverse("redaction:produce", args=[version.pk]), {"stage": "inquiry_team"}
    )
    production = Production.objects.get()
    assert produced["Location"] == reverse("redaction:production", args=[production.pk])
    shown = checker.get(produced["Location"]).content.decode()
    assert "[Unconvicted alleged perpetrator] was there." in shown
    assert "You are not named by the inquiry to approve releases" in shown
    pdf = checker.get(reverse("redaction:production-pdf", args=[production.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    approver.post(reverse("redaction:approve", args=[production.pk]))
    approver.post(reverse("redaction:produce", args=[version.pk]), {"stage": "core_participants"})
    cp_copy = Production.objects.get(stage="core_participants")
    approver_page = approver.get(reverse("redaction:production", args=[cp_copy.pk]))
    assert "You produced this copy" in approver_page.content.decode()
    checker.post(reverse("redaction:approve", args=[cp_copy.pk]))
    assert not Release.objects.filter(stage="core_participants").exists()  # not named
    other = signed_in_client(user=team.reviewer)
    from joinedup.web.inquiry.models import InquiryStaff

    InquiryStaff.objects.filter(user=team.reviewer).update(approves_releases=True)
    other.post(reverse("redaction:approve", args=[cp_copy.pk]))
    release = Release.objects.get(stage="core_participants")

    reader = make_user("core_participant")
    make_participant(team.inquiry, reader)
    participant = signed_in_client(user=reader)
    listing = participant.get(reverse("released:index")).content.decode()
    assert version.document.reference in listing
    text = participant.get(reverse("released:document", args=[release.pk])).content.decode()
    assert "[Unconvicted alleged perpetrator] was there." in text and "Kyle" not in text
    assert participant.get(reverse("released:pdf", args=[release.pk])).content.startswith(b"%PDF")
    reads = AuditEntry.objects.filter(action="redaction.release_read", actor_id=reader.pk)
    assert [e.detail["what"] for e in reads.order_by("sequence")] == ["text", "pdf"]
    assert participant.get(page).status_code == 403


def test_a_participant_of_no_inquiry_gets_not_found(
    team: InquiryTeam, document: MakeDocument, signed_in_client: Callable[..., Any]
) -> None:
    from joinedup.web.redaction.services.production import produce
    from joinedup.web.redaction.services.release import approve

    version = document("Nothing to redact here.")
    for stage in ("inquiry_team", "core_participants"):
        release = approve(team.approver, produce(team.checker, version, stage))
    outsider = signed_in_client("core_participant")
    assert outsider.get(reverse("released:document", args=[release.pk])).status_code == 404
    assert outsider.get(reverse("released:pdf", args=[release.pk])).status_code == 404
    assert "Nothing has been released" in outsider.get(reverse("released:index")).content.decode()


def test_manual_redaction_form_errors_and_success(
    team: InquiryTeam, document: MakeDocument, clients: dict[str, Any]
) -> None:
    version = document("The officer and the officer's car.")
    url = reverse("redaction:manual", args=[version.pk])
    client = clients["reviewer"]
    form = {"ground": "third_party_personal_data", "applies_to": "all", "reason": "Staff"}
    neither = client.post(url, form).content.decode()
    assert "Enter either the exact text" in neither
    missing = client.post(url, {**form, "exact_text": "Officer", "occurrence": "1"})
    assert "does not appear" in missing.content.decode()
    done = client.post(url, {**form, "exact_text": "officer", "occurrence": "2"})
    assert done.status_code == 302
    assert Redaction.objects.get(document_version=version).start == 20
    by_position = client.post(url, {**form, "start": "0", "end": "3"})
    assert by_position.status_code == 302


def test_the_cipher_registry_is_audited_and_register_checks_the_index(
    team: InquiryTeam, clients: dict[str, Any]
) -> None:
    client = clients["reviewer"]
    add = reverse("redaction:cipher-add")
    assert (
        "No person in the index"
        in client.post(add, {"kind": "child", "person_ref": "P-0000404"}).content.decode()
    )
    assert client.post(add, {"kind": "complainant", "name": "Tia Marsh"}).status_code == 302
    html = client.get(reverse("redaction:ciphers")).content.decode()
    assert "C-1" in html and "Tia Marsh" in html
    assert AuditEntry.objects.filter(action="redaction.ciphers_viewed").count() == 1


def test_withdrawing_a_release_needs_a_reason(
    team: InquiryTeam, document: MakeDocument, clients: dict[str, Any]
) -> None:
    from joinedup.web.redaction.services.production import produce
    from joinedup.web.redaction.services.release import approve

    release = approve(team.approver, produce(team.checker, document("Plain."), "inquiry_team"))
    url = reverse("redaction:withdraw", args=[release.pk])
    client = clients["reviewer"]
    assert "Say why" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "Wrong version"}).status_code == 302
    release.refresh_from_db()
    assert release.end_reason == "Wrong version" and release.ended_by == team.reviewer


@pytest.mark.parametrize("role", ["team_manager", "auditor", "administrator"])
def test_council_staff_cannot_reach_redaction(
    role: str, signed_in_client: Callable[..., Any]
) -> None:
    client = signed_in_client(role)
    assert client.get(reverse("redaction:index")).status_code == 403
    assert client.get(reverse("released:index")).status_code == 403


def test_suggest_asks_first_and_accept_person_names_the_person(
    team: InquiryTeam, document: MakeDocument, clients: dict[str, Any]
) -> None:
    make_person("P-0000001", "Jade", "Smith")
    version = document()
    client = clients["reviewer"]
    url = reverse("redaction:suggest", args=[version.pk])
    assert "reads the whole person index" in client.get(url).content.decode()
    assert not Redaction.objects.exists()
    client.post(url)
    page = reverse("redaction:accept-person", args=[version.pk])
    assert "P-0000001 (Jade Smith): " in client.get(page).content.decode()
    form = {"person_ref": "P-0000001", "ground": "child", "applies_to": "all", "reason": "Child"}
    assert client.post(page, form).status_code == 302
    accepted = Redaction.objects.filter(person_ref="P-0000001", status=Redaction.ACCEPTED)
    assert accepted.count() >= 2
    assert {r.cipher.cipher for r in accepted if r.category == "name"} == {"CH-1"}
