"""The survivors' panel in a browser: a member proposes (after a refused empty form), the
inquiry team answers it and shares a draft, the member comments on a paragraph and reads
the answer. axe runs on every page; no page needs JavaScript to work."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount


def test_a_member_proposes_and_reads_the_inquirys_answer(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from django.utils import timezone

    from joinedup.web.inquiry.models import Inquiry
    from joinedup.web.panel import services
    from joinedup.web.panel.models import Proposal

    staff = make_account(role="inquiry_team")
    member = make_account(role="survivor_panel")
    Inquiry.objects.create(
        title="Invented inquiry", created_at=timezone.now(), created_by=staff.user
    )
    services.add_member(staff.user, member.user, "Panel member 1")
    deadline = timezone.localdate() + timedelta(days=10)
    services.share_draft(
        staff.user, services.DraftToShare("How we listen", "One.\n\nTwo.", deadline)
    )

    sign_in(page, member)
    page.goto("/panel/")
    assert "Panel member 1" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "panel-member-front-page")
    page.get_by_role("button", name="Make a proposal").click()
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give your proposal a short title")
    axe_check(page)
    page.get_by_label("An issue").check()
    page.get_by_label("Title").fill("Evening hearings")
    page.get_by_label("What you propose").fill("Hold some hearings in the evening.")
    page.get_by_label("Why it matters").fill("Many of us work in the day.")
    page.get_by_role("button", name="Send the proposal").click()
    proposal = Proposal.objects.get()
    page.wait_for_url(f"**/panel/proposals/{proposal.pk}/")
    axe_check(page)

    page.goto("/panel/drafts/")
    page.get_by_role("link", name="How we listen").click()
    axe_check(page)
    page.get_by_role("link", name="Comment on paragraph 2").click()
    expect(page.get_by_label("What is your comment about?")).to_have_value("2")
    page.get_by_label("Your comment", exact=True).fill("Say who reads what we write.")
    axe_check(page)
    page.get_by_role("button", name="Send the comment").click()
    expect(page.locator("main")).to_contain_text("Say who reads what we write.")
    axe_check(page)

    services.answer_proposal(
        staff.user,
        proposal,
        services.Answer("partly", "The venue shuts at six.", "One evening a week."),
    )
    page.goto(f"/panel/proposals/{proposal.pk}/")
    assert "One evening a week." in page.locator("main").inner_text()
    page.goto("/panel/you-said-we-did/")
    axe_check(page)
    screenshot(page, "panel-you-said-we-did")


def test_the_inquiry_team_answers_and_publishes(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from django.utils import timezone

    from joinedup.web.inquiry.models import Inquiry
    from joinedup.web.panel import services

    staff = make_account(role="inquiry_team")
    member = make_account(role="survivor_panel")
    Inquiry.objects.create(
        title="Invented inquiry", created_at=timezone.now(), created_by=staff.user
    )
    joined = services.add_member(staff.user, member.user, "Panel member 1")
    draft = services.ProposalDraft(
        "line_of_inquiry", "Taxi checks", "Look at them.", "They failed."
    )
    proposal = services.make_proposal(joined, draft)

    sign_in(page, staff)
    page.goto("/panel/")
    axe_check(page)
    page.goto(f"/panel/proposals/{proposal.pk}/answer/")
    page.get_by_role("button", name="Save the answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the answer")
    axe_check(page)
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Why (in plain words)").fill("Survivors told us the checks failed.")
    page.get_by_label("What the inquiry did, or will do").fill("We made it a line of inquiry.")
    page.get_by_label("Line of inquiry (optional)").select_option("new")
    page.get_by_label("Title of the new line of inquiry").fill("Taxi licensing")
    screenshot(page, "panel-answer")
    page.get_by_role("button", name="Save the answer").click()
    page.wait_for_url(f"**/panel/proposals/{proposal.pk}/")
    page.get_by_role("link", name='Publish in "you said, we did"').click()
    page.get_by_label("What the member said, for publication").fill(
        "Check how drivers were vetted."
    )
    page.get_by_label("What the inquiry did, for publication").fill("It is a line of inquiry.")
    axe_check(page)
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/panel/you-said-we-did/")
    axe_check(page)
    assert [i.said for i in services.you_said_we_did()] == ["Check how drivers were vetted."]
    page.goto("/panel/members/")
    axe_check(page)
    screenshot(page, "panel-members")
