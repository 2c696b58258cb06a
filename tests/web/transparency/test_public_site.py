"""The public site: open without signing in, read only from publications, no cookies."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from joinedup.web.transparency.models import Publication
from joinedup.web.transparency.services import site
from tests.web.transparency.conftest import child

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(items: dict[str, Any], publish: Callable[..., Publication]) -> Publication:
    items["referrals"] = [child()] * 3 + [child("Male", "16 to 17")] * 12
    items["children_flagged"] = [child()] * 9
    return publish(2025)


def test_home_shows_the_latest_key_figures_without_signing_in(
    client: Client, published: Publication
) -> None:
    response = client.get(reverse("public:home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Referrals to the front door" in text
    assert ">15<" in text  # the referrals total, rounded
    assert "nhs v1" in text
    # No session and no cookie beyond the strictly necessary CSRF one the cookies page lists
    assert set(response.cookies) <= {"csrftoken"}
    assert "Content-Security-Policy" in response.headers


def test_home_says_so_when_nothing_is_published(client: Client) -> None:
    response = client.get(reverse("public:home"))
    assert "No figures have been published yet" in response.content.decode()


def test_a_figure_page_has_the_table_a_chart_the_reasons_and_a_csv_link(
    client: Client, published: Publication
) -> None:
    response = client.get(reverse("public:figure", args=[published.pk, "referrals"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img"' in text
    assert "* (not published)" in text  # the chart's suppressed bar
    assert "primary: 1–7 suppressed as &#x27;*&#x27; (nhs v1)" in text
    assert reverse("public:figure-csv", args=[published.pk, "referrals", "by-sex"]) in text
    assert "frontdoor.Contact.received_at" in text  # the source is named


def test_the_csv_is_the_disclose_output_shape(client: Client, published: Publication) -> None:
    response = client.get(reverse("public:figure-csv", args=[published.pk, "referrals", "by-sex"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["sex", "Referrals"]
    published_values = dict(rows[1:])
    assert list(published_values) == ["Female", "Male", "Indeterminate", "Not known", "Total"]
    assert (published_values["Female"], published_values["Male"], published_values["Total"]) == (
        "*",
        "10",
        "15",
    )
    # Male 8-12 and Total 13-17 would put Female in 1-9; another cell is hidden with it
    assert sum(v == "*" for v in published_values.values()) == 2


def test_unknown_figures_tables_and_years_are_not_found(
    client: Client, published: Publication
) -> None:
    assert client.get(reverse("public:figure", args=[published.pk, "nothing"])).status_code == 404
    csv_url = reverse("public:figure-csv", args=[published.pk, "referrals", "by-colour"])
    assert client.get(csv_url).status_code == 404
    assert client.get(reverse("public:annual-report", args=[2019])).status_code == 404


def test_a_replaced_publication_says_so_and_links_to_its_correction(
    client: Client, items: dict[str, Any], published: Publication, publish: Callable[..., Any]
) -> None:
    items["referrals"] = [child()] * 30
    correction = publish(2025, note="Late referrals added.")
    text = client.get(reverse("public:publication", args=[published.pk])).content.decode()
    link = reverse("public:publication", args=[correction.pk])
    assert f'replaced by <a class="govuk-link" href="{link}"' in text
    assert "Late referrals added." in text
    listing = client.get(reverse("public:publications")).content.decode()
    assert "Replaced" in listing and "Current" in listing


def test_the_annual_report_page_and_pdf(client: Client, published: Publication) -> None:
    page = client.get(reverse("public:annual-report", args=[2025]))
    text = page.content.decode()
    assert page.status_code == 200
    for heading in ("Key figures", "Trends across the years", "Data quality",
                    "Progress on recommendations", "Methodology"):  # fmt: skip
        assert heading in text
    assert "digital.nhs.uk" in text  # the profile's source
    pdf = client.get(reverse("public:annual-report-pdf", args=[2025]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_report_pdf_is_made_once_for_the_same_report_and_again_when_it_changes(
    published: Publication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from joinedup.web.transparency.services import report

    report._pdf_of.cache_clear()
    first = report.annual_report_pdf(published)
    assert report.annual_report_pdf(published) is first  # the same bytes, not made again
    assert report._pdf_of.cache_info().misses == 1
    rendered = report.render_to_string  # the live parts (recommendations) change the HTML
    monkeypatch.setattr(report, "render_to_string", lambda *a: rendered(*a) + "<p>Later</p>")
    changed = report.annual_report_pdf(published)
    assert changed is not first and changed.startswith(b"%PDF")
    assert report._pdf_of.cache_info().misses == 2


def test_recommendations_progress_is_public_and_says_it_counts_actions(client: Client) -> None:
    response = client.get(reverse("public:recommendations"))
    assert response.status_code == 200
    assert "not of children or other people" in response.content.decode()


@dataclass
class FakeDocument:
    reference: str
    title: str
    dated: date | None
    released_on: date
    text: str
    pdf_sha256: str


@dataclass
class FakeResponse:
    said: str
    did: str
    decided_on: date
    kind: str
    reference: str


def test_published_documents_are_listed_and_downloadable(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = FakeDocument("INQ-0001", "Minutes of a strategy meeting", date(2019, 3, 1),
                            date(2026, 10, 1), "text", "ab" * 32)  # fmt: skip
    monkeypatch.setattr(site, "_published_documents", lambda: [document])
    monkeypatch.setattr(
        site, "_published_pdf", lambda ref: b"%PDF-1.7 fake" if ref == "INQ-0001" else None
    )
    text = client.get(reverse("public:documents")).content.decode()
    assert "Minutes of a strategy meeting" in text
    pdf = client.get(reverse("public:document-pdf", args=["INQ-0001"]))
    assert pdf.content == b"%PDF-1.7 fake"
    assert client.get(reverse("public:document-pdf", args=["INQ-0002"])).status_code == 404


def test_you_said_we_did_lists_published_responses(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = FakeResponse("Publish the figures in plain English.", "The annual report now has "
                        "a plain summary.", date(2026, 9, 1), "proposal", "Line 3")  # fmt: skip
    monkeypatch.setattr(site, "_you_said_we_did", lambda: [item])
    text = client.get(reverse("public:you-said-we-did")).content.decode()
    assert "Publish the figures in plain English." in text
    assert "Proposal: Line 3" in text


def test_the_inquiry_apps_being_absent_leaves_empty_pages(client: Client) -> None:
    assert client.get(reverse("public:documents")).status_code == 200
    assert client.get(reverse("public:you-said-we-did")).status_code == 200
