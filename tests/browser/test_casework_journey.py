"""Issue 6 is done when, on a borough: "a practitioner can take a referral through
screening to a case, put the child and a location on a MACE agenda, record decisions and
actions, log and answer an intelligence item, and record a sharing decision — all
visible in the audit log."

One test walks that sentence through the real pages, in steps, on a small synthetic
borough imported, linked and screened: a school refers a child of the borough; a
specialist practitioner screens the contact (links the child in the index, rates it,
decides to open a case); the team manager allocates the case to the practitioner,
arranges an operational MACE meeting from the case and runs it (the child and a location
on the agenda, attendance, a decision, an action owned by the police with a due date,
approved minutes); a police analyst logs an item about the child and a car, the manager
assigns it, the practitioner answers it; the practitioner records from the case a
decision to share and one not to share; an auditor finds every step in the audit pages.
axe runs on every page; no Content-Security-Policy error is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount

SCREENING_AS_OF = date(2020, 6, 30)


@dataclass(frozen=True)
class Child:
    person_id: str
    forename: str
    surname: str
    birth_year: int


@dataclass(frozen=True)
class People:
    teacher: BrowserAccount  # school safeguarding lead: refers
    worker: BrowserAccount  # specialist practitioner: screens, works the case, shares
    manager: BrowserAccount  # team manager: allocates, runs the MACE meeting, assigns
    analyst: BrowserAccount  # police analyst: logs intelligence, owns the MACE action
    auditor: BrowserAccount
    team: str


@dataclass
class Journey:
    """What each step made, for the next steps and the auditor."""

    contact: str = ""
    case: str = ""
    meeting: str = ""
    intelligence: str = ""
    shared: str = ""
    not_shared: str = ""


@pytest.fixture
def borough(
    transactional_db: None,
    small_borough: Path,
    manifest: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Child]:
    """The small borough (tests/conftest.py) imported, linked and screened; the child
    every step is about."""
    from joinedup.web.analysis.screening import screen_everyone
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    monkeypatch.setenv("JOINEDUP_DATA_DIR", str(tmp_path / "data"))
    for export in manifest["exports"]:
        files = [small_borough / f for f in export["files"]]
        import_export(export["agency"], small_borough / export["mapping"], files, user="test")
    link_everyone("test")
    screen_everyone("test", as_of=SCREENING_AS_OF)
    _forget_cached_tables()
    yield _child_known_to_school_and_police()
    _forget_cached_tables()


def _forget_cached_tables() -> None:
    from joinedup.web.children.services.contexts import forget_cached_contexts
    from joinedup.web.children.services.tables import forget_cached_tables

    forget_cached_tables()
    forget_cached_contexts()


def _child_known_to_school_and_police() -> Child:
    """A child whose school, the police and children's services all hold a record."""
    from joinedup.web.people.models import Person
    from joinedup.web.records.models import SourcePerson

    children = Person.objects.filter(age_group="child", active=True).order_by("person_id")
    for person in children:
        records = {link.source_person.agency.code: link.source_person
                   for link in person.links.select_related("source_person__agency")}  # fmt: skip
        school = records.get("EDU")
        if {"CSC", "POL"} <= records.keys() and school and school.surname and school.dob:
            forename = school.forenames.split()[0]
            return Child(person.person_id, forename, school.surname, int(school.dob[:4]))
    seen = [sorted(r.agency.code for r in SourcePerson.objects.filter(link__person=p))
            for p in children]  # fmt: skip
    raise AssertionError(f"no child is known to the school, the police and CSC: {seen}")


@pytest.fixture
def people(borough: Child, make_account: Callable[..., BrowserAccount]) -> People:
    from joinedup.web.accounts.models import Team
    from joinedup.web.records.models import Agency

    agency = {a.code: a for a in Agency.objects.all()}
    manager = make_account(role="team_manager", agency=agency["CSC"],
                           first_name="Morgan", last_name="Hale")  # fmt: skip
    team = Team.objects.create(name="Exploitation team", manager=manager.user)
    worker = make_account(role="specialist_practitioner", agency=agency["CSC"], team=team,
                          first_name="Jo", last_name="Reid")  # fmt: skip
    # Nothing is allocated to the practitioner: the child is new to them and their team.
    # The front door's screener searches the whole person index (identity only) to link
    # the contact; the child's record opens to them only once the case is allocated.
    return People(
        teacher=make_account(role="school_safeguarding_lead", agency=agency["EDU"]),
        worker=worker,
        manager=manager,
        analyst=make_account(
            role="police_analyst", agency=agency["POL"], first_name="Sam", last_name="Ward"
        ),  # fmt: skip
        auditor=make_account(role="auditor"),
        team=team.name,
    )


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/**")


def _banner(page: Any) -> str:
    return str(page.locator(".govuk-notification-banner").first.inner_text())


def _fill_date(page: Any, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _reference(page: Any) -> str:
    return str(page.url.rstrip("/").rsplit("/", 1)[1])


def test_a_referral_becomes_a_case_a_mace_item_intelligence_and_sharing_all_audited(
    page: Any,
    borough: Child,
    people: People,
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    journey = Journey()
    Step = Callable[[Any, Child, People, Journey, Callable[..., Any], Callable[..., Any]], None]
    steps: list[tuple[str, BrowserAccount, Step]] = [
        ("1. the school makes a referral", people.teacher, _refer),
        ("2. the practitioner screens it and opens a case", people.worker, _screen),
        ("3. the manager allocates the case and runs a MACE meeting", people.manager, _mace),
        ("4. the police analyst logs intelligence", people.analyst, _log_intelligence),
        ("5. the manager assigns it", people.manager, _assign_intelligence),
        ("6. the practitioner answers it and records sharing decisions", people.worker,
         _answer_and_share),
        ("7. the auditor sees every step", people.auditor, _audit),
    ]  # fmt: skip
    for name, account, step in steps:
        sign_in(page, account)
        try:
            step(page, borough, people, journey, axe_check, screenshot)
        except AssertionError as failed:
            raise AssertionError(f"step {name} failed (at {page.url}): {failed}") from failed
        except Exception as failed:
            raise AssertionError(f"step {name} failed (at {page.url}): {failed!r}") from failed
        _sign_out(page)


def _refer(
    page: Any,
    child: Child,
    people: People,
    journey: Journey,
    axe_check: Callable[..., Any],
    screenshot: Callable[..., Any],
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Front door", exact=True).click()
    axe_check(page)
    page.get_by_role("link", name="Make a referral from a school").click()
    page.wait_for_url("**/front-door/refer/school/")
    axe_check(page)
    page.get_by_label("First name").fill(child.forename)
    page.get_by_label("Last name").fill(child.surname)
    page.get_by_label("Year", exact=True).fill(str(child.birth_year))
    page.get_by_label("School or college").fill("Midshire Academy")
    page.get_by_label("What has happened, and what worries you").fill(
        "Collected from school by different older men in cars; missing lessons after lunch."
    )
    page.get_by_label("Permanently excluded").check()
    family = page.get_by_role("group", name="Does the child's family know about this referral?")
    family.get_by_label("Not known").check()
    page.get_by_label("Not asked, because asking could put the child").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Your name").fill("Pat Teacher")
    page.get_by_label("Telephone number").fill("01632 960000")
    axe_check(page)
    page.get_by_role("button", name="Send the referral").click()
    page.wait_for_url("**/front-door/contacts/REF-*/")
    assert "Referral sent" in _banner(page), "the referral was not sent"
    journey.contact = _reference(page)
    axe_check(page)
    screenshot(page, "casework-1-referral-sent")


def _screen(
    page: Any,
    child: Child,
    people: People,
    journey: Journey,
    axe_check: Callable[..., Any],
    screenshot: Callable[..., Any],
) -> None:
    contact = journey.contact
    page.get_by_role("link", name="Front door", exact=True).click()
    page.goto("/front-door/queue/")
    axe_check(page)
    page.get_by_role("link", name=contact).click()
    page.get_by_role("button", name="Start screening").click()
    page.wait_for_url(f"**/contacts/{contact}/")
    axe_check(page)

    page.get_by_role("link", name="Link the child to the person index").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    found = page.locator(f'input[name="child"][value="{child.person_id}"]')
    expect(found, f"the index search did not find {child.person_id}").to_have_count(1)
    found.check()
    axe_check(page)
    screenshot(page, "casework-2-link-child")
    page.get_by_role("button", name="Save and return to the contact").click()
    page.wait_for_url(f"**/contacts/{contact}/")

    page.get_by_role("link", name="RAG rating", exact=True).click()
    axe_check(page)
    page.get_by_label("Red").check()
    page.get_by_label("Rationale").fill("Older men collecting the child; the police know one car.")
    page.get_by_role("button", name="Save the rating").click()
    page.wait_for_url(f"**/contacts/{contact}/")

    page.get_by_role("link", name="Decision", exact=True).click()
    axe_check(page)
    page.get_by_label("Open a case for the specialist team").check()
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**/contacts/{contact}/")
    assert "is decided" in _banner(page), "the decision was not recorded"
    axe_check(page)
    screenshot(page, "casework-3-contact-decided")
    case_link = page.locator("dl a", has_text="CASE-")
    expect(case_link, "the decided contact does not link to its case").to_have_count(1)
    journey.case = case_link.inner_text().strip()
    case_link.click()
    page.wait_for_url(f"**/cases/{journey.case}/")
    main = page.locator("main").inner_text()
    assert f"Child {child.person_id}" in main and f"referral {contact}" in main
    axe_check(page)
    screenshot(page, "casework-4-case-opened")


def _mace(
    page: Any,
    child: Child,
    people: People,
    journey: Journey,
    axe_check: Callable[..., Any],
    screenshot: Callable[..., Any],
) -> None:
    from joinedup.web.records.models import Agency, Place

    # The case waits, unallocated, for a manager.
    page.get_by_role("link", name="Cases", exact=True).click()
    page.get_by_role("link", name="Unallocated cases (1)").click()
    axe_check(page)
    page.get_by_role("link", name=journey.case).click()
    page.get_by_role("link", name="Allocate the case").click()
    axe_check(page)
    page.get_by_label("Team").select_option(label=people.team)
    page.get_by_label("Worker").select_option(str(people.worker.user.pk))
    page.get_by_role("button", name="Allocate", exact=True).click()
    page.wait_for_url(f"**/cases/{journey.case}/")
    allocated = page.locator("main dl").first.inner_text()
    assert f"Jo Reid, {people.team}" in allocated, allocated
    axe_check(page)
    screenshot(page, "casework-5-case-allocated")

    # From the case to a MACE meeting: arrange one, then its agenda.
    page.get_by_role("link", name="Put the child on a MACE meeting's agenda").click()
    page.wait_for_url(f"**/meetings/?kind=operational&person={child.person_id}")
    axe_check(page)
    page.get_by_role("link", name="Arrange a meeting").click()
    page.get_by_label("Operational MACE", exact=False).check()
    meeting_day = timezone.localdate()
    _fill_date(page, "Date", meeting_day)
    page.get_by_label("Time").fill("10:30")
    page.get_by_label("Where").fill("Room 2, Civic Centre")
    page.get_by_label("Chair").select_option(str(people.manager.user.pk))
    for code in ("CSC", "POL"):
        page.get_by_label(f"{Agency.objects.get(code=code).name} ({code})").check()
    axe_check(page)
    page.get_by_role("button", name="Arrange the meeting").click()
    # The case's link carried the child (?person=) through arranging to the agenda.
    page.wait_for_url(f"**/meetings/MACE-*/agenda/?person={child.person_id}")
    journey.meeting = page.url.split("/meetings/", 1)[1].split("/", 1)[0]
    meeting = journey.meeting

    assert page.get_by_label("Child").input_value() == child.person_id, "child not preselected"
    page.get_by_role("button", name="Add the child").click()
    page.wait_for_url(f"**/meetings/{meeting}/agenda/")
    place = Place.objects.exclude(name="").exclude(postcode="").order_by("pk").first()
    assert place is not None, "the borough has no place with a name and a postcode"
    page.get_by_label("Find a location by name, postcode or id").fill(place.postcode)
    page.get_by_role("button", name="Find locations").click()
    axe_check(page)
    page.locator(f'form:has(input[name="place"][value="{place.pk}"]) button').click()
    page.wait_for_url(f"**/meetings/{meeting}/agenda/")
    agenda = page.locator("#agenda li")
    expect(agenda, "the child and the location are not both on").to_have_count(2)
    axe_check(page)
    screenshot(page, "casework-6-agenda")

    page.get_by_role("link", name="Start, finish or cancel").click()
    page.get_by_label("The meeting has started").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/meetings/{meeting}/")
    page.get_by_role("link", name="Attendance", exact=True).click()
    page.get_by_label("Agency").select_option("POL")
    page.get_by_label("Name", exact=True).fill("DS Sam Ward")
    page.get_by_label("Attended").check()
    page.get_by_role("button", name="Record attendance").click()
    page.wait_for_url(f"**/meetings/{meeting}/attendance/")
    assert "DS Sam Ward" in page.locator("table").inner_text()
    axe_check(page)

    page.get_by_role("link", name="Meeting", exact=True).click()
    page.get_by_role("link", name="Record item 1").click()
    axe_check(page)
    page.get_by_label("Decision").fill("Disrupt the cars collecting the child from school")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_label("What is to be done").fill("Check the registrations the school saw")
    page.get_by_label("Owner").select_option(str(people.analyst.user.pk))
    page.get_by_label("Owning agency").select_option("POL")
    _fill_date(page, "Due date", meeting_day + timedelta(days=14))
    page.get_by_role("button", name="Add the action").click()
    assert "added for Sam Ward" in _banner(page), "the action was not added"
    axe_check(page)
    screenshot(page, "casework-7-decision-and-action")

    page.get_by_role("link", name="Minutes", exact=True).click()
    page.get_by_label("Minutes").fill("Police attended. The child and the takeaway discussed.")
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("link", name="Start, finish or cancel").click()
    page.get_by_label("The meeting has been held (it has ended)").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Minutes", exact=True).click()
    axe_check(page)
    page.get_by_role("button", name="Approve the minutes").click()
    page.wait_for_url(f"**/meetings/{meeting}/")
    assert "Minutes approved" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "casework-8-minutes-approved")


def _log_intelligence(
    page: Any,
    child: Child,
    people: People,
    journey: Journey,
    axe_check: Callable[..., Any],
    screenshot: Callable[..., Any],
) -> None:
    # The action the MACE meeting gave the police is theirs to see.
    page.goto("/meetings/actions/")
    assert "Check the registrations the school saw" in page.locator("table").inner_text()
    axe_check(page)

    page.get_by_role("link", name="Intelligence", exact=True).click()
    page.get_by_role("link", name="Log an item").click()
    page.wait_for_url("**/intelligence/new/")
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Agency that received it").select_option("POL")
    page.get_by_label("A member of the public").check()
    page.get_by_label("2: Untested").check()
    page.get_by_label("B: Known indirectly to the source but corroborated").check()
    page.get_by_label("P: Lawful sharing permitted", exact=True).check()
    page.get_by_label("Summary").fill("Silver car seen collecting a child from school")
    page.get_by_label("The intelligence", exact=True).fill(
        "A parent saw a girl of about 14 get into a silver car with a man in his thirties."
    )
    page.get_by_label("Vehicle registrations").fill("ab12 cde")
    axe_check(page)
    page.get_by_role("button", name="Log the item").click()
    page.wait_for_url("**/intelligence/*/")
    journey.intelligence = _reference(page)
    assert f"{journey.intelligence} logged" in _banner(page)

    page.get_by_role("link", name="Add a child or adult from the index").click()
    page.get_by_label("Name or alias").fill(f"{child.forename} {child.surname}")
    page.get_by_role("button", name="Search").click()
    axe_check(page)
    page.get_by_label(f"How is {child.person_id} involved?").select_option("victim")
    page.get_by_role("button", name=f"Add {child.person_id}").click()
    page.wait_for_url(f"**/intelligence/{journey.intelligence}/")
    subjects = page.locator("table", has_text="Who or what").inner_text()
    assert child.person_id in subjects and "AB12CDE" in subjects, subjects
    axe_check(page)
    screenshot(page, "casework-9-intelligence-logged")


def _assign_intelligence(
    page: Any,
    child: Child,
    people: People,
    journey: Journey,
    axe_check: Callable[..., Any],
    screenshot: Callable[..., Any],
) -> None:
    page.get_by_role("link", name="Intelligence", exact=True).click()
    page.get_by_role("link", name=journey.intelligence).first.click()
    page.get_by_role("link", name="Assign").click()
    axe_check(page)
    page.get_by_label("New owner", exact=True).select_option(
        label=f"Jo Reid ({people.worker.username}), Specialist practitioner"
    )
    page.get_by_label("Note for the new owner").fill("The child's case is allocated to you")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(f"**/intelligence/{journey.intelligence}/")
    assert "assigned to Jo Reid" in _banner(page)
    axe_check(page)


def _answer_and_share(
    page: Any,
    child: Child,
    people: People,
    journey: Journey,
    axe_check: Callable[..., Any],
    screenshot: Callable[..., Any],
) -> None:
    page.goto(f"/intelligence/{journey.intelligence}/")
    page.get_by_role("button", name="Start reviewing this item").click()
    page.get_by_role("link", name="Record the response").click()
    page.wait_for_url("**/respond/")
    axe_check(page)
    page.get_by_label("Disrupt", exact=True).check()
    page.get_by_label("Disruption tactic").select_option("cawn")
    page.get_by_label("Rationale").fill("Corroborated by the school's referral and the MACE.")
    page.get_by_role("button", name="Record the response and close the item").click()
    page.wait_for_url(f"**/intelligence/{journey.intelligence}/")
    assert "Responded (closed)" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "casework-10-intelligence-answered")

    # From the child's case to a sharing decision (through the record's purpose step).
    page.get_by_role("link", name="Cases", exact=True).click()
    page.get_by_role("link", name=journey.case).click()
    page.get_by_role("link", name="Record a sharing decision about the child").click()
    page.wait_for_url(f"**/people/{child.person_id}/purpose/**")
    axe_check(page)
    page.get_by_label("Case work with the child").check()
    page.get_by_role("button", name="Continue to the record").click()
    page.wait_for_url(f"**/sharing-decisions/child/{child.person_id}/new/")
    axe_check(page)
    journey.shared = _decide(page, shared=True)
    assert "Shared" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "casework-11-shared")

    page.goto(f"/sharing-decisions/child/{child.person_id}/new/")
    journey.not_shared = _decide(page, shared=False)
    axe_check(page)
    page.get_by_role("link", name="Sharing decisions", exact=True).first.click()
    register = page.locator("main").inner_text()
    assert journey.shared in register and journey.not_shared in register, register
    axe_check(page)
    screenshot(page, "casework-12-register")


def _decide(page: Any, *, shared: bool) -> str:
    """Fill the decision form, record it, return its reference."""
    page.get_by_label("Address, whereabouts and missing episodes").check()
    page.get_by_label("Adults, places, vehicles and phones linked to the child").check()
    page.get_by_label("Describe the information").fill(
        "The car's registration and where the child is collected."
    )
    page.locator('select[name="recipient_agency"]').select_option("POL")
    page.get_by_label("Name and role of the person").fill("DC Sam Example, exploitation team")
    page.locator('input[name="purpose"][value="protect_child"]').check()
    page.locator('input[name="lawful_basis"][value="public_task"]').check()
    if shared:
        page.locator('input[name="outcome"][value="shared"]').check()
        page.get_by_label("Your reasons").fill("The police need the car to disrupt the men.")
        _fill_date(page, "Date shared", timezone.localdate())
        page.get_by_label("Time shared").fill("00:01")
        page.locator('select[name="method"]').select_option("secure_email")
        page.get_by_label("What exactly was shared").fill("The registration, by secure email.")
    else:
        page.locator('input[name="outcome"][value="not_shared"]').check()
        page.get_by_label("Your reasons").fill("The police hold this already; nothing to add.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url("**/sharing-decisions/SD-*/")
    assert "recorded" in _banner(page), _banner(page)
    return _reference(page)


def _audit(
    page: Any,
    child: Child,
    people: People,
    journey: Journey,
    axe_check: Callable[..., Any],
    screenshot: Callable[..., Any],
) -> None:
    from joinedup.web.audit.vocabulary import action_label

    expected = {
        journey.contact: ["frontdoor.contact_received", "frontdoor.screening_started",
                          "frontdoor.child_linked", "frontdoor.screened",
                          "frontdoor.decided"],
        journey.case: ["cases.open", "cases.allocate", "cases.view"],
        journey.meeting: ["meetings.create", "meetings.agenda_add", "meetings.status",
                          "meetings.attendance", "meetings.decision", "meetings.action_add",
                          "meetings.minutes_approved"],
        journey.intelligence: ["intelligence.logged", "intelligence.subject_added",
                               "intelligence.assigned", "intelligence.review_started",
                               "intelligence.responded"],
        journey.shared: ["sharing.decision_recorded"],
        journey.not_shared: ["sharing.decision_recorded"],
    }  # fmt: skip
    page.get_by_role("link", name="Audit", exact=True).click()
    axe_check(page)
    for target, actions in expected.items():
        page.get_by_label("Child or person ID").fill(target)
        page.get_by_role("button", name="Apply filters").click()
        shown = page.locator("main").inner_text()
        missing = [a for a in actions if action_label(a) not in shown]
        assert not missing, f"the audit log of {target} does not show {missing}"
        axe_check(page)
        screenshot(page, f"casework-13-audit-{target}")
    page.get_by_label("Child or person ID").fill(child.person_id)
    page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("table tbody").inner_text()
    assert people.worker.username in rows, "the practitioner's opening of the child is not shown"
    axe_check(page)
    screenshot(page, "casework-14-audit-child")
