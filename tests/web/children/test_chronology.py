"""The chronology section and its downloads honour the reader's entitlements."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pypdf
import pytest
from django.utils.html import escape

from joinedup.web.audit.models import AuditEntry
from joinedup.web.records.models import Agency, Event

from .conftest import Borough

pytestmark = pytest.mark.django_db


def narrative_of(person_id: str, agency: str) -> str:
    event = (
        Event.objects.filter(participants__person__link__person__person_id=person_id,
                             agency__code=agency).exclude(narrative="").first()
    )  # fmt: skip
    assert event is not None, f"the borough gives {person_id} a narrative from {agency}"
    return event.narrative


def csv_rows(response: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


@pytest.fixture
def practitioner(
    signed_in_client: Callable[..., Any],
    allocate: Callable[..., Any],
    opened: Callable[..., None],
    borough: Borough,
) -> Any:
    client = signed_in_client("specialist_practitioner", first_name="Sam", last_name="Ward")
    allocate(borough.child, client.user)
    opened(client, borough.child)
    return client


@pytest.fixture
def school(
    signed_in_client: Callable[..., Any], opened: Callable[..., None], borough: Borough
) -> Any:
    """A school safeguarding lead: summaries from schools and children's services only."""
    client = signed_in_client("school_safeguarding_lead", agency=Agency.objects.get(code="EDU"))
    opened(client, borough.child)
    return client


def test_the_practitioner_sees_every_agency_and_the_narratives(
    practitioner: Any, borough: Borough
) -> None:
    page = practitioner.get(f"/people/{borough.child}/chronology/")
    assert page.status_code == 200
    assert escape(narrative_of(borough.child, "CSC")) in page.text
    rows = csv_rows(practitioner.get(f"/people/{borough.child}/chronology/download/?format=csv"))
    assert {"CSC", "EDU", "HLT"} <= {r["agency"] for r in rows}
    assert narrative_of(borough.child, "CSC") in {r["narrative"] for r in rows}


def test_a_role_without_narratives_never_receives_them(school: Any, borough: Borough) -> None:
    narrative = narrative_of(borough.child, "CSC")
    page = school.get(f"/people/{borough.child}/chronology/")
    assert page.status_code == 200 and escape(narrative) not in page.text
    assert "Restricted narratives withheld: summaries only." in page.text
    download = school.get(f"/people/{borough.child}/chronology/download/?format=csv")
    assert narrative not in download.content.decode("utf-8")
    rows = csv_rows(download)
    assert rows and all(r["narrative"] == "" for r in rows)
    assert {r["agency"] for r in rows} - {""} <= {"CSC", "EDU"}
    assert "from HLT not shown: the agency is outside the sharing agreement" in page.text
    pdf = school.get(f"/people/{borough.child}/chronology/download/?format=pdf")
    assert narrative not in pdf_text(pdf.content)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_carries_the_purpose_and_the_download_is_audited(
    practitioner: Any, borough: Borough
) -> None:
    pdf = practitioner.get(f"/people/{borough.child}/chronology/download/?format=pdf&agency=CSC")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'attachment; filename="chronology-{borough.child}.pdf"'
    text = pdf_text(pdf.content)
    assert "Preparing for a MACE meeting" in text and "Sam Ward" in text
    entry = AuditEntry.objects.get(action="chronology.download")
    assert (entry.target_id, entry.purpose, entry.basis) == (
        borough.child, "mace_preparation", "allocation"
    )  # fmt: skip
    assert entry.detail["format"] == "pdf" and entry.detail["covers"] == "Covers agencies CSC."


def test_filters_narrow_the_page_and_the_download_alike(
    practitioner: Any, borough: Borough
) -> None:
    page = practitioner.get(f"/people/{borough.child}/chronology/?agency=EDU")
    assert "Covers agencies EDU." in page.text
    assert "format=csv&amp;agency=EDU" in page.text
    rows = csv_rows(
        practitioner.get(f"/people/{borough.child}/chronology/download/?format=csv&agency=EDU")
    )
    assert rows and {r["agency"] for r in rows if r["entry_kind"] == "event"} == {"EDU"}


def test_htmx_replaces_only_the_chronology_section(practitioner: Any, borough: Borough) -> None:
    partial = practitioner.get(
        f"/people/{borough.child}/chronology/?agency=CSC", HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 200
    assert partial.text.lstrip().startswith('<div id="chronology-section">')
    assert "<html" not in partial.text


def test_an_impossible_period_is_reported_in_the_error_summary(
    practitioner: Any, borough: Borough
) -> None:
    page = practitioner.get(
        f"/people/{borough.child}/chronology/?start_year=2020&end_day=31&end_month=2&end_year=2019"
    )
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert '<a href="#id_end_day">The end of the period must be a real date</a>' in page.text
    assert "Covers every recorded event." in page.text
