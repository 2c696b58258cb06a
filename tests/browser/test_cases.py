"""The cases pages in a browser, under axe: the list, opening a case about a child and
about a context, the case page, allocating it, setting a flag, adding a plan and
reviewing it, writing a case note (a draft, then final), closing and reopening. Then the
note editor's autosave: text typed and left is back after a reload."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount

CHILD = "P-0000001"


@dataclass(frozen=True)
class Team:
    manager: BrowserAccount  # manages the team: works and allocates cases
    worker: BrowserAccount  # a specialist practitioner in the team
    name: str


@pytest.fixture
def team(transactional_db: None, make_account: Callable[..., BrowserAccount]) -> Team:
    """Children's services, police, a child both know, a place, and the exploitation team;
    the child is allocated to the manager, so that they may open a case about them."""
    from joinedup.web.access.models import Allocation
    from joinedup.web.accounts.models import Team as TeamModel
    from joinedup.web.records.models import Agency, Place
    from tests.web.intelligence.conftest import make_person, versioned

    council = Agency.objects.create(
        code="CSC", name="Children's services", kind="childrens_social_care"
    )
    police = Agency.objects.create(code="POL", name="Police", kind="police")
    child = make_person(CHILD, "child", ("Kayleigh", "Smith"), council, police)
    Place.objects.create(
        **versioned(police), name="Golden Fry", kind="takeaway", postcode="TF1 2AB",
        entity_id="PL-0000001",
    )  # fmt: skip
    manager = make_account(role="team_manager", agency=council, first_name="Morgan",
                           last_name="Hale")  # fmt: skip
    team = TeamModel.objects.create(name="Exploitation team", manager=manager.user)
    worker = make_account(role="specialist_practitioner", agency=council, team=team,
                          first_name="Jo", last_name="Reid")  # fmt: skip
    Allocation.objects.create(person=child, user=manager.user, allocated_from=date(2025, 1, 1))
    return Team(manager, worker, team.name)


def _fill_date(page: Any, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _banner(page: Any) -> str:
    return str(page.locator(".govuk-notification-banner").first.inner_text())


def test_a_manager_works_a_case_from_opening_to_closing_and_reopening(
    page: Any,
    team: Team,
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.audit.models import AuditEntry
    from joinedup.web.cases.models import Case

    today = timezone.localdate()
    sign_in(page, team.manager)
    page.goto("/cases/")
    assert page.get_by_role("heading", level=1).inner_text() == "Cases"
    assert "No cases here" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "cases-1-list-empty")

    # Open a case about a context: the kind, the name, a place found in the index.
    page.get_by_role("link", name="Open a case").click()
    axe_check(page)
    screenshot(page, "cases-2-open-start")
    page.get_by_label("A context").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/cases/open/?kind=context")
    axe_check(page)
    page.get_by_label("Name or postcode").fill("TF1")
    page.get_by_role("button", name="Find places").click()
    expect(page.locator("table")).to_contain_text("PL-0000001")
    axe_check(page)
    page.get_by_role("button", name="Open the case").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "There is a problem" in summary, "an empty context form was accepted"
    axe_check(page)
    screenshot(page, "cases-3-open-context-errors")
    page.get_by_label("A place", exact=True).check()
    page.get_by_label("Name of the context").fill("Golden Fry takeaway, High Street")
    page.get_by_label("Place ID from the index (optional)").fill("PL-0000001")
    page.get_by_label("Why the case is being opened").fill(
        "Children are seen there late with older men."
    )
    page.get_by_role("button", name="Open the case").click()
    page.wait_for_url("**/cases/CASE-*/")
    context_case = Case.objects.get(context_name__startswith="Golden Fry")
    assert context_case.place is not None and context_case.place.entity_id == "PL-0000001"
    axe_check(page)
    screenshot(page, "cases-4-context-case")

    # Open a case about a child: search, choose, give the reason.
    page.goto("/cases/open/?kind=child")
    axe_check(page)
    page.get_by_label("Name or alias").fill("Kayleigh Smith")
    page.get_by_role("button", name="Search").click()
    axe_check(page)
    screenshot(page, "cases-5-open-child-search")
    page.get_by_role("link", name=f"Choose {CHILD}").click()
    page.wait_for_url(f"**/cases/open/?kind=child&person={CHILD}")
    axe_check(page)
    page.get_by_label("Why the case is being opened").fill(
        "Found at an address linked to exploitation; missing twice."
    )
    page.get_by_role("button", name="Open the case").click()
    page.wait_for_url("**/cases/CASE-*/")
    case = Case.objects.get(person__person_id=CHILD)
    reference = case.reference
    main = page.locator("main").inner_text()
    assert f"Child {CHILD}" in main and "Not allocated" in main
    axe_check(page)
    screenshot(page, "cases-6-child-case")

    # Allocate it to the worker in the team.
    page.get_by_role("link", name="Allocate the case").click()
    page.wait_for_url(f"**/cases/{reference}/allocate/")
    axe_check(page)
    page.get_by_role("button", name="Allocate", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a team")
    axe_check(page)
    page.get_by_label("Team").select_option(label=team.name)
    page.get_by_label("Worker").select_option(str(team.worker.user.pk))
    page.get_by_role("button", name="Allocate", exact=True).click()
    page.wait_for_url(f"**/cases/{reference}/")
    assert f"Jo Reid, {team.name}" in page.locator("main dl").first.inner_text()
    axe_check(page)
    screenshot(page, "cases-7-allocated")

    # Set a flag.
    page.get_by_role("link", name="Set a flag").click()
    axe_check(page)
    page.get_by_label("CCE: Child criminal exploitation").check()
    page.get_by_label("Why the flag is being set").fill("Found holding drugs for an older man.")
    page.get_by_role("button", name="Set the flag").click()
    page.wait_for_url(f"**/cases/{reference}/")
    flags = page.locator("main").inner_text()
    assert "CCE: Child criminal exploitation" in flags
    axe_check(page)
    screenshot(page, "cases-8-flag-set")

    # Add a plan, an action, and record its review.
    page.get_by_role("link", name="Add a plan").click()
    axe_check(page)
    page.get_by_label("Safety plan", exact=True).check()
    page.get_by_label("What the plan is for").fill("Keep the child safe on the way home.")
    _fill_date(page, "Start date", today - timedelta(days=3))
    page.get_by_role("button", name="Add the plan").click()
    page.wait_for_url(f"**/cases/{reference}/")
    assert "Plan added." in _banner(page)
    first_review = today - timedelta(days=3) + timedelta(days=28)
    plans = page.locator("table", has_text="Next review").inner_text()
    assert "Safety plan" in plans and _long(first_review) in plans, plans
    page.get_by_role("link", name="Safety plan").click()
    page.wait_for_url(f"**/cases/{reference}/plans/*/")
    axe_check(page)
    screenshot(page, "cases-9-plan")
    page.get_by_role("link", name="Add an action").click()
    axe_check(page)
    page.get_by_label("What is to be done").fill("Arrange a return home interview")
    page.get_by_label("Who will do it").fill("The allocated worker")
    _fill_date(page, "Due by", today + timedelta(days=7))
    page.get_by_role("button", name="Add the action").click()
    page.wait_for_url(f"**/cases/{reference}/plans/*/")  # back to the plan, not the case
    assert "Action added." in _banner(page)
    assert "Arrange a return home interview" in page.locator("table").inner_text()
    axe_check(page)
    page.get_by_role("link", name="Record a review").click()
    axe_check(page)
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    screenshot(page, "cases-10-review-errors")
    _fill_date(page, "Date the review was held", today)
    page.get_by_label("What the review concluded").fill("No missing episodes this month.")
    _fill_date(page, "Next review", today + timedelta(days=28))
    page.get_by_role("button", name="Record the review").click()
    page.wait_for_url(f"**/cases/{reference}/plans/*/")
    reviews = page.locator("main").inner_text()
    assert "No missing episodes this month." in reviews
    assert _long(today + timedelta(days=28)) in reviews
    axe_check(page)
    screenshot(page, "cases-11-plan-reviewed")

    # A case note: saved as a draft, continued from the case page, then added.
    page.get_by_role("link", name=f"Back to {reference}").click()
    page.get_by_role("link", name="Add a case note").click()
    page.wait_for_url(f"**/cases/{reference}/notes/new/")
    axe_check(page)
    page.get_by_label("Case note").fill("Home visit: the child was at home with mum.")
    page.get_by_role("button", name="Save draft").click()
    assert "Draft saved" in _banner(page)
    axe_check(page)
    screenshot(page, "cases-12-note-draft")
    page.get_by_role("link", name=f"Back to {reference}").click()
    expect(page.locator("main")).to_contain_text("You have a draft case note")
    page.get_by_role("link", name="Continue your draft note").click()
    note = page.get_by_label("Case note")
    assert note.input_value() == "Home visit: the child was at home with mum."
    note.fill("Home visit: the child was at home with mum. Agreed a safe word.")
    page.get_by_role("button", name="Add the note").click()
    page.wait_for_url(f"**/cases/{reference}/")
    notes = page.locator("main").inner_text()
    assert "Agreed a safe word." in notes and "You have a draft case note" not in notes
    axe_check(page)
    screenshot(page, "cases-13-note-added")

    # Close, then reopen.
    page.get_by_role("link", name="Close the case").click()
    axe_check(page)
    page.get_by_role("button", name="Close the case").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter why the case is being closed")
    axe_check(page)
    page.get_by_label("Why the case is being closed").fill("The plan's aims were met.")
    page.get_by_role("button", name="Close the case").click()
    page.wait_for_url(f"**/cases/{reference}/")
    assert "Closed" in page.get_by_role("heading", level=1).inner_text()
    axe_check(page)
    screenshot(page, "cases-14-closed")
    page.get_by_role("link", name="Reopen the case").click()
    axe_check(page)
    page.get_by_label("Why the case is being reopened").fill(
        "New information shows the child is exploited again."
    )
    page.get_by_role("button", name="Reopen the case").click()
    page.wait_for_url(f"**/cases/{reference}/")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert "Open" in heading and "Not allocated" in page.locator("main dl").first.inner_text()
    axe_check(page)
    screenshot(page, "cases-15-reopened")

    page.goto("/cases/?tab=unallocated")
    assert reference in page.locator("table").inner_text(), "the reopened case is not queued"
    axe_check(page)
    screenshot(page, "cases-16-list")

    case.refresh_from_db()
    assert case.status == "open" and case.worker is None
    done = set(AuditEntry.objects.filter(target_id=reference).values_list("action", flat=True))
    expected = {"cases.open", "cases.allocate", "cases.flag_set", "cases.plan_add",
                "cases.plan_action_add", "cases.plan_review", "cases.note_draft_saved",
                "cases.note_added", "cases.close", "cases.reopen"}  # fmt: skip
    assert expected <= done, f"not audited: {sorted(expected - done)}"


def test_the_note_editor_saves_the_draft_as_the_worker_types(
    page: Any,
    team: Team,
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.cases.models import CaseNote
    from joinedup.web.cases.services import open_case
    from joinedup.web.people.models import Person

    case = open_case(
        opened_by=team.manager.user,
        reason="Seen with older men at the bus station",
        person=Person.objects.get(person_id=CHILD),
        source="test",
    )
    text = "Spoke to the school: two days missed this week."

    sign_in(page, team.manager)
    page.goto(f"/cases/{case.reference}/notes/new/")
    status = page.locator("#autosave-status")
    assert status.inner_text() == ""
    page.get_by_label("Case note").fill(text)
    # The editor saves every 10 seconds (data/timescales.yaml) when the text changed.
    expect(status).to_contain_text("Draft saved at", timeout=25_000)
    axe_check(page)
    screenshot(page, "cases-autosave-1-saved")

    page.reload()
    assert page.get_by_label("Case note").input_value() == text
    assert "This is your draft" in _banner(page)
    axe_check(page)
    screenshot(page, "cases-autosave-2-restored")
    draft = CaseNote.objects.get(case=case)
    assert (draft.status, draft.text, draft.author) == ("draft", text, team.manager.user)
