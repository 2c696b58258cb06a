"""Setting the inquiry up, its details and its terms of reference (never overwritten)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry, InquiryStaff
from joinedup.web.inquiry.services import current_inquiry, staff_may
from joinedup.web.inquiry.services.setup import (
    InquiryDetails,
    change_details,
    change_terms,
    set_up_inquiry,
)

pytestmark = pytest.mark.django_db


def test_the_first_to_set_the_inquiry_up_becomes_its_lead_and_it_is_audited(
    make_user: Callable[..., Any],
) -> None:
    assert current_inquiry() is None
    first = make_user("inquiry_team")
    made = set_up_inquiry(first, InquiryDetails("An inquiry", "", False, None), "Terms one")
    assert current_inquiry() == made
    assert staff_may(first, "is_lead") and not staff_may(first, "reads_accounts")
    entry = AuditEntry.objects.get(action="inquiry.set_up")
    assert entry.actor_username == first.username and entry.target_id == str(made.pk)
    assert made.terms_of_reference == "Terms one" and made.terms_versions.count() == 1
    with pytest.raises(InputError, match="already set up"):
        set_up_inquiry(make_user("inquiry_team"), InquiryDetails("Another", "", False, None), "")
    assert Inquiry.objects.count() == 1


def test_terms_of_reference_keep_every_version(inquiry: Inquiry, lead: Any) -> None:
    change_terms(lead, inquiry, "To examine more.", "Widened")
    change_terms(lead, inquiry, "To examine yet more.", "Widened again")
    versions = list(inquiry.terms_versions.order_by("number").values_list("number", "text"))
    assert versions == [
        (1, "To examine what agencies knew."),
        (2, "To examine more."),
        (3, "To examine yet more."),
    ]
    inquiry.refresh_from_db()
    assert inquiry.terms_of_reference == "To examine yet more."
    with pytest.raises(InputError, match="unchanged"):
        change_terms(lead, inquiry, "To examine yet more.", "")
    assert AuditEntry.objects.filter(action="inquiry.terms_changed").count() == 3


def test_an_inquiry_with_section_21_notices_stays_statutory(
    statutory_inquiry: Inquiry, lead: Any, make_request: Callable[..., EvidenceRequest]
) -> None:
    make_request(kind=EvidenceRequest.SECTION_21)
    details = InquiryDetails(statutory_inquiry.title, "", False, None)
    with pytest.raises(InputError, match="must stay statutory"):
        change_details(lead, statutory_inquiry, details)
    statutory_inquiry.refresh_from_db()
    assert statutory_inquiry.statutory


def test_the_home_page_offers_set_up_when_there_is_no_inquiry(
    signed_in_client: Callable[..., Any],
) -> None:
    client = signed_in_client("inquiry_team")
    page = client.get(reverse("inquiry:index"))
    assert page.status_code == 200 and b"No inquiry is set up yet" in page.content
    posted = client.post(
        reverse("inquiry:details"),
        {"title": "Set up in a test", "chair": "", "statutory": "no", "terms": "Terms"},
    )
    assert posted.status_code == 302, posted.content[:3000]
    assert InquiryStaff.objects.get(user=client.user).is_lead


def test_setting_up_without_a_title_shows_the_error_summary(
    signed_in_client: Callable[..., Any],
) -> None:
    client = signed_in_client("inquiry_team")
    page = client.post(reverse("inquiry:details"), {"statutory": "no"})
    assert page.status_code == 200
    assert (
        b"govuk-error-summary" in page.content and b"Enter the inquiry&#x27;s title" in page.content
    )
    assert current_inquiry() is None


def test_the_home_page_shows_counts_and_only_links_to_areas_that_exist(
    inquiry: Inquiry,
    lead: Any,
    signed_in_client: Callable[..., Any],
    make_request: Callable[..., EvidenceRequest],
) -> None:
    make_request(issued=40, deadline=-3)
    make_request(issued=5, deadline=20)
    make_request()
    page = signed_in_client(user=lead).get(reverse("inquiry:index"))
    assert page.status_code == 200
    home = page.context["page"]
    assert (home.requests, home.outstanding, home.overdue) == (3, 2, 1)
    from joinedup.web.inquiry.services.pages import AREAS, optional_url

    expected = [label for label, name, _ in AREAS if optional_url(name)]
    assert [a.label for a in home.areas] == expected
    assert optional_url("inquiry:no-such-page") == ""


def test_only_a_lead_changes_the_details(
    inquiry: Inquiry, lead: Any, signed_in_client: Callable[..., Any]
) -> None:
    other = signed_in_client("inquiry_team")
    assert other.get(reverse("inquiry:details")).status_code == 403
    client = signed_in_client(user=lead)
    posted = client.post(
        reverse("inquiry:details"),
        {
            "title": "Renamed inquiry",
            "chair": "B Chair",
            "statutory": "yes",
            "set_up_day": "1",
            "set_up_month": "9",
            "set_up_year": "2026",
        },
    )
    assert posted.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.title, inquiry.statutory, str(inquiry.set_up_on)) == (
        "Renamed inquiry",
        True,
        "2026-09-01",
    )
    assert AuditEntry.objects.filter(action="inquiry.details_changed").exists()


def test_the_terms_page_saves_a_new_version(
    inquiry: Inquiry, signed_in_client: Callable[..., Any]
) -> None:
    client = signed_in_client("inquiry_team")
    url = reverse("inquiry:terms")
    assert client.post(url, {"text": "", "reason": ""}).status_code == 200
    posted = client.post(url, {"text": "New terms", "reason": "The chair widened them"})
    assert posted.status_code == 302
    page = client.get(url)
    assert b"Version 2" in page.content and b"Version 1" in page.content
