"""Evidence requests: references, the section 21 rule, their life, extensions, notes,
the letter, and the audit of every write and reading."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry
from joinedup.web.inquiry.services.requests import (
    RequestDraft,
    add_note,
    change_draft,
    change_status,
    draft_request,
    extend_deadline,
    matters_list,
)
from joinedup.web.records.models import Agency

pytestmark = pytest.mark.django_db
Make = Callable[..., EvidenceRequest]


def _today() -> Any:
    return timezone.localdate()


def test_references_count_up_within_each_kind(
    statutory_inquiry: Inquiry, make_request: Make
) -> None:
    made = [
        make_request(kind=k).reference
        for k in (
            EvidenceRequest.RULE_9,
            EvidenceRequest.RULE_9,
            EvidenceRequest.SECTION_21,
            EvidenceRequest.VOLUNTARY,
        )
    ]
    assert made == ["R9-0001", "R9-0002", "S21-0001", "VR-0001"]


def test_a_non_statutory_inquiry_cannot_issue_a_section_21_notice(
    inquiry: Inquiry, lead: Any, agencies: dict[str, Agency]
) -> None:
    draft = RequestDraft(
        EvidenceRequest.SECTION_21, agencies["POL"], "", "A matter", _today() + timedelta(days=30)
    )
    with pytest.raises(InputError, match="no power to issue a section 21 notice"):
        draft_request(lead, inquiry, draft)
    assert not EvidenceRequest.objects.exists()


def test_a_notice_drafted_while_statutory_cannot_be_issued_once_not(
    statutory_inquiry: Inquiry, lead: Any, make_request: Make
) -> None:
    notice = make_request(kind=EvidenceRequest.SECTION_21)
    statutory_inquiry.statutory = False
    statutory_inquiry.save()
    with pytest.raises(InputError, match="section 21"):
        change_status(lead, notice, EvidenceRequest.ISSUED, _today())


def test_the_section_21_refusal_is_shown_on_the_form(
    inquiry: Inquiry, agencies: dict[str, Agency], signed_in_client: Callable[..., Any]
) -> None:
    client = signed_in_client("inquiry_team")
    page = client.post(
        reverse("inquiry:request-add"),
        {
            "kind": "section_21",
            "recipient_agency": "POL",
            "matters": "A matter",
            "deadline_day": "1",
            "deadline_month": "1",
            "deadline_year": str(_today().year + 1),
        },
    )
    assert page.status_code == 200 and b"govuk-error-summary" in page.content
    assert b"no power to issue a section 21 notice" in page.content


def test_a_request_needs_a_recipient_and_matters(inquiry: Inquiry, lead: Any) -> None:
    with pytest.raises(InputError, match="agency the request goes to"):
        draft_request(lead, inquiry, RequestDraft("rule_9", None, " ", "A", _today()))
    with pytest.raises(InputError, match="matters"):
        draft_request(lead, inquiry, RequestDraft("voluntary", None, "A person", "\n \n", _today()))


def test_matters_are_one_a_line_without_typed_numbers() -> None:
    typed = "1. Your policies\n\n2) Your training records\n- Minutes of meetings\n  Plain line "
    assert matters_list(typed) == [
        "Your policies",
        "Your training records",
        "Minutes of meetings",
        "Plain line",
    ]


def test_a_request_moves_through_its_life_and_keeps_every_step(
    lead: Any, make_request: Make
) -> None:
    found = make_request(deadline=30)
    assert found.status == "draft" and found.issued_on is None
    found = change_status(lead, found, "issued", _today() - timedelta(days=3))
    assert found.issued_on == _today() - timedelta(days=3)
    with pytest.raises(InputError, match="cannot become draft"):
        change_status(lead, found, "draft", _today())
    with pytest.raises(InputError, match="on or after the day the request was issued"):
        change_status(lead, found, "acknowledged", _today() - timedelta(days=10))
    with pytest.raises(InputError, match="today or in the past"):
        change_status(lead, found, "acknowledged", _today() + timedelta(days=1))
    for status in ("acknowledged", "partly_returned", "complied"):
        found = change_status(lead, found, status, _today(), f"now {status}")
    with pytest.raises(InputError, match="cannot become withdrawn"):
        change_status(lead, found, "withdrawn", _today())
    steps = list(found.status_changes.values_list("from_status", "to_status"))
    assert steps == [
        ("", "draft"),
        ("draft", "issued"),
        ("issued", "acknowledged"),
        ("acknowledged", "partly_returned"),
        ("partly_returned", "complied"),
    ]
    assert AuditEntry.objects.filter(action="inquiry.request_status").count() == 4


def test_issuing_after_the_deadline_is_refused(lead: Any, make_request: Make) -> None:
    found = make_request(deadline=-1)
    with pytest.raises(InputError, match="deadline must be after"):
        change_status(lead, found, "issued", _today())


def test_only_a_draft_can_be_changed(
    lead: Any, make_request: Make, agencies: dict[str, Agency]
) -> None:
    found = make_request()
    draft = RequestDraft("rule_9", agencies["POL"], "", "New matter", _today() + timedelta(days=9))
    changed = change_draft(lead, found, draft)
    assert changed.recipient_agency == agencies["POL"] and changed.reference == "R9-0001"
    change_status(lead, changed, "issued", _today())
    with pytest.raises(InputError, match="only a draft"):
        change_draft(lead, changed, draft)


def test_extensions_keep_their_history(lead: Any, make_request: Make) -> None:
    found = make_request(issued=20, deadline=-2)
    with pytest.raises(InputError, match="after the current one"):
        extend_deadline(lead, found, found.deadline, "Asked")
    with pytest.raises(InputError, match="reason"):
        extend_deadline(lead, found, found.deadline + timedelta(days=5), " ")
    first = found.deadline
    extend_deadline(lead, found, first + timedelta(days=7), "Archive search")
    extend_deadline(lead, found, first + timedelta(days=14), "Staff illness")
    found.refresh_from_db()
    assert found.deadline == first + timedelta(days=14)
    assert list(found.extensions.values_list("previous_deadline", "new_deadline")) == [
        (first, first + timedelta(days=7)),
        (first + timedelta(days=7), first + timedelta(days=14)),
    ]
    complied = change_status(lead, found, "complied", _today())
    with pytest.raises(InputError, match="not waiting"):
        extend_deadline(lead, complied, first + timedelta(days=30), "Late")


def test_reading_a_request_or_its_letter_is_audited(
    statutory_inquiry: Inquiry, make_request: Make, signed_in_client: Callable[..., Any]
) -> None:
    found = make_request(kind="section_21", issued=1, matters="Your policies\nYour minutes")
    client = signed_in_client("inquiry_team")
    page = client.get(reverse("inquiry:request", args=[found.pk]))
    assert page.status_code == 200
    assert b"offence under section 35" in page.content
    letter = client.get(reverse("inquiry:letter", args=[found.pk]))
    assert b"<li>Your policies</li>" in letter.content and b"section 35" in letter.content
    pdf = client.get(reverse("inquiry:letter-pdf", args=[found.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    read = AuditEntry.objects.filter(actor_username=client.user.username, target_id=str(found.pk))
    assert sorted(read.values_list("action", flat=True)) == [
        "inquiry.letter_pdf",
        "inquiry.letter_viewed",
        "inquiry.request_viewed",
    ]
    assert all(set(e.detail) <= {"reference", "kind", "agency", "status", "channel"} for e in read)


def test_the_letter_pdf_lists_the_matters(
    make_request: Make, signed_in_client: Callable[..., Any]
) -> None:
    import io

    import pypdf

    found = make_request(issued=1, matters="Your policies on missing children\nYour minutes")
    pdf = signed_in_client("inquiry_team").get(reverse("inquiry:letter-pdf", args=[found.pk]))
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Your policies on missing children" in text and "R9-0001" in text
    assert "section 35" not in text, "only a section 21 notice carries the offence warning"


def test_the_request_pages_change_status_extend_and_note(
    make_request: Make, signed_in_client: Callable[..., Any]
) -> None:
    found = make_request(deadline=20)
    client = signed_in_client("inquiry_team")
    today = _today()
    day = {"on_day": str(today.day), "on_month": str(today.month), "on_year": str(today.year)}
    issued = client.post(
        reverse("inquiry:request-status", args=[found.pk]), {"status": "issued", **day}
    )
    assert issued.status_code == 302
    later = today + timedelta(days=40)
    extended = client.post(
        reverse("inquiry:request-extend", args=[found.pk]),
        {
            "new_deadline_day": str(later.day),
            "new_deadline_month": str(later.month),
            "new_deadline_year": str(later.year),
            "reason": "More time asked",
        },
    )
    assert extended.status_code == 302
    empty = client.post(reverse("inquiry:request-note", args=[found.pk]), {"text": ""})
    assert empty.status_code == 200 and b"Enter the note" in empty.content
    noted = client.post(reverse("inquiry:request-note", args=[found.pk]), {"text": "Called them"})
    assert noted.status_code == 302
    page = client.get(reverse("inquiry:request", args=[found.pk]))
    assert b"Called them" in page.content and b"More time asked" in page.content
    found.refresh_from_db()
    assert (found.status, found.deadline) == ("issued", later)
    add_note(client.user, found, "Another")
    assert found.notes.count() == 2


def test_the_register_filters_overdue_and_by_kind(
    make_request: Make, signed_in_client: Callable[..., Any]
) -> None:
    late = make_request(issued=30, deadline=-1)
    make_request(issued=2, deadline=10)
    voluntary = make_request(kind="voluntary", agency=None, name="A former manager")
    client = signed_in_client("inquiry_team")
    rows = client.get(reverse("inquiry:requests") + "?status=overdue").context["rows"]
    assert [r.reference for r, _ in rows] == [late.reference]
    rows = client.get(reverse("inquiry:requests") + "?kind=voluntary").context["rows"]
    assert [r.reference for r, _ in rows] == [voluntary.reference]
    assert len(client.get(reverse("inquiry:requests")).context["rows"]) == 3
    read = AuditEntry.objects.filter(action="inquiry.register_viewed")
    assert [e.detail["requests"] for e in read.order_by("sequence")] == [1, 1, 3]
