"""The front door in a browser: a school refers a child (first with mistakes, then
properly); a practitioner screens the contact: starts, links the child found in the
person index, rates it amber and refers to early help; the school sees the outcome.
axe on every page, and no Content-Security-Policy error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount


@pytest.fixture
def council_child(transactional_db: None) -> Any:
    """Children's services and a school agency, and a child both hold a record of."""
    from joinedup.web.records.models import Agency
    from tests.web.intelligence.conftest import make_person

    council = Agency.objects.create(
        code="CSC", name="Children's services", kind="childrens_social_care"
    )
    school = Agency.objects.create(code="EDU", name="Schools", kind="education")
    make_person("P-0000001", "child", ("Sam", "Testchild"), council, school)
    return council, school


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/**")


def test_a_school_referral_is_screened_and_the_school_sees_the_outcome(
    page: Any,
    council_child: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.access.models import Allocation
    from joinedup.web.people.models import Person

    council, school = council_child
    teacher = make_account(role="school_safeguarding_lead", agency=school)
    worker = make_account(role="specialist_practitioner", agency=council)
    Allocation.objects.create(person=Person.objects.get(person_id="P-0000001"),
                              user=worker.user, allocated_from=date(2025, 1, 1))  # fmt: skip

    sign_in(page, teacher)
    page.goto("/front-door/")
    axe_check(page)
    screenshot(page, "frontdoor-start")
    page.get_by_role("link", name="Make a referral from a school").click()
    page.wait_for_url("**/front-door/refer/school/")
    axe_check(page)
    page.get_by_role("button", name="Send the referral").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter what has happened and what worries you" in summary.inner_text()
    assert "Enter the name of your school" in summary.inner_text()
    axe_check(page)
    screenshot(page, "frontdoor-refer-school-errors")

    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Testchild")
    page.get_by_label("Year", exact=True).fill("2010")
    page.get_by_label("School or college").fill("Midshire Academy")
    page.get_by_label("What has happened, and what worries you").fill(
        "Seen getting into a car with an adult the family does not know, after school."
    )
    page.get_by_label("Permanently excluded").check()
    family = page.get_by_role("group", name="Does the child's family know about this referral?")
    family.get_by_label("Not known").check()
    page.get_by_label("Not asked, because asking could put the child").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Your name").fill("Pat Teacher")
    page.get_by_label("Telephone number").fill("01632 960000")
    screenshot(page, "frontdoor-refer-school-filled")
    page.get_by_role("button", name="Send the referral").click()
    page.wait_for_url("**/front-door/contacts/REF-*/")
    assert "Referral sent" in page.locator(".govuk-notification-banner").inner_text()
    reference = page.url.rstrip("/").rsplit("/", 1)[1]
    axe_check(page)
    screenshot(page, "frontdoor-referral-sent")
    _sign_out(page)

    sign_in(page, worker)
    page.goto("/front-door/queue/")
    axe_check(page)
    screenshot(page, "frontdoor-queue")
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Start screening").click()
    page.wait_for_url(f"**/contacts/{reference}/")
    axe_check(page)
    screenshot(page, "frontdoor-contact-in-screening")

    page.get_by_role("link", name="Link the child to the person index").click()
    page.get_by_role("button", name="Search").click()
    page.get_by_label("Sam Testchild (P-0000001)").check()
    axe_check(page)
    screenshot(page, "frontdoor-link-child")
    page.get_by_role("button", name="Save and return to the contact").click()
    page.wait_for_url(f"**/contacts/{reference}/")

    page.get_by_role("link", name="RAG rating").click()
    page.get_by_role("button", name="Save the rating").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a RAG rating")
    axe_check(page)
    page.get_by_label("Amber").check()
    page.get_by_label("Rationale").fill("The adult is not known; the school sees changes.")
    page.get_by_role("button", name="Save the rating").click()
    page.wait_for_url(f"**/contacts/{reference}/")

    page.get_by_role("link", name="Decision", exact=True).click()
    axe_check(page)
    screenshot(page, "frontdoor-decision")
    page.get_by_label("Refer to early help").check()
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**/contacts/{reference}/")
    assert "is decided" in page.locator(".govuk-notification-banner").inner_text()
    axe_check(page)
    screenshot(page, "frontdoor-contact-decided")
    _sign_out(page)

    sign_in(page, teacher)
    page.goto("/front-door/referrals/")
    assert "Refer to early help" in page.locator("table").inner_text()
    axe_check(page)
    screenshot(page, "frontdoor-my-referrals")
