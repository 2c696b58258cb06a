"""Cohen's kappa per code between two coders over the items both coded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.themes.services.agreement import agreement, coders_of, cohen_kappa
from joinedup.web.themes.services.coding import code_item
from joinedup.web.themes.services.items import account_item
from tests.web.themes.conftest import Setting


def test_kappa_matches_a_worked_example() -> None:
    # po = 0.7; pe = (25 * 30 + 25 * 20) / 50^2 = 0.5; kappa = 0.2 / 0.5
    assert cohen_kappa(20, 5, 10, 15) == pytest.approx(0.4)
    assert cohen_kappa(10, 0, 0, 10) == pytest.approx(1.0)
    assert cohen_kappa(0, 5, 5, 0) == pytest.approx(-1.0)


def test_kappa_is_undefined_when_both_rate_everything_the_same() -> None:
    assert cohen_kappa(4, 0, 0, 0) is None
    assert cohen_kappa(0, 0, 0, 0) is None


@pytest.mark.django_db
def test_agreement_counts_only_items_both_coded(
    setting: Setting, account: Callable[..., Any]
) -> None:
    items = [account_item(setting.inquiry, account(f"Text {n}").pk) for n in range(4)]
    taxi, police = setting.code("taxis-night-time-economy"), setting.code("police-response")
    first, second = setting.coder, setting.second_coder
    for item, mine, theirs in [
        (items[0], [taxi], [taxi]),
        (items[1], [taxi], [police]),
        (items[2], [police], [police]),
        (items[3], [taxi], []),  # only the first coded it: left out
    ]:
        for code in mine:
            code_item(first, item, code, "", 1, "")
        for code in theirs:
            code_item(second, item, code, "", 1, "")
    assert [(u, n) for u, n in coders_of(setting.inquiry)] == [(first, 4), (second, 3)]
    shared, rows = agreement(setting.inquiry, first, second)
    assert shared == 3
    by_code = {row.code.key: row for row in rows}
    taxi_row = by_code["taxis-night-time-economy"]
    assert (taxi_row.both, taxi_row.first_only, taxi_row.neither) == (1, 1, 1)
    assert by_code["police-response"].kappa == pytest.approx(cohen_kappa(1, 0, 1, 1))
