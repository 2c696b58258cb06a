"""The survivor's form end to end in Chromium, with axe on every page: every question,
check answers, send, the reference and passphrase shown once, coming back with them to
change a consent choice, and the "Leave this site" button."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount

EXIT_PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Weather</title></head><body>Weather</body></html>"
)


@pytest.fixture
def inquiry(make_account: Callable[..., BrowserAccount]) -> Any:
    from django.utils import timezone

    from joinedup.web.inquiry.models import Inquiry

    return Inquiry.objects.create(
        title="Invented inquiry into exploitation in Eastbrook",
        created_at=timezone.now(),
        created_by=make_account("inquiry_team").user,
    )


def _continue(page: Any) -> None:
    page.get_by_role("button", name="Continue").click()


def test_a_survivor_sends_an_account_and_changes_a_choice(
    page: Any,
    inquiry: Any,
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.survivors.models import Account
    from joinedup.web.survivors.services.consent import current_choices

    page.goto("/public/your-experience/")
    axe_check(page)
    screenshot(page, "survivors-start")
    page.get_by_role("button", name="Start now").click()

    page.get_by_label("What would you like to tell the inquiry?").fill(
        "An invented account, written for the browser test."
    )
    axe_check(page)
    _continue(page)
    page.get_by_label("The 1990s").check()
    axe_check(page)
    _continue(page)
    page.get_by_label("Where did it happen?").fill("Eastbrook")
    axe_check(page)
    _continue(page)
    page.get_by_label("Police").check()
    axe_check(page)
    _continue(page)
    for answer in ("Yes", "No"):  # research, quote
        page.get_by_label(answer, exact=True).check()
        axe_check(page)
        _continue(page)
    page.get_by_label("Yes, by e-mail").check()
    page.get_by_label("E-mail address").fill("invented@example.com")
    axe_check(page)
    screenshot(page, "survivors-contact")
    _continue(page)
    page.get_by_label("No", exact=True).check()
    axe_check(page)
    _continue(page)

    expect(page.get_by_role("heading", name="Check your answers before sending")).to_be_visible()
    axe_check(page)
    screenshot(page, "survivors-check")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Your account has been sent")).to_be_visible()
    axe_check(page)
    screenshot(page, "survivors-sent")
    reference = page.locator("#reference").inner_text().strip()
    passphrase = page.locator("#passphrase").inner_text().strip()
    assert re.fullmatch(r"S-[2-9A-Z]{8}", reference)
    assert re.fullmatch(r"([2-9A-Z]{4}-){3}[2-9A-Z]{4}", passphrase)
    account = Account.objects.get(reference=reference)
    assert current_choices(account).research_use is True

    page.reload()
    assert passphrase not in page.content()

    page.goto("/public/your-experience/change-your-choices/")
    axe_check(page)
    page.get_by_label("Reference").fill(reference.lower())
    page.get_by_label("Passphrase").fill(passphrase)
    _continue(page)
    expect(page.get_by_role("heading", name="Your choices")).to_be_visible()
    axe_check(page)
    page.get_by_role(
        "group", name="Can the inquiry use your account in its research?"
    ).get_by_label("No", exact=True).check()
    screenshot(page, "survivors-choices")
    page.get_by_role("button", name="Save your choices").click()
    expect(page.get_by_role("heading", name="Your choices have been saved")).to_be_visible()
    axe_check(page)
    assert current_choices(account).research_use is False


def test_the_leave_this_site_button_leaves(
    page: Any, inquiry: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE),
    )
    page.goto("/public/your-experience/question/account/")
    page.get_by_label("What would you like to tell the inquiry?").fill("Half written")
    screenshot(page, "survivors-leave")
    page.get_by_role("button", name="Emergency Leave this site").click()
    page.wait_for_url("https://www.bbc.co.uk/weather")
    expect(page).to_have_title("Weather")
