"""Each shipped profile: versioned, sourced, and its rules at the edges (0, 1, 7, 8, 9, 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinedup.disclosure import CountTable, disclose_table, load_profile, shipped_profile_names
from joinedup.errors import ConfigurationError, InputError


def publish_one(value: int, profile: str, level: str | None = None) -> str:
    table = CountTable.from_rows("one.csv", ["Group"], ["Count"], [(("A",), (value,))])
    return disclose_table(table, profile, level).table.values[0][0]


def test_three_profiles_ship_each_versioned_and_citing_sources() -> None:
    assert shipped_profile_names() == ["dfe", "nhs", "ons10"]
    for name in shipped_profile_names():
        profile = load_profile(name)
        assert profile.id == f"{name} v1"
        assert profile.sources and all(s.url.startswith("http") for s in profile.sources)


@pytest.mark.parametrize(
    ("value", "published"),
    [(0, "0"), (1, "*"), (2, "*"), (7, "*"), (8, "10"), (9, "10"), (10, "10"), (12, "10"),
     (13, "15"), (1_003, "1005")],
)  # fmt: skip
def test_nhs_suppresses_1_to_7_and_rounds_the_rest_to_5(value: int, published: str) -> None:
    assert publish_one(value, "nhs") == published


def test_nhs_national_counts_are_published_as_they_are() -> None:
    assert [publish_one(v, "nhs", "national") for v in (0, 1, 7, 8)] == ["0", "1", "7", "8"]


@pytest.mark.parametrize(
    ("value", "published"),
    [(0, "0"), (1, "c"), (7, "c"), (8, "c"), (9, "c"), (10, "10"), (12, "10"), (13, "15")],
)
def test_ons_10_5_suppresses_under_10_and_rounds_the_rest_to_5(value: int, published: str) -> None:
    assert publish_one(value, "ons10") == published


@pytest.mark.parametrize(
    ("value", "published"), [(0, "0"), (1, "c"), (5, "c"), (6, "6"), (7, "7"), (8, "8"), (10, "10")]
)
def test_dfe_local_authority_counts_suppress_1_to_5_and_are_not_rounded(
    value: int, published: str
) -> None:
    assert publish_one(value, "dfe") == published


@pytest.mark.parametrize("level", ["national", "regional"])
@pytest.mark.parametrize(
    ("value", "published"),
    [(0, "0"), (1, "k"), (4, "k"), (5, "10"), (7, "10"), (8, "10"), (9, "10"), (10, "10"),
     (14, "10"), (15, "20")],
)  # fmt: skip
def test_dfe_national_and_regional_round_to_10_with_k_for_non_zero_that_rounds_to_0(
    level: str, value: int, published: str
) -> None:
    assert publish_one(value, "dfe", level) == published


def test_an_unknown_profile_or_level_names_the_choices() -> None:
    with pytest.raises(InputError, match="dfe, nhs, ons10"):
        load_profile("scotland")
    with pytest.raises(InputError, match="national, sub-national"):
        publish_one(3, "nhs", "ward")


def test_a_profile_file_without_a_source_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\nversion: 2\ntitle: t\nsources: []\ndefault_level: any\n"
        "levels: {any: {suppress: {from: 1, to: 3, symbol: '~'}, protection: 1}}\n"
    )
    with pytest.raises(ConfigurationError, match="source"):
        load_profile(path)


def test_a_profile_file_of_ones_own_is_used_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\nversion: 2\ntitle: t\ndefault_level: any\n"
        "sources: [{title: t, url: 'https://example.org/rule', says: s}]\n"
        "levels: {any: {suppress: {from: 1, to: 3, symbol: '~'}, protection: 1}}\n"
    )
    table = CountTable.from_rows("one.csv", ["Group"], ["Count"], [(("A",), (3,)), (("B",), (4,))])
    result = disclose_table(table, load_profile(path))
    assert result.profile_id == "mine v2"
    assert [row[0] for row in result.table.values] == ["~", "4"]
