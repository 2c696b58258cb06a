"""The inquiry end to end in a browser: a member of the inquiry team sets the inquiry
up (becoming its lead), adds a line of inquiry, is refused a section 21 notice because
the inquiry is not statutory, drafts a Rule 9 request instead, issues it, reads its
letter and the compliance view. axe runs on every page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount


def test_the_inquiry_team_sets_up_the_inquiry_and_issues_a_request(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.inquiry.models import EvidenceRequest
    from joinedup.web.inquiry.services import staff_may
    from joinedup.web.records.models import Agency

    Agency.objects.create(code="CSC", name="Children's social care", kind="childrens_social_care")
    member = make_account(role="inquiry_team", first_name="Imogen", last_name="Hart")
    sign_in(page, member)

    page.goto("/inquiry/")
    axe_check(page)
    page.get_by_role("button", name="Set up the inquiry").click()
    page.get_by_role("button", name="Set up the inquiry").click()
    expect(page.locator(".govuk-error-summary").first).to_contain_text("There is a problem")
    axe_check(page)
    page.get_by_label("Title").fill("Independent Inquiry into Exploitation in Testham")
    page.get_by_label("No: a non-statutory inquiry").check()
    page.get_by_label("Terms of reference").fill("To examine what agencies knew, and when.")
    page.get_by_role("button", name="Set up the inquiry").click()
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("you are its lead")
    assert staff_may(member.user, "is_lead")
    axe_check(page)
    screenshot(page, "inquiry-home")

    page.goto("/inquiry/lines/add/")
    page.get_by_label("Title").fill("What agencies knew, and when")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main").first).to_contain_text("L1")
    axe_check(page)

    page.goto("/inquiry/requests/add/")
    axe_check(page)
    page.get_by_label("Section 21 notice").check()
    page.get_by_label("Agency").select_option("CSC")
    page.get_by_label("Matters to address").fill("Your policies\nYour referral records")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Save the draft").click()
    summary = page.locator(".govuk-error-summary").first
    expect(summary).to_contain_text("no power to issue a section 21 notice")
    axe_check(page)
    page.get_by_label("Rule 9 request").check()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^R9-0001"))
    axe_check(page)

    page.get_by_role("button", name="Change the status").click()
    axe_check(page)
    page.get_by_label("Issued").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("now issued")
    assert EvidenceRequest.objects.get().status == "issued"
    axe_check(page)
    screenshot(page, "inquiry-request")

    page.get_by_role("link", name="The letter", exact=True).click()
    expect(page.locator("main").first).to_contain_text("Your referral records")
    axe_check(page)
    page.goto("/inquiry/compliance/")
    assert "Children's social care" in page.inner_text("main")
    axe_check(page)
    screenshot(page, "inquiry-compliance")
