"""The records held page (/records/) lists agencies, record counts and import batches."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from joinedup.web.records.importing import import_export
from tests.web.conftest import SignedInClient
from tests.web.records.conftest import TinyExport

pytestmark = pytest.mark.django_db


def test_empty_system_says_how_to_import(signed_in_client: Callable[..., SignedInClient]) -> None:
    page = signed_in_client().get("/records/")
    assert page.status_code == 200
    assert "No records have been imported yet" in page.text


def test_overview_lists_agency_counts_and_batches(
    signed_in_client: Callable[..., SignedInClient], tiny: TinyExport
) -> None:
    import_export("TST", tiny.mapping, tiny.files, user="analyst.one")
    page = signed_in_client().get("/records/")
    assert page.status_code == 200
    text = page.text
    assert "Test Constabulary (TST)" in text
    assert "analyst.one" in text
    row = text.split("Test Constabulary (TST)")[1].split("</tr>")[0]
    cells = [c.split(">")[-1] for c in row.split("</td>")[:-1]]
    # kind, then persons, events, places, vehicles, phones, organisations
    assert cells[1:] == ["3", "2", "1", "1", "0", "0"]
