"""Redacting a document end to end: a reviewer runs the suggestions and decides each
with a ground and a reason (after an error), a second reviewer checks every decision
and produces copies, someone named to approve releases them stage by stage, and a core
participant reads the copy with the child's name replaced by a cipher. axe runs on
every page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount

TEXT = "Jade Smith told the officer that Kyle Brown drove her home."


def _setup(make_account: Callable[..., BrowserAccount]) -> dict[str, Any]:
    from joinedup.web.inquiry.models import InquiryStaff
    from joinedup.web.people.models import Person
    from tests.web.redaction.helpers import make_document, make_participant, make_person

    reviewer, checker, approver = (
        make_account(role="inquiry_team", first_name=n, last_name="Reviewer")
        for n in ("Ria", "Cal", "Ada")
    )
    from django.utils import timezone

    from joinedup.web.inquiry.models import Inquiry

    inquiry = Inquiry.objects.create(
        title="Invented inquiry", created_at=timezone.now(), created_by=reviewer.user
    )
    for account in (reviewer, checker, approver):
        InquiryStaff.objects.create(
            inquiry=inquiry, user=account.user, named_at=timezone.now(),
            approves_releases=account is approver,
        )  # fmt: skip
    make_person("P-0000001", "Jade", "Smith")
    make_person("P-0000002", "Kyle", "Brown")
    Person.objects.filter(person_id="P-0000001").update(age_group="child")
    version = make_document(inquiry, reviewer.user, TEXT)
    participant = make_account(role="core_participant", first_name="Pat", last_name="Cole")
    make_participant(inquiry, participant.user)
    return {"reviewer": reviewer, "checker": checker, "approver": approver,
            "participant": participant, "version": version}  # fmt: skip


def _as(page: Any, sign_in: Callable[[Any, BrowserAccount], None], who: BrowserAccount) -> None:
    page.context.clear_cookies()
    sign_in(page, who)


def test_a_document_is_redacted_checked_produced_and_released_to_core_participants(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.redaction.models import Production

    made = _setup(make_account)
    version = made["version"]

    _as(page, sign_in, made["reviewer"])
    page.goto("/inquiry/redaction/")
    axe_check(page)
    page.get_by_role("link", name=version.document.reference).click()
    axe_check(page)
    page.get_by_role("button", name="Suggest redactions").click()
    axe_check(page)
    page.get_by_role("button", name="Suggest redactions").click()
    page.get_by_role("button", name="Review the suggestions").click()
    expect(page.locator("mark")).to_contain_text("Jade Smith")
    axe_check(page)
    screenshot(page, "redaction-decide")

    page.get_by_label("Accept: redact it").check()
    page.get_by_role("button", name="Save and go to the next").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    axe_check(page)
    screenshot(page, "redaction-decide-error")
    page.get_by_label("Ground for the redaction").select_option("child")
    page.get_by_label("Reason").fill("A child: known by a cipher only.")
    page.get_by_role("button", name="Save and go to the next").click()

    expect(page.locator("mark")).to_contain_text("Kyle Brown")
    page.get_by_label("Reject: leave it in").check()
    page.get_by_label("Reason").fill("Convicted: the inquiry names the convicted.")
    page.get_by_role("button", name="Save and go to the next").click()
    page.wait_for_url(f"**/versions/{version.pk}/")
    axe_check(page)

    _as(page, sign_in, made["checker"])
    page.goto(f"/inquiry/redaction/versions/{version.pk}/")
    page.get_by_role("button", name="Check the decisions").click()
    axe_check(page)
    screenshot(page, "redaction-check")
    for _ in range(2):
        page.get_by_label("Agree with the decision").check()
        page.get_by_role("button", name="Save and go to the next").click()
    page.wait_for_url(f"**/versions/{version.pk}/")
    expect(page.locator("main")).to_contain_text("every decision is checked")
    for stage in ("Inquiry team", "Core participants"):
        page.goto(f"/inquiry/redaction/versions/{version.pk}/")
        page.get_by_label(stage, exact=True).check()
        page.get_by_role("button", name="Produce the copy").click()
        axe_check(page)
    expect(page.locator("main")).to_contain_text(
        "CH-1 told the officer that Kyle Brown drove her home."
    )
    screenshot(page, "redaction-produced")

    _as(page, sign_in, made["approver"])
    for production in Production.objects.order_by("pk"):
        page.goto(f"/inquiry/redaction/productions/{production.pk}/")
        page.get_by_role("button", name="Approve for").click()
        expect(page.locator(".govuk-notification-banner").first).to_contain_text("Success")
        axe_check(page)
    screenshot(page, "redaction-released")

    _as(page, sign_in, made["participant"])
    page.goto("/inquiry/released/")
    axe_check(page)
    page.get_by_role("link", name=version.document.reference).click()
    body = page.locator("main").inner_text()
    assert "CH-1 told the officer that Kyle Brown drove her home." in body
    assert "Jade" not in body
    axe_check(page)
    screenshot(page, "redaction-participant-reads")
