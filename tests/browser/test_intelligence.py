"""Working an intelligence item to its response: a police analyst logs an item about a
child, a man and a car with its grade; a team manager assigns it; the new owner records
the response; the item shows closed with its history. axe on every page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import BrowserAccount


@pytest.fixture
def police_child(transactional_db: None) -> Any:
    """Police and children's services, and a child the police hold a record of."""
    from joinedup.web.records.models import Agency
    from tests.web.intelligence.conftest import make_person

    police = Agency.objects.create(code="POL", name="Police", kind="police")
    council = Agency.objects.create(
        code="CSC", name="Children's services", kind="childrens_social_care"
    )
    make_person("P-0000001", "child", ("Kayleigh", "Smith"), police, council)
    return police


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/**")


def test_an_item_is_logged_assigned_and_answered(
    page: Any,
    police_child: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.intelligence.models import IntelligenceItem

    analyst = make_account(role="police_analyst", agency=police_child)
    manager = make_account(role="team_manager", first_name="Morgan", last_name="Hale")
    worker = make_account(role="specialist_practitioner", first_name="Jo", last_name="Reid")

    sign_in(page, analyst)
    page.goto("/intelligence/")
    assert page.get_by_role("heading", level=1).inner_text() == "Intelligence log"
    axe_check(page)
    screenshot(page, "intelligence-log-empty")

    page.get_by_role("link", name="Log an item").click()
    page.wait_for_url("**/intelligence/new/")
    axe_check(page)
    page.get_by_role("button", name="Log the item").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter the date it was received" in summary.inner_text()
    assert "Select the source evaluation (1, 2 or 3)" in summary.inner_text()
    axe_check(page)
    screenshot(page, "intelligence-new-errors")

    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Agency that received it").select_option("POL")
    page.get_by_label("A member of the public").check()
    page.get_by_label("2: Untested").check()
    page.get_by_label("B: Known indirectly to the source but corroborated").check()
    page.get_by_label("P: Lawful sharing permitted", exact=True).check()
    page.get_by_label("Summary").fill("Man seen driving a child from school late at night")
    page.get_by_label("The intelligence", exact=True).fill(
        "A neighbour saw a girl of about 14 get into a silver car with a man in his thirties."
    )
    page.get_by_label("People not in the index").fill("Man known as 'Dee', about 35")
    page.get_by_label("Vehicle registrations").fill("ab12 cde")
    screenshot(page, "intelligence-new-filled")
    page.get_by_role("button", name="Log the item").click()
    item = IntelligenceItem.objects.get()
    page.wait_for_url(f"**/intelligence/{item.reference}/")
    assert f"{item.reference} logged" in page.locator(".govuk-notification-banner").inner_text()
    assert "B: Known indirectly to the source but corroborated" in page.locator("main").inner_text()
    axe_check(page)

    page.get_by_role("link", name="Add a child or adult from the index").click()
    page.get_by_label("Name or alias").fill("Kayleigh Smith")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/subjects/person/?**")
    axe_check(page)
    screenshot(page, "intelligence-add-person")
    page.get_by_label("How is P-0000001 involved?").select_option("victim")
    page.get_by_role("button", name="Add P-0000001").click()
    page.wait_for_url(f"**/intelligence/{item.reference}/")
    subjects = page.locator("table", has_text="Who or what").inner_text()
    for expected in ("Kayleigh Smith P-0000001 (child)", "Man known as 'Dee'", "AB12CDE"):
        assert expected in subjects
    axe_check(page)
    screenshot(page, "intelligence-item-logged")
    _sign_out(page)

    sign_in(page, manager)
    page.goto(f"/intelligence/{item.reference}/")
    page.get_by_role("link", name="Assign").click()
    axe_check(page)
    page.get_by_label("New owner", exact=True).select_option(
        label=f"Jo Reid ({worker.username}), Specialist practitioner"
    )
    page.get_by_label("Note for the new owner").fill("The car is known to the team")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(f"**/intelligence/{item.reference}/")
    assert "assigned to Jo Reid" in page.locator(".govuk-notification-banner").inner_text()
    axe_check(page)
    _sign_out(page)

    sign_in(page, worker)
    page.goto(f"/intelligence/{item.reference}/")
    page.get_by_role("button", name="Start reviewing this item").click()
    page.get_by_role("link", name="Record the response").click()
    page.wait_for_url("**/respond/")
    axe_check(page)
    page.get_by_label("Disrupt", exact=True).check()
    page.get_by_label("Disruption tactic").select_option("cawn")
    page.get_by_label("Rationale").fill("First-hand sighting, corroborated by the school")
    page.get_by_role("button", name="Record the response and close the item").click()
    page.wait_for_url(f"**/intelligence/{item.reference}/")
    main = page.locator("main").inner_text()
    assert "Responded (closed)" in main and "Disrupt: Child abduction warning notice" in main
    history = page.locator("table", has_text="Every change to this item").inner_text()
    for action in ("Logged", "Subject added", "Assigned", "Review started", "Response recorded"):
        assert action in history
    axe_check(page)
    screenshot(page, "intelligence-item-closed")
    item.refresh_from_db()
    assert (item.status, item.owner, item.decision) == ("responded", worker.user, "disrupt")
