"""The public site in Chromium: an administrator previews and publishes a year, then anyone
(signed out) reads the key figures, a figure's chart beside its table, downloads its CSV
and reads the annual report. axe runs on every page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount

GIRL = {"sex": "Female", "age_band": "13 to 15", "ethnic_group": "White"}
BOY = {"sex": "Male", "age_band": "16 to 17", "ethnic_group": "Not known"}


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Referrals and flagged children from chosen items (the records are not needed)."""
    from joinedup.web.transparency.services import counting

    chosen = {"referrals": [GIRL] * 3 + [BOY] * 24, "children_flagged": [GIRL] * 12 + [BOY] * 9}
    for figure_id in list(counting.COUNTERS):
        monkeypatch.setitem(counting.COUNTERS, figure_id,
                            lambda f, s, e, i=figure_id: list(chosen.get(i, [])))  # fmt: skip


def test_publish_a_year_then_read_it_on_the_public_site(
    page: Any,
    counted: None,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    sign_in(page, make_account("administrator"))
    page.goto("/transparency/")
    axe_check(page)
    page.locator("fieldset", has_text="Which year?").locator(".govuk-radios__item").nth(1).locator(
        "input"
    ).check()
    page.get_by_role("button", name="Preview the figures").click()
    page.get_by_role("heading", name="Preview:").wait_for()
    axe_check(page)
    screenshot(page, "transparency-preview")
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Success").wait_for()

    page.context.clear_cookies()  # signed out: the public site needs no sign-in
    page.goto("/public/")
    page.get_by_role("heading", name="Child exploitation: our figures and reports").wait_for()
    expect(page.locator(".app-key-figure").first).to_be_visible()
    axe_check(page)
    screenshot(page, "public-home")

    page.get_by_role("link", name="Referrals to the front door").first.click()
    page.get_by_role("heading", name="Referrals to the front door", level=1).wait_for()
    chart = page.locator("svg.app-chart").first
    assert chart.get_attribute("role") == "img"
    assert "* (not published)" in chart.inner_html()
    expect(page.locator("#table-by-sex")).to_be_visible()
    axe_check(page)
    screenshot(page, "public-figure")
    with page.expect_download() as download:
        page.locator("#table-by-sex ~ p a", has_text="Download this table as CSV").first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "sex,Referrals"

    page.goto("/public/publications/")
    axe_check(page)
    page.get_by_role("link", name="Annual report").first.click()
    page.get_by_role("heading", name="Annual report on child exploitation").wait_for()
    axe_check(page)
    screenshot(page, "public-annual-report")
    for path in ("/public/recommendations/", "/public/documents/", "/public/you-said-we-did/"):
        page.goto(path)
        axe_check(page)
