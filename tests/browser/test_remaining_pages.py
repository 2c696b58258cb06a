"""axe-core on the pages the journeys do not walk through: a child's network and contexts,
the records held, API tokens, the entity review tab, and verifying the audit chain.

Together with test_public_pages, test_sign_in, test_child_journey and
test_dashboard_and_review, every GOV.UK page of the service is checked by axe-core.
Django's own administration pages (/admin/, administrators only) are not: they are
Django's, not ours (docs/accessibility.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import BrowserAccount
from tests.browser.test_child_journey import (  # noqa: F401  (fixtures)
    PURPOSE,
    Journey,
    _allocate,
    _forget_cached_tables,
    borough_files,
    journey,
)


@pytest.fixture
def linked_borough(transactional_db: None, small_borough: Path) -> Iterator[None]:
    """The 150-child test borough imported and linked: its children have networks."""
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    manifest = json.loads((small_borough / "manifest.json").read_text())
    for export in manifest["exports"]:
        files = [small_borough / f for f in export["files"]]
        import_export(export["agency"], small_borough / export["mapping"], files, user="test")
    link_everyone("test")
    _forget_cached_tables()
    yield
    _forget_cached_tables()


def test_a_childs_network_and_contexts_pages_pass_axe(
    page: Any,
    linked_borough: None,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    child = _most_connected_child()
    account = make_account(role="specialist_practitioner")
    _allocate(child, account.user)
    sign_in(page, account)
    page.goto(f"/people/{child}/network/")
    page.get_by_label(PURPOSE).check()
    page.get_by_role("button", name="Continue to the record").click()
    page.wait_for_url(f"**/people/{child}/network/")
    assert page.locator("main table").count() >= 1  # the accessible table beside the diagram
    axe_check(page)
    screenshot(page, "pages-network")
    page.get_by_role("link", name="Contexts", exact=True).click()
    page.wait_for_url(f"**/people/{child}/contexts/")
    axe_check(page)
    screenshot(page, "pages-contexts")


def _most_connected_child() -> str:
    """The child known to the police recorded in events with the most other people."""
    from django.db.models import Count

    from joinedup.web.people.models import Person

    found = (
        Person.objects.filter(age_group="child", active=True)
        .filter(links__source_person__agency__code="POL")
        .annotate(others=Count("links__source_person__events__event__participants"))
        .order_by("-others", "person_id")
        .values_list("person_id", flat=True)
        .first()
    )
    assert found is not None
    return str(found)


def test_records_held_api_tokens_and_entity_review_pages_pass_axe(
    page: Any,
    journey: Journey,  # noqa: F811
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    sign_in(page, make_account(role="police_analyst"))
    for path, name in (
        ("/records/", "pages-records-held"),
        ("/account/api-tokens/", "pages-api-tokens"),
        ("/review/entities/", "pages-entity-review"),
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        axe_check(page)
        screenshot(page, name)


def test_the_auditors_verify_page_passes_axe(
    page: Any,
    journey: Journey,  # noqa: F811
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
) -> None:
    sign_in(page, make_account(role="auditor"))
    response = page.goto("/audit/verify/")
    assert response is not None and response.status == 200
    assert "chain" in page.locator("main").inner_text().lower()
    axe_check(page)
    screenshot(page, "pages-audit-verify")
