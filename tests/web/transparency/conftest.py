"""Fixtures for the transparency app: figures counted from items the test chooses.

- `items`: figure id -> the items `count_items` returns for it (every year alike unless a
  test sets `items_by_year`); set them before publishing.
- `publisher`: an administrator (has `publish_statistics`).
- `publish(year, profile="nhs", note="")`: publish through the real path, today fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from joinedup.transparency import FinancialYear, load_figures
from joinedup.web.transparency.models import Publication
from joinedup.web.transparency.services import counting
from joinedup.web.transparency.services.publishing import publish_year

TODAY = date(2026, 11, 20)  # in 2026-27; 2024-25 and 2025-26 are complete


def child(sex: str = "Female", age: str = "13 to 15", ethnic: str = "White") -> dict[str, str]:
    return {"sex": sex, "age_band": age, "ethnic_group": ethnic}


@pytest.fixture
def items(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    chosen: dict[str, Any] = {"by_year": {}}

    def counter(figure_id: str) -> Callable[..., list[dict[str, str]]]:
        def count(figures: Any, start: Any, end: Any) -> list[dict[str, str]]:
            year = start.year if start.month >= 4 else start.year - 1
            found = chosen["by_year"].get(year, {}).get(figure_id, chosen.get(figure_id))
            return list(found or [])

        return count

    for figure in load_figures().figures:
        monkeypatch.setitem(counting.COUNTERS, figure.id, counter(figure.id))
    return chosen


@pytest.fixture
def publisher(make_user: Callable[..., Any]) -> Any:
    return make_user("administrator")


@pytest.fixture
def publish(publisher: Any, items: dict[str, Any]) -> Callable[..., Publication]:
    def run(year: int, profile: str = "nhs", note: str = "") -> Publication:
        return publish_year(publisher, FinancialYear(year), profile, note, today=TODAY)

    return run
