"""Signing in with two factors, the layout a signed-in user sees, and signing out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount


def test_sign_in_with_password_and_code_lands_on_the_dashboard(
    page: Any,
    live_server: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    account = make_account(role="team_manager", first_name="Priya", last_name="Shah")
    page.goto("/sign-in/")
    axe_check(page)
    sign_in(page, account)
    assert page.url == f"{live_server.url}/"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    header = page.locator("header").inner_text()
    assert "Priya Shah" in header and "Team manager" in header
    assert page.locator(".govuk-service-navigation__link[aria-current=page]").inner_text() == (
        "Dashboard"
    )
    axe_check(page)
    screenshot(page, "signed-in-dashboard")


def test_the_code_step_is_axe_clean_and_a_wrong_code_is_refused(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    account = make_account()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password", exact=True).fill(account.password)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/sign-in/code/")
    axe_check(page)
    wrong = "000000" if account.current_code() != "000000" else "111111"
    page.get_by_label("Enter your security code").fill(wrong)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert "/sign-in/code/" in page.url
    axe_check(page)
    screenshot(page, "sign-in-wrong-code")


def test_navigation_shows_only_what_the_role_may_use(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    sign_in(page, make_account(role="auditor"))
    links = page.locator(".govuk-service-navigation__list a").all_inner_texts()
    assert "Dashboard" in links
    assert "Review links" not in links  # auditors do not decide links
    screenshot(page, "navigation-auditor")


def test_sign_in_with_the_keyboard_alone(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    screenshot: Callable[[Any, str], Path],
) -> None:
    account = make_account()
    page.goto("/sign-in/")
    _tab_to(page, "id_username")
    page.keyboard.type(account.username)
    _tab_to(page, "id_password")
    page.keyboard.type(account.password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/sign-in/code/")
    _tab_to(page, "id_code")
    page.keyboard.type(account.current_code())
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    screenshot(page, "signed-in-by-keyboard")


def _tab_to(page: Any, element_id: str, limit: int = 40) -> None:
    """Press Tab until the element has focus, checking focus is visible on the way."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} was not reached with {limit} presses of Tab")


def test_htmx_requests_carry_the_csrf_token(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    browser_errors: list[str],
    screenshot: Callable[[Any, str], Path],
) -> None:
    sign_in(page, make_account())
    page.wait_for_function("window.htmx !== undefined")
    with_token = page.evaluate(
        """() => new Promise((done) => {
            document.body.addEventListener("htmx:afterRequest",
                (e) => done(e.detail.xhr.status), {once: true});
            htmx.ajax("POST", "/session/extend/", {swap: "none"});
        })"""
    )
    assert with_token == 204
    without_token = page.evaluate(
        "async () => (await fetch('/session/extend/', {method: 'POST'})).status"
    )
    assert without_token == 403
    # The browser logs the refused request; that one is expected.
    browser_errors[:] = [e for e in browser_errors if "403" not in e]
    screenshot(page, "htmx-csrf")


def test_sign_out_is_a_post_and_ends_the_session(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    sign_in(page, make_account())
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/")
    page.goto("/")
    assert "/sign-in/" in page.url
    screenshot(page, "signed-out")


def test_first_sign_in_sets_up_the_authenticator(
    page: Any,
    make_account: Callable[..., BrowserAccount],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    account = make_account()
    account.device.delete()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password", exact=True).fill(account.password)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/sign-in/set-up/")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    axe_check(page)
    screenshot(page, "set-up-two-factor")
    device = TOTPDevice.objects.get(user=account.user, confirmed=False)
    code = str(TOTP(device.bin_key).token()).zfill(6)
    page.get_by_label("Security code").fill(code)
    page.get_by_role("button", name="Confirm and sign in").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
