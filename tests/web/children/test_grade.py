"""Recording the agreed grade on the child's page: validation, success, audit, permission."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.analysis.models import AgreedGrade
from joinedup.web.audit.models import AuditEntry
from joinedup.web.records.models import Agency

from .conftest import Borough

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner(
    signed_in_client: Callable[..., Any],
    allocate: Callable[..., Any],
    opened: Callable[..., None],
    borough: Borough,
) -> Any:
    client = signed_in_client("specialist_practitioner")
    allocate(borough.child, client.user)
    opened(client, borough.child)
    return client


def test_the_form_offers_the_schemes_grades_and_the_suggestion(
    practitioner: Any, borough: Borough
) -> None:
    page = practitioner.get(f"/people/{borough.child}/grade/")
    assert page.status_code == 200
    for label in ("Not at risk (0-5)", "Mild risk (6-10)", "Significant risk (16+)"):
        assert label in page.text
    assert "Screening suggests" in page.text and "It is a prompt" in page.text
    rag = practitioner.get(f"/people/{borough.child}/grade/?scheme=rag")
    assert rag.status_code == 200 and 'name="scheme" value="rag"' in rag.text
    assert practitioner.get(f"/people/{borough.child}/grade/?scheme=nope").status_code == 404


def test_missing_answers_are_listed_in_the_error_summary(
    practitioner: Any, borough: Borough
) -> None:
    page = practitioner.post(
        f"/people/{borough.child}/grade/",
        {"scheme": "seraf", "grade": "", "rationale": "  ", "review_day": "31",
         "review_month": "2", "review_year": "2030"},
    )  # fmt: skip
    assert page.status_code == 200
    assert page.text.count("govuk-error-summary__list") == 1
    assert '<a href="#id_grade">Select the agreed grade</a>' in page.text
    assert '<a href="#id_rationale">Enter the rationale: what you weighed and why</a>' in page.text
    assert '<a href="#id_review_day">Review date must be a real date</a>' in page.text
    assert "<title>Error: " in page.text
    assert not AgreedGrade.objects.exists()


def test_a_review_date_in_the_past_is_refused(practitioner: Any, borough: Borough) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    page = practitioner.post(
        f"/people/{borough.child}/grade/",
        {"scheme": "seraf", "grade": "mild", "rationale": "Missing twice in May.",
         "review_day": yesterday.day, "review_month": yesterday.month,
         "review_year": yesterday.year},
    )  # fmt: skip
    assert "Review date must be in the future" in page.text
    assert not AgreedGrade.objects.exists()


def test_recording_a_grade_supersedes_the_last_and_is_audited(
    practitioner: Any, borough: Borough
) -> None:
    url = f"/people/{borough.child}/grade/"
    first = practitioner.post(url, {"scheme": "seraf", "grade": "mild", "rationale": "One."})
    assert first.status_code == 302 and first["Location"] == f"/people/{borough.child}/screening/"
    practitioner.post(url, {"scheme": "seraf", "grade": "moderate", "rationale": "Two.\nMore."})
    current = AgreedGrade.objects.get(superseded_by__isnull=True)
    assert (current.grade, current.recorded_by) == ("moderate", practitioner.user.username)
    assert current.review_due == timezone.localdate() + timedelta(days=91)
    page = practitioner.get(f"/people/{borough.child}/screening/")
    assert "Agreed grade recorded. Review by" in page.text
    assert "Moderate risk (11-15)" in page.text and "Two.<br>More." in page.text
    assert "Earlier agreed grades (1)" in page.text
    audited = AuditEntry.objects.filter(action="grade.record").order_by("sequence")
    assert [e.detail["grade"] for e in audited] == ["mild", "moderate"]
    assert {(e.purpose, e.basis, e.target_id) for e in audited} == {
        ("mace_preparation", "allocation", borough.child)
    }


def test_a_role_without_the_capability_cannot_record_a_grade(
    signed_in_client: Callable[..., Any], opened: Callable[..., None], borough: Borough
) -> None:
    police = signed_in_client("police_analyst", agency=Agency.objects.get(code="POL"))
    opened(police, borough.with_police)
    url = f"/people/{borough.with_police}/grade/"
    assert police.get(url).status_code == 403
    refused = police.post(url, {"scheme": "seraf", "grade": "mild", "rationale": "x"})
    assert refused.status_code == 403 and not AgreedGrade.objects.exists()
    page = police.get(f"/people/{borough.with_police}/screening/")
    assert "Record an agreed grade" not in page.text
