"""Running a MACE meeting end to end: a manager arranges an operational meeting, puts a
child and a location on the agenda, starts it, records attendance, a decision and an
action with an owner and a due date, drafts and approves the minutes; the action's owner
then finds it under My actions. axe runs on every page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount


@pytest.fixture
def screened_borough(
    transactional_db: None,
    small_borough: Path,
    manifest: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The small borough imported, linked and screened in the live database."""
    from joinedup.web.analysis.screening import screen_everyone
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    monkeypatch.setenv("JOINEDUP_DATA_DIR", str(tmp_path / "data"))
    for export in manifest["exports"]:
        files = [small_borough / f for f in export["files"]]
        import_export(export["agency"], small_borough / export["mapping"], files, user="test")
    link_everyone("test")
    screen_everyone("test", as_of=date(2020, 6, 30))


def _allocated_child(user: Any) -> str:
    from joinedup.web.access.models import Allocation
    from joinedup.web.people.models import Person

    child = Person.objects.filter(age_group="child", active=True).order_by("person_id").first()
    assert child is not None
    Allocation.objects.create(person=child, user=user, allocated_from=date(2025, 1, 1))
    return child.person_id


def _a_place() -> Any:
    from joinedup.web.records.models import Place

    place = Place.objects.exclude(name="").exclude(postcode="").order_by("pk").first()
    assert place is not None
    return place


def test_a_manager_runs_an_operational_meeting_and_the_owner_sees_the_action(
    page: Any,
    screened_borough: None,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.audit.models import AuditEntry
    from joinedup.web.meetings.models import Action, Meeting
    from joinedup.web.records.models import Agency

    csc, pol = Agency.objects.get(code="CSC"), Agency.objects.get(code="POL")
    manager = make_account(role="team_manager", agency=csc, first_name="Ali", last_name="Khan")
    owner = make_account(role="police_analyst", agency=pol, first_name="Jo", last_name="Ray")
    child = _allocated_child(manager.user)
    place = _a_place()

    sign_in(page, manager)
    page.goto("/meetings/")
    assert page.get_by_role("heading", level=1).inner_text() == "MACE meetings"
    axe_check(page)
    screenshot(page, "meetings-list")

    page.get_by_role("link", name="Arrange a meeting").click()
    page.wait_for_url("**/meetings/new/")
    page.get_by_role("button", name="Arrange the meeting").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the kind of meeting")
    axe_check(page)
    page.get_by_label("Operational MACE", exact=False).check()
    page.locator("#id_on_day").fill("3")
    page.locator("#id_on_month").fill("3")
    page.locator("#id_on_year").fill("2026")
    page.get_by_label("Time").fill("10:30")
    page.get_by_label("Where").fill("Room 2, Civic Centre")
    page.get_by_label("Chair").select_option(str(manager.user.pk))
    page.get_by_label(f"{csc.name} (CSC)").check()
    page.get_by_label(f"{pol.name} (POL)").check()
    axe_check(page)
    screenshot(page, "meetings-arrange")
    page.get_by_role("button", name="Arrange the meeting").click()
    meeting = Meeting.objects.get()
    page.wait_for_url(f"**/meetings/{meeting.reference}/agenda/")

    page.get_by_label("Child").select_option(child)
    page.get_by_role("button", name="Add the child").click()
    page.wait_for_url(f"**/meetings/{meeting.reference}/agenda/")
    page.get_by_label("Find a location by name, postcode or id").fill(place.postcode)
    page.get_by_role("button", name="Find locations").click()
    axe_check(page)
    page.locator(f'form:has(input[name="place"][value="{place.pk}"]) button').click()
    page.wait_for_url(f"**/meetings/{meeting.reference}/agenda/")
    expect(page.locator("#agenda li")).to_have_count(2)
    axe_check(page)
    screenshot(page, "meetings-agenda")

    page.get_by_role("link", name="Start, finish or cancel").click()
    axe_check(page)
    page.get_by_label("The meeting has started").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/meetings/{meeting.reference}/")

    page.get_by_role("link", name="Attendance", exact=True).click()
    page.get_by_label("Agency").select_option("POL")
    page.get_by_label("Name", exact=True).fill("DS Sam Ward")
    page.get_by_label("Attended").check()
    page.get_by_role("button", name="Record attendance").click()
    page.wait_for_url(f"**/meetings/{meeting.reference}/attendance/")
    assert "DS Sam Ward" in page.locator("table").inner_text()
    axe_check(page)
    screenshot(page, "meetings-attendance")

    page.get_by_role("link", name="Meeting", exact=True).click()
    axe_check(page)
    page.get_by_role("link", name="Record item 1").click()
    page.get_by_label("Decision").fill("Refer for a multi-agency safety plan")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_label("What is to be done").fill("Share the missing-episode records with CSC")
    page.get_by_label("Owner").select_option(str(owner.user.pk))
    page.get_by_label("Owning agency").select_option("POL")
    page.locator("#id_due_day").fill("27")
    page.locator("#id_due_month").fill("3")
    page.locator("#id_due_year").fill("2026")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added for Jo Ray")
    axe_check(page)
    screenshot(page, "meetings-item")

    page.get_by_role("link", name="Minutes", exact=True).click()
    page.get_by_label("Minutes").fill("Introductions. Police attended. Two items discussed.")
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("link", name="Start, finish or cancel").click()
    page.get_by_label("The meeting has been held (it has ended)").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Minutes", exact=True).click()
    axe_check(page)
    page.get_by_role("button", name="Approve the minutes").click()
    page.wait_for_url(f"**/meetings/{meeting.reference}/")
    assert "Minutes approved" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "meetings-approved")

    meeting.refresh_from_db()
    action = Action.objects.get()
    assert meeting.status == "minutes_approved" and action.owner == owner.user
    assert AuditEntry.objects.filter(action="meetings.minutes_approved").exists()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, owner)
    page.goto("/meetings/actions/")
    assert "Share the missing-episode records" in page.locator("table").inner_text()
    axe_check(page)
    screenshot(page, "meetings-my-actions")
    page.get_by_role("link", name=f"Action {action.pk}").click()
    shown = page.locator("main").inner_text()
    assert "27 March 2026" in shown and "Save the update" in shown
    axe_check(page)
    screenshot(page, "meetings-action")
