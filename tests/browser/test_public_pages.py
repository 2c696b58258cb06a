"""The pages anyone can open: accessibility statement, cookies and sign-in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

PUBLIC_PAGES = [
    ("/accessibility/", "Accessibility statement for joinedup"),
    ("/public/cookies/", "Cookies"),
    ("/sign-in/", "Sign in"),
]


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES)
def test_public_page_passes_axe_and_has_the_layout(
    page: Any,
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
    path: str,
    heading: str,
) -> None:
    response = page.goto(path)
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == heading
    expect(page.get_by_role("link", name="Accessibility statement")).to_be_visible()
    assert "Synthetic data" in page.locator(".govuk-phase-banner").inner_text()
    # GOV.UK Frontend's module script ran (no inline script did it).
    assert "govuk-frontend-supported" in (page.locator("body").get_attribute("class") or "")
    axe_check(page)
    screenshot(page, f"public{path.rstrip('/').replace('/', '-')}")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(
    page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page.goto("/accessibility/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    screenshot(page, "skip-link-focused")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_axe_check_fails_on_an_inaccessible_page(
    page: Any, axe_check: Callable[[Any], None]
) -> None:
    page.goto("/accessibility/")
    page.evaluate("document.querySelector('h1').textContent = ''")
    page.evaluate("document.documentElement.removeAttribute('lang')")
    with pytest.raises(pytest.fail.Exception) as failed:
        axe_check(page)
    assert "html-has-lang" in str(failed.value)


def test_the_content_security_policy_blocks_inline_script_and_the_harness_notices(
    page: Any, browser_errors: list[str]
) -> None:
    page.goto("/accessibility/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.inlineRan = true";
            document.head.appendChild(script);
        }"""
    )
    assert page.evaluate("window.inlineRan === undefined")
    page.wait_for_function("true")
    assert any("Content Security Policy" in e for e in browser_errors), browser_errors
    browser_errors.clear()  # expected here; any other test with such an error fails
