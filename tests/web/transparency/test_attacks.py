"""Try to identify a child from what the public site publishes — and fail.

Every attack goes through the real publication path (count → protect every table of the
year together → store) and reads only the stored, published tables, with an intruder
written apart from the package (intruder.py). A primary-suppressed count a is safe when
the intruder cannot narrow it to less than [a - min(p, a), a + p], p being the profile's
protection (nhs 3, ons10 4, dfe 2): for a count of p or less they cannot even tell that
anyone is there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.transparency.models import Publication
from tests.web.transparency.conftest import child
from tests.web.transparency.intruder import Cell, attack, cell

pytestmark = pytest.mark.django_db

PROTECTION = {"nhs": 3, "ons10": 4, "dfe": 2}
SYMBOL = {"nhs": "*", "ons10": "c", "dfe": "c"}


def assert_protected(
    found: dict[Cell, tuple[int, float]], target: Cell, count: int, profile: str
) -> None:
    p = PROTECTION[profile]
    assert target in found, f"{target} was published: {count} is in the suppressed band"
    low, high = found[target]
    assert low <= count - min(p, count), f"{target}: at least {low}, the count is {count}"
    assert high >= count + p, f"{target}: at most {high}, the count is {count}"


def published_value(made: Publication, name: str, row: str) -> str:
    table = next(t for t in made.tables if t["name"] == name)
    return next(str(r["values"][0]) for r in table["rows"] if " / ".join(r["labels"]) == row)


@pytest.mark.parametrize("profile", ["nhs", "ons10", "dfe"])
def test_a_breakdown_against_its_total_gives_no_small_count_away(
    items: dict[str, Any], publish: Callable[..., Publication], profile: str
) -> None:
    # One girl referred among many boys: Total minus Male would be her, but for protection
    items["referrals"] = [child("Female")] + [child("Male", "16 to 17")] * 23
    made = publish(2025, profile)
    found = attack({"first": made.tables}, profile)
    assert_protected(found, cell("first", "referrals", "2025-26", sex="Female"), 1, profile)


@pytest.mark.parametrize("profile", ["nhs", "dfe"])
def test_sex_by_ethnic_group_against_sex_and_ethnic_group_gives_no_child_away(
    items: dict[str, Any], publish: Callable[..., Publication], profile: str
) -> None:
    # The only Black girl flagged: in the sex × ethnic-group table, and in both margins
    items["children_flagged"] = (
        [child("Female", ethnic="Black, Black British, Black Welsh, Caribbean or African")]
        + [child("Female")] * 14
        + [child("Male")] * 16
        + [child("Male", ethnic="Black, Black British, Black Welsh, Caribbean or African")] * 11
    )
    made = publish(2025, profile)
    tables = [t for t in made.tables if t["name"].startswith("children_flagged")]
    found = attack({"first": tables}, profile)
    black = "Black, Black British, Black Welsh, Caribbean or African"
    assert_protected(found, cell("first", "children_flagged", "2025-26", sex="Female",
                                 ethnic_group=black), 1, profile)  # fmt: skip


@pytest.mark.parametrize("profile", ["nhs", "dfe"])
def test_differencing_two_years_cannot_find_the_child_added(
    items: dict[str, Any], publish: Callable[..., Publication], profile: str
) -> None:
    # 2025-26 has the same children as 2024-25 and one more: a boy of Mixed ethnicity
    cohort = [child("Female")] * 18 + [child("Male", "16 to 17")] * 17
    items["by_year"] = {
        2024: {"children_discussed_at_mace": cohort},
        2025: {"children_discussed_at_mace": [*cohort, child("Male", "10 to 12",
                                                            "Mixed or Multiple ethnic groups")]},
    }  # fmt: skip
    years = {"2024": publish(2024, profile), "2025": publish(2025, profile)}
    tables = {k: [t for t in p.tables if t["name"].startswith("children_discussed_at_mace")]
              for k, p in years.items()}  # fmt: skip
    found = attack(tables, profile, never_below=[("2024", "2025")])
    mace = "children_discussed_at_mace"
    assert_protected(
        found,
        cell("2025", mace, "2025-26", ethnic_group="Mixed or Multiple ethnic groups"),
        1,
        profile,
    )
    assert_protected(found, cell("2025", mace, "2025-26", age_band="10 to 12"), 1, profile)


@pytest.mark.parametrize("profile", ["nhs", "dfe"])
def test_a_correction_against_the_publication_it_replaces_gives_no_child_away(
    items: dict[str, Any], publish: Callable[..., Publication], profile: str
) -> None:
    items["referrals"] = [child("Female")] * 2 + [child("Male")] * 30
    first = publish(2025, profile)
    items["referrals"] = [child("Female")] * 3 + [child("Male")] * 30  # one girl recorded late
    correction = publish(2025, profile, note="A referral recorded late is now counted.")
    mine = [t for t in first.tables if t["name"].startswith("referrals ")]
    theirs = [t for t in correction.tables if t["name"].startswith("referrals ")]
    # Whatever the first hid, the correction hides too
    for old, new in zip(mine, theirs, strict=True):
        for a, b in zip(old["rows"], new["rows"], strict=True):
            for x, y in zip(a["values"], b["values"], strict=True):
                assert x.isdigit() or not y.isdigit(), f"{old['name']} {a['labels']}: {x} then {y}"
    found = attack({"first": mine, "correction": theirs}, profile,
                   never_below=[("first", "correction")])  # fmt: skip
    assert_protected(found, cell("first", "referrals", "2025-26", sex="Female"), 2, profile)
    assert_protected(found, cell("correction", "referrals", "2025-26", sex="Female"), 3, profile)


EDGES = {
    # profile: (count, what the Female row publishes) at the edges of the suppressed band
    "nhs": [(0, "0"), (1, "*"), (7, "*"), (8, "10"), (12, "10"), (13, "15")],
    "ons10": [(0, "0"), (1, "c"), (9, "c"), (10, "10"), (11, "10")],
    "dfe": [(0, "0"), (1, "c"), (5, "c"), (6, "6"), (7, "7")],
}


@pytest.mark.parametrize(("profile", "count", "shown"),
                         [(p, n, s) for p, cases in EDGES.items() for n, s in cases])  # fmt: skip
def test_every_profile_at_the_edges_of_its_band_through_the_publication_path(
    items: dict[str, Any], publish: Callable[..., Publication], profile: str, count: int, shown: str
) -> None:
    # With 40 boys, the total would reveal a suppressed count of girls without protection
    items["referrals"] = [child("Female")] * count + [child("Male")] * 40
    made = publish(2025, profile)
    assert published_value(made, "referrals 2025-26 by-sex", "Female") == shown
    reasons = {
        r["row"]: r["reason"] for r in made.reasons if r["table"] == "referrals 2025-26 by-sex"
    }
    if shown == SYMBOL[profile]:
        assert reasons["Female"].startswith("primary")
        found = attack({"first": made.tables}, profile)
        assert_protected(found, cell("first", "referrals", "2025-26", sex="Female"), count, profile)
    elif count == 0:
        assert "Female" not in reasons  # a true zero is published as it is, with no reason
    elif profile != "dfe":
        assert reasons["Female"].startswith("rounded to the nearest")
