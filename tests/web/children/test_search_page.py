"""The search page: a GET form with the GOV.UK error summary, and the results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.records.models import SourcePerson

from .conftest import Borough

pytestmark = pytest.mark.django_db


def test_the_empty_form_searches_nothing(signed_in_client: Callable[..., Any]) -> None:
    page = signed_in_client("inquiry_team").get("/people/search/")
    assert page.status_code == 200 and "Search for a child" in page.text
    assert "There is a problem" not in page.text
    assert not AuditEntry.objects.filter(action="person.search").exists()


@pytest.mark.parametrize(
    ("query", "link", "message"),
    [
        ("name=&dob_day=&dob_month=&dob_year=&identifier=", "id_name",
         "Enter a name, a date of birth or an identifier"),
        ("dob_day=4&dob_month=3&dob_year=", "id_dob_year", "Date of birth must include a year"),
        ("dob_day=4&dob_year=2009", "id_dob_month", "Date of birth must include a month"),
        ("dob_day=31&dob_month=2&dob_year=2009", "id_dob_day", "Date of birth must be a real date"),
        ("dob_year=09", "id_dob_year", "Year must include 4 numbers"),
    ],
)  # fmt: skip
def test_a_search_that_cannot_run_says_why_in_the_error_summary(
    signed_in_client: Callable[..., Any], query: str, link: str, message: str
) -> None:
    page = signed_in_client("inquiry_team").get(f"/people/search/?{query}")
    assert page.status_code == 200
    assert "<title>Error: Search for a child" in page.text
    assert f'<li><a href="#{link}">{message}</a></li>' in page.text
    assert not AuditEntry.objects.filter(action="person.search").exists()


def test_results_show_names_dates_agencies_and_why_they_matched(
    signed_in_client: Callable[..., Any], borough: Borough
) -> None:
    record = SourcePerson.objects.filter(
        link__person__person_id=borough.child, agency__code="CSC"
    ).first()
    assert record is not None
    client = signed_in_client("inquiry_team")
    page = client.get(f"/people/search/?name={record.forenames.split()[0]}+{record.surname}")
    assert page.status_code == 200
    assert f'href="/people/{borough.child}/"' in page.text
    assert "Records held by" in page.text and "Midshire Children&#x27;s Services" in page.text
    assert "Why it matched" in page.text and "CSC: Name " in page.text
    assert AuditEntry.objects.get(action="person.search").detail["person_ids"][0] == borough.child
