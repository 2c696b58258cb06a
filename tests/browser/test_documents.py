"""Inquiry documents in a browser: the inquiry team uploads a letter, finds it on its
page, tags it, searches for it and sees the duplicate groups. axe runs on every page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BrowserAccount


@pytest.fixture
def inquiry(transactional_db: None) -> Any:
    from django.utils import timezone

    from joinedup.web.accounts.models import User
    from joinedup.web.inquiry.models import Inquiry, LineOfInquiry

    founder = User.objects.create_user(username="inquiry.founder", role="inquiry_team")
    now = timezone.now()
    made = Inquiry.objects.create(title="Invented inquiry", created_at=now, created_by=founder)
    LineOfInquiry.objects.create(
        inquiry=made, reference="L1", title="Missing episodes", created_at=now
    )
    return made


def test_the_inquiry_team_uploads_tags_and_finds_a_document(
    page: Any,
    inquiry: Any,
    tmp_path: Path,
    make_account: Callable[..., BrowserAccount],
    sign_in: Callable[[Any, BrowserAccount], None],
    axe_check: Callable[[Any], None],
) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("The child was reported missing from the care home on Friday.\n")
    sign_in(page, make_account("inquiry_team"))

    page.goto("/inquiry/documents/upload/")
    axe_check(page)
    page.get_by_role("button", name="Upload document").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe_check(page)
    page.get_by_label("File").set_input_files(str(letter))
    page.get_by_label("Title").fill("Letter about a missing episode")
    page.get_by_role("button", name="Upload document").click()
    page.wait_for_url("**/inquiry/documents/*/")
    expect(page.get_by_text("Added INQ000001")).to_be_visible()
    expect(page.get_by_text("reported missing from the care home")).to_be_visible()
    axe_check(page)

    page.get_by_label("Line of inquiry").select_option(label="L1 Missing episodes")
    page.get_by_role("button", name="Add tag").click()
    expect(page.get_by_text("Tagged INQ000001 L1")).to_be_visible()

    page.goto("/inquiry/documents/search/?q=missing")
    expect(page.get_by_text("1 document found.")).to_be_visible()
    expect(page.locator("mark", has_text="missing").first).to_be_visible()
    axe_check(page)

    page.goto("/inquiry/documents/upload/")
    page.get_by_label("File").set_input_files(str(letter))
    page.get_by_label("Title").fill("The same letter again")
    page.get_by_role("button", name="Upload document").click()
    expect(page.get_by_text("This exact file is already held in")).to_be_visible()
    axe_check(page)
    page.get_by_label("Add it as a new document anyway").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/inquiry/documents/*/")
    expect(page.get_by_role("cell", name="Same file")).to_be_visible()

    page.goto("/inquiry/documents/duplicates/")
    expect(page.get_by_text("Group 1: 2 documents, the same file")).to_be_visible()
    axe_check(page)
    page.goto("/inquiry/documents/")
    axe_check(page)
