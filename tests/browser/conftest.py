"""Browser tests: Playwright drives Debian's Chromium against a live joinedup server.

Every test under tests/browser/ is marked `browser` and `db` (so it runs on SQLite and
again on PostgreSQL in scripts/test). The browser is /usr/bin/chromium, installed by
scripts/ensure-chromium; Playwright never downloads one.

Fixtures for page tests
-----------------------
- `live_server` (pytest-django): the application on a free port, `live_server.url`.
  Tests using it get a transactional database: what a test writes is committed, so the
  server sees it, and every table is emptied after the test.
- `page`: a new browser context and page whose `base_url` is the live server, so
  `page.goto("/accessibility/")` works. It has axe-core loaded into every document.
  After the test it fails the test if the browser logged an error: a
  Content-Security-Policy violation, a JavaScript exception or a failed request.
  A test that expects such an error removes it from `browser_errors`.
- `browser_errors`: the list of those errors, filled while the test runs.
- `axe_check(page)`: run axe-core on the current page and fail with a readable list of
  the WCAG 2.0/2.1/2.2 A and AA violations. Call it on every page a test opens.
- `screenshot(page, name)`: save a full-page PNG as ARTIFACTS/<database>/<name>.png and
  return its path. ARTIFACTS is $JOINEDUP_BROWSER_ARTIFACTS, else artifacts/browser/ in
  the repository (git-ignored). Each test saves at least one. A failing test also saves
  FAILED-<test name>.png.
- `make_account(role="specialist_practitioner", **fields)`: a user with a known password
  and a confirmed authenticator (TOTP) device; returns a `BrowserAccount`.
- `sign_in(page, account)`: sign in through the real pages with the password and then
  a code computed from the device's key, ending on the page after sign-in.

Example::

    def test_search_finds_a_child(page, make_account, sign_in, axe_check, screenshot):
        sign_in(page, make_account(role="specialist_practitioner"))
        page.get_by_role("link", name="Search").click()
        axe_check(page)
        screenshot(page, "search")
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
PASSWORD = "correct horse battery staple 7"
BROWSER_DIR = Path(__file__).resolve().parent
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.db)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_failed] = report.failed
    return report


_failed = pytest.StashKey[bool]()


def artifacts_dir() -> Path:
    configured = os.environ.get("JOINEDUP_BROWSER_ARTIFACTS")
    return Path(configured) if configured else ROOT / "artifacts" / "browser"


@pytest.fixture(scope="package")
def chromium() -> Iterator[Any]:
    """Chromium, started once for tests/browser and stopped after its last test.

    Playwright's synchronous API keeps an asyncio loop running in this thread, and
    Django refuses database calls from a thread with a running loop. The tests (and the
    live server's shared in-memory SQLite connection) are synchronous, so the check is
    switched off while the browser runs, and back on for the tests that follow.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium (make test does)")
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make install` (npm ci)")
    from playwright.sync_api import sync_playwright

    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
            yield browser
            browser.close()
    finally:
        if before is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = before


@pytest.fixture
def browser_errors() -> list[str]:
    return []


@pytest.fixture
def page(
    request: pytest.FixtureRequest,
    chromium: Any,
    live_server: Any,
    browser_errors: list[str],
    screenshot: Callable[[Any, str], Path],
) -> Iterator[Any]:
    context = chromium.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    # An init script is added by the browser itself, so our CSP does not block it.
    context.add_init_script(path=str(AXE_JS))
    browser_page = context.new_page()
    browser_page.on("console", lambda m: _keep_error(browser_errors, m))
    browser_page.on("pageerror", lambda e: browser_errors.append(f"JavaScript error: {e}"))
    browser_page.on("requestfailed", lambda r: _keep_failed_request(browser_errors, r))
    try:
        yield browser_page
        if request.node.stash.get(_failed, False):
            screenshot(browser_page, f"FAILED-{request.node.name}")
    finally:
        context.close()
    assert browser_errors == [], "the browser logged errors:\n" + "\n".join(browser_errors)


def _keep_failed_request(errors: list[str], request: Any) -> None:
    # Aborted requests are the browser's own doing: a download, or a page left mid-load.
    if request.failure != "net::ERR_ABORTED":
        errors.append(f"request failed ({request.failure}): {request.method} {request.url}")


def _keep_error(errors: list[str], message: Any) -> None:
    if message.type == "error":
        errors.append(f"console error at {message.location.get('url', '?')}: {message.text}")


AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return result.violations;
}"""
# What Chromium says when the page navigates away while axe is running on it: a link or
# button clicked just before the check has not finished loading the next page yet.
NAVIGATED = ("reading 'documentElement'", "Execution context was destroyed")


@pytest.fixture
def axe_check() -> Callable[[Any], None]:
    def check(page: Any) -> None:
        violations = _run_axe(page)
        if violations:
            pytest.fail(format_violations(page.url, violations), pytrace=False)

    return check


def _run_axe(page: Any, attempts: int = 3) -> Any:
    """axe on the page once it has loaded; again if the page was still navigating."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(1, attempts + 1):
        page.wait_for_load_state("load")
        try:
            return page.evaluate(AXE_RUN, list(AXE_TAGS))
        except PlaywrightError as error:
            if attempt == attempts or not any(n in str(error) for n in NAVIGATED):
                raise
            page.wait_for_timeout(250)
    return None


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    """One paragraph per rule broken: its impact, what it means, and where."""
    lines = [f"axe-core found {len(violations)} WCAG A/AA violation(s) on {url}:"]
    for v in violations:
        tags = ", ".join(t for t in v["tags"] if t.startswith("wcag"))
        lines.append(f"- {v['id']} ({v['impact']}; {tags}): {v['help']}")
        lines.append(f"  {v['helpUrl']}")
        for node in v["nodes"][:5]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node['html'][:160]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    from django.db import connection

    folder = artifacts_dir() / connection.vendor

    def save(page: Any, name: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
        path = folder / f"{safe}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@dataclass(frozen=True)
class BrowserAccount:
    """A user the browser can sign in as: the password and the authenticator's device."""

    user: Any  # joinedup.web.accounts.models.User
    password: str
    device: Any  # django_otp TOTPDevice, confirmed

    @property
    def username(self) -> str:
        return str(self.user.username)

    def current_code(self) -> str:
        """The code the user's authenticator app would show now, as pyotp would."""
        from django_otp.oath import TOTP

        self.device.refresh_from_db()
        totp = TOTP(self.device.bin_key, self.device.step, self.device.t0, self.device.digits)
        # django-otp refuses a code whose time step was already used: wait for the next.
        while totp.t() <= self.device.last_t:
            time.sleep(0.5)
        return str(totp.token()).zfill(self.device.digits)


@pytest.fixture
def make_account(transactional_db: None) -> Callable[..., BrowserAccount]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from joinedup.web.accounts.models import User

    made = 0

    def make(role: str = "specialist_practitioner", **fields: Any) -> BrowserAccount:
        nonlocal made
        made += 1
        fields.setdefault("username", f"{role.replace('_', '.')}.{made}")
        fields.setdefault("first_name", "Sam")
        fields.setdefault("last_name", f"Tester {made}")
        user = User.objects.create_user(password=PASSWORD, role=role, **fields)
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        return BrowserAccount(user=user, password=PASSWORD, device=device)

    return make


@pytest.fixture
def sign_in() -> Callable[[Any, BrowserAccount], None]:
    def sign_in_as(page: Any, account: BrowserAccount) -> None:
        page.goto("/sign-in/")
        page.get_by_label("Username").fill(account.username)
        page.get_by_label("Password", exact=True).fill(account.password)
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/sign-in/code/**")
        page.get_by_label("Enter your security code").fill(account.current_code())
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/sign-in/" not in url)

    return sign_in_as
