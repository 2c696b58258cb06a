"""Coding an anonymised account in the browser: load the codebook, code an excerpt (an
error first), see it marked with its label, then the protected counts and their chart.
axe runs on every page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount


def test_the_inquiry_team_codes_an_account_and_reads_the_protected_counts(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from joinedup.web.themes.models import Coding
    from tests.web.themes.objects import make_account as make_survivor_account
    from tests.web.themes.objects import make_inquiry

    staff = make_account(role="inquiry_team", first_name="Imogen", last_name="Hart")
    inquiry = make_inquiry(staff.user, "Browser themes inquiry")
    anonymised = make_survivor_account(
        inquiry,
        staff.user,
        "He said he was my boyfriend.\nHe gave us vodka in the flat.",
        (1998, 2003),
        quote=True,
    )

    sign_in(page, staff)
    page.goto(f"/inquiry/themes/{inquiry.pk}/")
    axe_check(page)
    page.get_by_role("link", name="Load the starting codebook").click()
    axe_check(page)
    page.get_by_role("button", name="Add 18 codes").click()
    page.wait_for_url(f"**/inquiry/themes/{inquiry.pk}/")
    assert "18 codes added" in page.locator(".govuk-notification-banner").inner_text()
    axe_check(page)
    screenshot(page, "themes-codebook")

    page.get_by_role("link", name="Accounts and documents to code").click()
    page.get_by_role("link", name=anonymised.reference).click()
    axe_check(page)
    page.get_by_label("Code", exact=True).select_option(label="— Alcohol and drugs used to control")
    page.get_by_label("Excerpt (optional)").fill("gave us gin")
    page.get_by_role("button", name="Add coding").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("not in the text")
    axe_check(page)
    page.get_by_label("Code", exact=True).select_option(label="— Alcohol and drugs used to control")
    page.get_by_label("Excerpt (optional)").fill("gave us vodka")
    page.get_by_label("Memo (optional)").fill("Control through alcohol")
    page.get_by_role("button", name="Add coding").click()
    page.wait_for_url(f"**/accounts/{anonymised.pk}/")
    assert page.locator("mark.themes-excerpt").inner_text() == "gave us vodka"
    assert Coding.objects.get().memo == "Control through alcohol"
    axe_check(page)
    screenshot(page, "themes-item")

    page.goto(f"/inquiry/themes/{inquiry.pk}/counts/")
    assert "ons10 v1" in page.locator("main").inner_text()
    expect(page.locator("svg.themes-chart")).to_have_count(1)
    axe_check(page)
    screenshot(page, "themes-counts")
