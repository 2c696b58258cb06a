"""A practitioner's dashboard, then the review queue: open a pair and confirm the link."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount


@pytest.fixture
def linked_borough(
    transactional_db: None,
    small_borough: Path,
    manifest: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The small borough imported, linked (pairs from 0.05 queued for review, so there
    are several), screened and networked in the live database."""
    from joinedup.web.analysis.network import network_everyone
    from joinedup.web.analysis.screening import screen_everyone
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    monkeypatch.setenv("JOINEDUP_DATA_DIR", str(tmp_path / "data"))
    for export in manifest["exports"]:
        files = [small_borough / f for f in export["files"]]
        import_export(export["agency"], small_borough / export["mapping"], files, user="test")
    link_everyone("test", review_from=0.05)
    screen_everyone("test", as_of=date(2020, 6, 30))
    network_everyone("test")


def _allocate_prompted_children(user: Any) -> list[str]:
    from joinedup.web.access.models import Allocation
    from joinedup.web.analysis.models import ScreeningResult

    prompted = ScreeningResult.objects.filter(suggested_grade__in=["moderate", "significant"])
    for result in prompted:
        Allocation.objects.create(person=result.person, user=user, allocated_from=date(2025, 1, 1))
    return [r.person.person_id for r in prompted]


def test_a_practitioner_sees_their_dashboard_and_confirms_a_link(
    page: Any,
    linked_borough: None,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.audit.models import AuditEntry
    from joinedup.web.people.models import LinkDecision, ReviewPair

    account = make_account(role="specialist_practitioner", first_name="Jo", last_name="Reid")
    prompted = _allocate_prompted_children(account.user)
    sign_in(page, account)
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard"
    prompts = page.locator("#prompts + p + table")
    for person_id in prompted:
        assert person_id in prompts.inner_text()
    expect(page.get_by_role("heading", name="Links waiting for review")).to_be_visible()
    axe_check(page)
    screenshot(page, "dashboard-practitioner")

    page.locator(".govuk-service-navigation__list").get_by_role("link", name="Review links").click()
    page.wait_for_url("**/review/")
    assert page.get_by_role("heading", level=1).inner_text() == "Review links"
    axe_check(page)
    screenshot(page, "review-queue")

    first, second = ReviewPair.objects.filter(status="open").order_by(
        "run_id", "-match_probability", "pk")[:2]  # fmt: skip
    page.get_by_role("link", name=f"Pair {first.pk}", exact=True).click()
    page.wait_for_url(f"**/review/{first.pk}/")
    expect(page.get_by_role("heading", name="Why the model scored them so")).to_be_visible()
    axe_check(page)
    screenshot(page, "review-pair")

    page.get_by_label("Same person: link the two records (must-link)").check()
    page.get_by_role("button", name="Record decision and go to the next pair").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert "Enter your reason" in page.locator(".govuk-error-summary").inner_text()
    axe_check(page)
    screenshot(page, "review-pair-without-reason")

    page.get_by_label("Your reason").fill("Same NHS number; the school confirms the move")
    page.get_by_role("button", name="Record decision and go to the next pair").click()
    page.wait_for_url(f"**/review/{second.pk}/")
    banner = page.locator(".govuk-notification-banner--success")
    assert f"Pair {first.pk}: Same person." in banner.inner_text()
    axe_check(page)
    screenshot(page, "review-next-pair")

    decision = LinkDecision.objects.get()
    assert (decision.decision, decision.decided_by) == ("must_link", account.username)
    assert AuditEntry.objects.filter(action="link.confirm", target_id=str(first.pk)).exists()


def test_a_reviewer_rejects_a_place_pair_from_the_second_tab(
    page: Any,
    linked_borough: None,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.people.models import EntityDecision, EntityReviewPair

    pairs = list(EntityReviewPair.objects.filter(status="open").order_by(
        "run_id", "-match_probability", "pk"))  # fmt: skip
    sign_in(page, make_account(role="police_analyst"))
    page.goto("/review/")
    page.get_by_role("link", name="Places, vehicles, phones and organisations").click()
    page.wait_for_url("**/review/entities/")
    axe_check(page)
    screenshot(page, "review-entity-queue")

    page.get_by_role("link", name=f"Pair {pairs[0].pk}", exact=True).click()
    page.wait_for_url(f"**/review/entities/{pairs[0].pk}/")
    axe_check(page)
    screenshot(page, "review-entity-pair")

    page.get_by_label("Different: never link the two records (cannot-link)").check()
    page.get_by_label("Your reason").fill("Different house numbers on the same street")
    page.get_by_role("button", name="Record decision and go to the next pair").click()
    following = f"**/review/entities/{pairs[1].pk}/" if len(pairs) > 1 else "**/review/entities/"
    page.wait_for_url(following)
    assert "Different entities" in page.locator(".govuk-notification-banner--success").inner_text()
    axe_check(page)
    assert EntityDecision.objects.get().decision == "cannot_link"


def test_a_manager_reads_a_break_glass_notification_on_the_dashboard(
    page: Any,
    linked_borough: None,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.access.services import grant_break_glass
    from joinedup.web.accounts.models import Team, User
    from joinedup.web.people.models import Person

    manager = make_account(role="team_manager", first_name="Priya", last_name="Shah")
    team = Team.objects.create(name="Exploitation team", manager=manager.user)
    member = User.objects.create_user(username="kim.member", role="specialist_practitioner",
                                      team=team)  # fmt: skip
    child = Person.objects.filter(age_group="child").order_by("person_id").first()
    grant_break_glass(member, child, "Called by the police out of hours about this child")
    sign_in(page, manager)
    banner = page.locator(".govuk-notification-banner")
    assert "Break-glass access used by kim.member" in banner.inner_text()
    axe_check(page)
    screenshot(page, "dashboard-manager-notification")

    page.get_by_role("button", name="Mark as read").click()
    page.wait_for_url("**/")
    expect(page.locator(".govuk-notification-banner")).to_have_count(0)
    axe_check(page)
