"""Counts by theme and period, only ever shown protected by a disclosure profile."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from joinedup.web.themes.services.coding import code_item
from joinedup.web.themes.services.counts import counts_table, periods_of
from joinedup.web.themes.services.items import account_item, document_item
from joinedup.web.themes.services.protect import chosen_profile, protect, table_csv
from tests.web.themes.conftest import Setting

pytestmark = pytest.mark.django_db


def _row(table: Any, label: str) -> dict[str, int]:
    names = [labels[0] for labels in table.layout.row_labels]
    return dict(zip(table.layout.count_columns, table.counts[names.index(label)], strict=True))


def test_periods_run_from_the_first_to_the_last_without_gaps() -> None:
    assert periods_of([1994, 2013], "decade") == ["1990s", "2000s", "2010s"]
    assert periods_of([2001, 2003], "year") == ["2001", "2002", "2003"]
    assert periods_of([], "decade") == []


def test_an_account_counts_in_every_decade_it_describes_and_once_in_any_period(
    setting: Setting, account: Callable[..., Any], document: Callable[..., Any]
) -> None:
    code = setting.code("missing-from-home-care")
    spanning = account_item(setting.inquiry, account("a", (1996, 2004)).pk)
    undated = account_item(setting.inquiry, account("b").pk)
    letter = document_item(setting.inquiry, document("c", dated=date(2003, 1, 1)).pk)
    for item in (spanning, undated, letter):
        code_item(setting.coder, item, code, "", 1, "")
    code_item(setting.coder, spanning, code, "", 1, "coded twice: still one item")
    table = counts_table(setting.inquiry, "decade")
    assert table.layout.count_columns == ("1990s", "2000s", "Period not known", "Any period")
    assert _row(table, "Missing from home or care") == {
        "1990s": 1,
        "2000s": 2,
        "Period not known": 1,
        "Any period": 3,
    }
    assert (
        _row(counts_table(setting.inquiry, "decade", "documents"), "Missing from home or care")[
            "Any period"
        ]
        == 1
    )
    years = counts_table(setting.inquiry, "year", "accounts")
    assert years.layout.count_columns[0] == "1996" and len(years.layout.count_columns) == 11


def test_an_account_whose_survivor_withdraws_research_consent_stops_counting(
    setting: Setting, account: Callable[..., Any]
) -> None:
    from django.utils import timezone

    from joinedup.web.survivors.models import ConsentRecord

    anonymised = account("a", (2001, 2001))
    code = setting.code("school-exclusion")
    code_item(setting.coder, account_item(setting.inquiry, anonymised.pk), code, "", 1, "")
    assert _row(counts_table(setting.inquiry), "School exclusion and absence")["Any period"] == 1
    now = timezone.now()
    ConsentRecord.objects.create(
        account=anonymised.account,
        research_use=False,
        source="staff",
        asked_at=now,
        recorded_at=now,
    )
    assert _row(counts_table(setting.inquiry), "School exclusion and absence")["Any period"] == 0


def test_small_counts_are_suppressed_with_a_reason_and_never_downloaded(
    setting: Setting, account: Callable[..., Any]
) -> None:
    code = setting.code("threats-violence")
    for n in range(12):
        item = account_item(setting.inquiry, account(f"t{n}", (1990 + n % 2 * 10, None)).pk)
        code_item(setting.coder, item, code, "", 1, "")
    raw = counts_table(setting.inquiry)
    assert _row(raw, "Threats and violence") == {
        "1990s": 6,
        "2000s": 6,
        "Period not known": 0,
        "Any period": 12,
    }
    (table,) = protect([raw], chosen_profile("no-such-profile"))
    assert table.profile_id == "ons10 v1"
    assert table.value("Threats and violence", "1990s") == "c"
    assert table.value("Threats and violence", "Any period") == "10"
    reasons = {(row, column): reason for row, column, reason in table.reasons}
    assert reasons[("Threats and violence", "1990s")].startswith("primary: 1–9 suppressed")
    assert "6" not in reasons[("Threats and violence", "1990s")]
    rows = list(csv.reader(io.StringIO(table_csv(table))))
    assert rows[0] == ["Theme", "1990s", "2000s", "Period not known", "Any period"]
    threats = next(r for r in rows if r[0] == "Threats and violence")
    assert threats == ["Threats and violence", "c", "c", "0", "10"]
