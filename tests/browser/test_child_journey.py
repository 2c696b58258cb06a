"""A child's record in the browser: find, open, read, download, grade; break-glass; audit.

Each test imports a small synthetic borough (12 children, generated once for the
module), signs its user in through the real two-step pages, saves a screenshot of every
step (artifacts/browser/<database>/journey-*.png) and runs axe-core on every page.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount

SCREENING_AS_OF = date(2020, 6, 30)
PURPOSE = "Preparing for a MACE meeting"
REASON = "Police called: the child was found at an address linked to exploitation tonight."


@dataclass(frozen=True)
class Child:
    person_id: str
    forename: str  # the first forename in the children's services record
    surname: str
    nickname: str  # a nickname of the forename from the linkage name tables


@dataclass(frozen=True)
class Journey:
    child: Child  # known to children's services, with events; allocated in the test
    other: str  # another child, allocated to no one


@pytest.fixture(scope="module")
def borough_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The exports of a 12-child borough, written once; each test imports them."""
    from joinedup.synth import generate_borough

    folder = tmp_path_factory.mktemp("journey-borough")
    generate_borough(folder, children=12, years=(1995, 2025), seed=7)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("journey-data")))
        yield folder


@pytest.fixture
def journey(transactional_db: None, borough_files: Path) -> Iterator[Journey]:
    from joinedup.web.analysis.screening import screen_everyone
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    manifest = json.loads((borough_files / "manifest.json").read_text())
    for export in manifest["exports"]:
        files = [borough_files / f for f in export["files"]]
        import_export(export["agency"], borough_files / export["mapping"], files, user="test")
    link_everyone("test")
    screen_everyone("test", as_of=SCREENING_AS_OF)
    _forget_cached_tables()
    child = _child_with_a_nickname()
    yield Journey(child, _another_child(child.person_id))
    _forget_cached_tables()


def _forget_cached_tables() -> None:
    from joinedup.web.children.services.contexts import forget_cached_contexts
    from joinedup.web.children.services.tables import forget_cached_tables

    forget_cached_tables()
    forget_cached_contexts()


def _nicknames() -> dict[str, str]:
    """formal forename -> one of its nicknames (linkage/data/nicknames.csv)."""
    from joinedup.linkage.names import DATA_DIR

    lines = [
        line
        for line in (DATA_DIR / "nicknames.csv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    found: dict[str, str] = {}
    for row in csv.DictReader(lines):
        found.setdefault(row["formal"].strip().lower(), row["nickname"].strip())
    return found


def _child_with_a_nickname() -> Child:
    """The child known to children's services with most events whose name has a nickname."""
    from django.db.models import Count

    from joinedup.web.records.models import SourcePerson

    nicknames = _nicknames()
    records = (
        SourcePerson.objects.filter(agency__code="CSC", link__person__age_group="child")
        .annotate(event_count=Count("events"))
        .order_by("-event_count", "pk")
        .select_related("link__person")
    )
    for record in records:
        forename = record.forenames.split()[0] if record.forenames else ""
        nickname = nicknames.get(forename.lower())
        if nickname and nickname.lower() != forename.lower() and len(record.surname) >= 4:
            return Child(record.link.person.person_id, forename, record.surname, nickname)
    raise AssertionError("no child in the borough has a forename with a nickname")


def _another_child(other_than: str) -> str:
    from joinedup.web.people.models import Person

    found = (
        Person.objects.filter(age_group="child", active=True)
        .filter(links__source_person__agency__code="CSC")
        .exclude(person_id=other_than)
        .values_list("person_id", flat=True)
        .first()
    )
    assert found is not None
    return str(found)


def _allocate(person_id: str, user: Any) -> None:
    from joinedup.web.access.models import Allocation
    from joinedup.web.people.models import Person

    person = Person.objects.get(person_id=person_id)
    Allocation.objects.create(person=person, user=user, allocated_from=date(2025, 1, 1))


def misspelt(surname: str) -> str:
    """A typing slip: two letters in the middle of the surname swapped (Plant -> Plnat)."""
    i = len(surname) // 2
    return surname[:i] + surname[i + 1] + surname[i] + surname[i + 2 :]


def _forget_expected_403(errors: list[str]) -> None:
    """The browser logs the deliberate 403 of the refused record as a failed resource."""
    errors[:] = [e for e in errors if "status of 403" not in e]


def test_a_practitioner_finds_opens_reads_downloads_and_grades_a_child(
    page: Any,
    journey: Journey,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.analysis.grades import REVIEW_AFTER
    from joinedup.web.children.services.grades import grade_choices
    from joinedup.web.children.services.rule_files import default_scheme

    child = journey.child
    account = make_account(role="specialist_practitioner", first_name="Ayesha", last_name="Khan")
    _allocate(child.person_id, account.user)

    # 1. Two-factor sign-in: the password, then the authenticator's code.
    page.goto("/sign-in/")
    axe_check(page)
    screenshot(page, "journey-1-sign-in")
    sign_in(page, account)
    assert "Ayesha Khan" in page.locator("header").inner_text()
    axe_check(page)
    screenshot(page, "journey-2-dashboard")

    # 2. Search by a misspelt surname, then by a nickname: the index finds the child.
    page.get_by_role("link", name="Search", exact=True).click()
    axe_check(page)
    screenshot(page, "journey-3-search")
    for step, typed in (("misspelt", f"{child.forename} {misspelt(child.surname)}"),
                        ("nickname", f"{child.nickname} {child.surname}")):  # fmt: skip
        page.get_by_label("Name or alias").fill(typed)
        with page.expect_navigation():
            page.get_by_role("button", name="Search").click()
        result = page.locator(f'a[href="/people/{child.person_id}/"]')
        expect(result, f"searching {typed!r} did not find {child.person_id}").to_have_count(1)
        axe_check(page)
        screenshot(page, f"journey-4-search-{step}")

    # 3. Opening the record asks why first; the purpose is shown on every page.
    result.click()
    page.wait_for_url(f"**/people/{child.person_id}/purpose/**")
    axe_check(page)
    screenshot(page, "journey-5-purpose")
    page.get_by_role("button", name="Continue to the record").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # no purpose chosen
    page.get_by_label(PURPOSE).check()
    page.get_by_role("button", name="Continue to the record").click()
    page.wait_for_url(f"**/people/{child.person_id}/")
    assert PURPOSE in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "journey-6-identity")

    # 4. The chronology, and its PDF with the purpose printed in it.
    page.get_by_role("link", name="Chronology", exact=True).click()
    page.wait_for_url(f"**/people/{child.person_id}/chronology/")
    axe_check(page)
    screenshot(page, "journey-7-chronology")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download PDF").click()
    download = downloading.value
    content = Path(download.path()).read_bytes()
    assert download.suggested_filename == f"chronology-{child.person_id}.pdf"
    assert content.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert PURPOSE in text and child.person_id in text

    # 5. Record an agreed grade: an empty rationale is refused, error summary first.
    page.get_by_role("link", name="Screening and agreed grade").click()
    axe_check(page)
    screenshot(page, "journey-8-screening")
    page.get_by_role("link", name=re.compile(r"^Record an agreed grade")).first.click()
    axe_check(page)
    screenshot(page, "journey-9-grade-form")
    value, label = grade_choices(default_scheme())[-1]
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Record agreed grade").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    assert summary.evaluate("el => el === document.activeElement"), "summary not focused"
    first_in_section = page.locator("main .govuk-grid-column-two-thirds > *").first
    assert first_in_section.get_attribute("class") == "govuk-error-summary"
    link = summary.get_by_role("link", name="Enter the rationale: what you weighed and why")
    assert link.get_attribute("href") == "#id_rationale"
    axe_check(page)
    screenshot(page, "journey-10-grade-error")
    rationale = "Agreed at the MACE meeting: missing episodes and an older associate."
    page.get_by_label("Rationale").fill(rationale)
    page.get_by_role("button", name="Record agreed grade").click()
    page.wait_for_url(f"**/people/{child.person_id}/screening/")

    # 6. The grade is on the record with its rationale and review date.
    due = timezone.localdate() + REVIEW_AFTER
    due_text = f"{due.day} {due:%B %Y}"
    assert f"Agreed grade recorded. Review by {due_text}." in page.locator("main").inner_text()
    agreed = page.locator("dl").filter(has_text="Agreed grade").first.inner_text()
    assert label in agreed and rationale in agreed and due_text in agreed
    axe_check(page)
    screenshot(page, "journey-11-grade-recorded")

    from joinedup.web.analysis.models import AgreedGrade

    saved = AgreedGrade.objects.get(person__person_id=child.person_id)
    assert (saved.grade, saved.review_due, saved.recorded_by) == (value, due, account.username)


def test_a_manager_breaks_the_glass_and_their_manager_is_told(
    page: Any,
    browser_errors: list[str],
    journey: Journey,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.accounts.models import Team

    head = make_account(role="team_manager", first_name="Grace", last_name="Obi")
    manager = make_account(role="team_manager", first_name="Tom", last_name="Reid")
    team = Team.objects.create(name="Exploitation team", manager=head.user)
    manager.user.team = team
    manager.user.save(update_fields=["team"])
    child = journey.other

    sign_in(page, manager)
    page.goto(f"/people/{child}/")
    _forget_expected_403(browser_errors)
    expect(page.get_by_role("heading", name="You cannot open this record")).to_be_visible()
    axe_check(page)
    screenshot(page, "break-glass-1-refused")

    page.get_by_role("link", name="use break-glass access").click()
    page.wait_for_url(f"**/people/{child}/break-glass/**")
    axe_check(page)
    screenshot(page, "break-glass-2-form")
    page.get_by_role("button", name="Open the record").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter why you need to see this record now" in summary.inner_text()
    axe_check(page)
    screenshot(page, "break-glass-3-reason-required")

    page.get_by_label("Why do you need to see this record now?").fill(REASON)
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_url(f"**/people/{child}/purpose/**")
    assert "Break-glass access until" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "break-glass-4-purpose")
    page.get_by_label(PURPOSE).check()
    page.get_by_role("button", name="Continue to the record").click()
    page.wait_for_url(f"**/people/{child}/")
    assert "Break-glass access until" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "break-glass-5-record")

    # Their own manager signs in and finds the alert on the dashboard.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/**")
    sign_in(page, head)
    banner = page.locator(".govuk-notification-banner").filter(has_text="Notifications")
    text = banner.inner_text()
    assert f"Break-glass access used by {manager.username}" in text
    assert child in text and REASON in text
    axe_check(page)
    screenshot(page, "break-glass-6-manager-notified")


def test_an_auditor_sees_who_opened_the_record_and_the_break_glass(
    page: Any,
    journey: Journey,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    practitioner = make_account(role="specialist_practitioner")
    manager = make_account(role="team_manager")
    make_account(role="team_manager")  # someone to tell about the break-glass
    _allocate(journey.child.person_id, practitioner.user)
    _open_through_the_pages(practitioner, journey.child.person_id)
    _break_glass_through_the_pages(manager, journey.other)

    sign_in(page, make_account(role="auditor"))
    page.get_by_role("link", name="Audit", exact=True).click()
    page.get_by_label("Child or person ID").fill(journey.child.person_id)
    page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("table tbody tr")
    opened = rows.filter(has_text=practitioner.username).all_inner_texts()
    assert any("Allocated to them" in row for row in opened), opened
    assert len(opened) >= 2  # the opening (with its purpose) and the page seen
    axe_check(page)
    screenshot(page, "audit-1-who-saw-what")

    page.get_by_role("link", name="Access outside allocation").click()
    outside = page.locator("table tbody").inner_text()
    assert manager.username in outside and journey.other in outside
    assert practitioner.username not in outside  # opened by allocation
    axe_check(page)
    screenshot(page, "audit-2-outside-allocation")

    page.get_by_role("link", name="Break-glass uses").click()
    uses = page.locator("table tbody").inner_text()
    assert manager.username in uses and journey.other in uses and REASON in uses
    axe_check(page)
    screenshot(page, "audit-3-break-glass")


def _signed_in_client(account: BrowserAccount) -> Any:
    from django.test import Client

    from tests.web.conftest import sign_in_client

    client = Client()
    sign_in_client(client, account.user)
    return client


def _open_through_the_pages(account: BrowserAccount, person_id: str) -> None:
    client = _signed_in_client(account)
    given = client.post(f"/people/{person_id}/purpose/", {"purpose": "mace_preparation"})
    assert given.status_code == 302
    assert client.get(f"/people/{person_id}/").status_code == 200


def _break_glass_through_the_pages(account: BrowserAccount, person_id: str) -> None:
    client = _signed_in_client(account)
    granted = client.post(f"/people/{person_id}/break-glass/", {"reason": REASON})
    assert granted.status_code == 302, granted.content[:500]
    given = client.post(f"/people/{person_id}/purpose/", {"purpose": "mace_preparation"})
    assert given.status_code == 302
    assert client.get(f"/people/{person_id}/").status_code == 200
