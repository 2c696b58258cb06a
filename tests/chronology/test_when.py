"""Dates are shown only as precisely as recorded, and sort sensibly."""

from __future__ import annotations

import pytest

from joinedup.chronology import when_from_iso


@pytest.mark.parametrize(
    ("iso", "display", "precision"),
    [
        ("2019", "2019", "year"),
        ("2023-05", "May 2023", "month"),
        ("2023-05-12", "12 May 2023", "day"),
        ("2023-05-12T23:10", "12 May 2023 23:10", "minute"),
    ],
)
def test_each_precision_has_its_display_form(iso: str, display: str, precision: str) -> None:
    when = when_from_iso(iso)
    assert (when.iso, when.display, when.precision) == (iso, display, precision)


def test_a_year_only_date_sorts_at_the_start_of_its_year() -> None:
    dates = ["2019-01-01T00:00", "2018-12-31", "2019-01-01", "2019", "2019-01"]
    ordered = sorted((when_from_iso(d) for d in dates), key=lambda w: w.sort_key())
    assert [w.iso for w in ordered] == [
        "2018-12-31",
        "2019",
        "2019-01",
        "2019-01-01",
        "2019-01-01T00:00",
    ]


def test_a_partial_date_covers_its_whole_period() -> None:
    assert str(when_from_iso("2020-02").latest) == "2020-02-29"
    assert str(when_from_iso("2019").latest) == "2019-12-31"


def test_a_malformed_date_is_refused() -> None:
    with pytest.raises(ValueError, match="not an ISO"):
        when_from_iso("12/05/2023")
