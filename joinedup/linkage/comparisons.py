"""The comparisons of the person model: how two agency records are compared, field by field.

Each comparison is a list of levels, tried in order; the first whose SQL holds gives the
pair's level for that field, and each level has a match weight learned from the data.
The columns are those made by `features.py` (`_l` / `_r` for the two records).

Households and twins are the classic false merge: same surname, same address, (for
twins) same date of birth, different first name. A model that treats fields as
independent adds up that agreement and merges them. The `household` comparison adds
*fixed* weights (not learned, because agreement on the other fields is exactly what
makes them look alike) in a household context (shared address or phone, same surname),
never when an identifier agrees:

- twin signature: clearly different first forename, same full date of birth, same or
  close surname, weight `TWIN_WEIGHT`: enough to outweigh surname + date of birth +
  address + phone agreement even in a small table, whose prior is higher;
- different forename with two household links (`HOUSEHOLD_WEIGHT`) or one
  (`WEAK_HOUSEHOLD_WEIGHT`); clearly different dates of birth with a shared address or
  phone (`RELATIVE_WEIGHT`, twice that with both).

"Clearly different" forenames: not equal, not nickname or spelling equivalent,
Jaro-Winkler below 0.88 and more than one edit, not an initial, not among the other
record's other forenames, not transposed with the surname nor the other's surname.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

__all__ = [
    "DOB_ALL_OTHER_M",
    "OPTIONAL_COMPARISONS",
    "address_comparison",
    "HOUSEHOLD_WEIGHT",
    "RELATIVE_WEIGHT",
    "WEAK_HOUSEHOLD_WEIGHT",
    "TWIN_WEIGHT",
    "all_comparisons",
    "date_of_birth_comparison",
    "forename_comparison",
    "household_comparison",
    "other_id_comparison",
    "postcode_comparison",
    "surname_comparison",
]

TWIN_WEIGHT = -30.0
HOUSEHOLD_WEIGHT = -15.0
RELATIVE_WEIGHT = -12.0
WEAK_HOUSEHOLD_WEIGHT = -6.0
DOB_ALL_OTHER_M = 0.003
_FIXED_U = 0.01

Level = dict[str, Any]


def _level(sql: str, label: str, **extra: Any) -> Level:
    return {"sql_condition": " ".join(sql.split()), "label_for_charts": label, **extra}


def _null_level(sql: str) -> Level:
    return _level(sql, "null", is_null_level=True)


def _fixed_level(sql: str, label: str, weight: float) -> Level:
    """A level whose weight is set, not learned: m = u * 2**weight, both fixed."""
    m = _FIXED_U * 2.0**weight
    return _level(
        sql, label, m_probability=m, u_probability=_FIXED_U,
        fix_m_probability=True, fix_u_probability=True,
    )  # fmt: skip


def _comparison(
    name: str,
    description: str,
    levels: list[Level],
    else_weight: float | None = None,
    else_level: Level | None = None,
) -> dict[str, Any]:
    if else_level is None:
        else_level = (
            _level("ELSE", "all other")
            if else_weight is None
            else _fixed_level("ELSE", "all other", else_weight)
        )
    levels = [*levels, else_level]
    return {
        "output_column_name": name,
        "comparison_description": description,
        "comparison_levels": levels,
    }


def forename_comparison() -> dict[str, Any]:
    """First forename: exact, transposed, close spelling, nickname, other names, initial.

    Close spellings (Kayleigh / Kayley) come before the nickname table, so that the
    nickname level weighs only names that merely share a root (Bob / Robert).
    """
    return _comparison("forename", "first forename", [
        _null_level("forename1_l IS NULL OR forename1_r IS NULL"),
        _level("forename1_l = forename1_r", "exact", tf_adjustment_column="forename1",
               tf_minimum_u_value=1e-3),
        _level(_TRANSPOSED, "transposed with surname"),
        _level(f"{_FORENAME_JW} >= 0.92", "Jaro-Winkler >= 0.92"),
        _level(_FORENAME_CLOSE, "Jaro-Winkler >= 0.88 or one edit"),
        _level(_NICKNAME, "nickname or other spelling"),
        _level(_OTHER_FORENAME, "in other forenames or initial"),
        _level(_CROSSED, "the other record's surname (names in the wrong fields)"),
    ])  # fmt: skip


_FORENAME_JW = "jaro_winkler_similarity(forename1_l, forename1_r)"
# Forename and surname swapped; one of the two may be mistyped.
_TRANSPOSED = """(forename1_l = surname_r
        AND jaro_winkler_similarity(surname_l, forename1_r) >= 0.9)
    OR (surname_l = forename1_r
        AND jaro_winkler_similarity(forename1_l, surname_r) >= 0.9)"""
_CROSSED = "forename1_l = surname_r OR surname_l = forename1_r"
_NICKNAME = "list_has_any(forename_roots_l, forename_roots_r)"
_FORENAME_CLOSE = f"{_FORENAME_JW} >= 0.88 OR levenshtein(forename1_l, forename1_r) <= 1"
_OTHER_FORENAME = """list_contains(forenames_all_r, forename1_l)
    OR list_contains(forenames_all_l, forename1_r)
    OR (length(forename1_l) = 1 AND starts_with(forename1_r, forename1_l))
    OR (length(forename1_r) = 1 AND starts_with(forename1_l, forename1_r))"""
_CLEARLY_DIFFERENT_FORENAMES = f"""forename1_l <> forename1_r AND NOT ({_NICKNAME})
    AND NOT ({_FORENAME_CLOSE}) AND NOT ({_OTHER_FORENAME})
    AND NOT coalesce(({_TRANSPOSED}) OR ({_CROSSED}), false)"""


_SHARED_ADDRESS = "list_has_any(postcodes_all_l, postcodes_all_r)"
_SHARED_PHONE = "list_has_any(phones_all_l, phones_all_r)"
_SAME_SURNAME = "(surname_l = surname_r OR list_has_any(surnames_all_l, surnames_all_r))"
_CLOSE_SURNAME = f"""({_SAME_SURNAME} OR surname_key_l = surname_key_r
    OR jaro_winkler_similarity(surname_l, surname_r) >= 0.8
    OR levenshtein(surname_l, surname_r) <= 1)"""
_HOUSEHOLD_LINKS = " + ".join(
    f"CAST(coalesce({link}, false) AS INTEGER)"
    for link in (_SHARED_ADDRESS, _SHARED_PHONE, _SAME_SURNAME)
)
_SAME_IDENTIFIER = """coalesce(nhs_number_l = nhs_number_r, false)
    OR coalesce(upn_l = upn_r, false) OR coalesce(pnc_id_l = pnc_id_r, false)
    OR coalesce(other_id_l = other_id_r, false)"""


# One character different: then either the year or the month and day agree; testing that
# first spares computing the edit distance for almost every pair.
_DOB_TYPO = """(dob_year_l = dob_year_r OR (dob_month_l = dob_month_r AND dob_day_l = dob_day_r))
    AND levenshtein(dob_full_l, dob_full_r) <= 1"""
_CONFLICTING_DATES = f"""dob_precision_l = 'day' AND dob_precision_r = 'day'
    AND dob_ym_l <> dob_ym_r AND NOT ({_DOB_TYPO})
    AND NOT (dob_month_l = dob_day_r AND dob_day_l = dob_month_r)"""


def household_comparison() -> dict[str, Any]:
    """Fixed evidence against merging twins and household members (module docstring)."""
    different = _CLEARLY_DIFFERENT_FORENAMES
    links = _HOUSEHOLD_LINKS
    return _comparison("household", "twins and household members", [
        _null_level(f"""forename1_l IS NULL OR forename1_r IS NULL OR ({links}) = 0
                    OR {_SAME_IDENTIFIER}"""),
        _fixed_level(f"{different} AND dob_full_l = dob_full_r AND {_CLOSE_SURNAME}",
                     "different forename, same date of birth (twin)", TWIN_WEIGHT),
        _fixed_level(f"{different} AND ({links}) >= 2",
                     "different forename, two household links", HOUSEHOLD_WEIGHT),
        _fixed_level(f"{_CONFLICTING_DATES} AND {_SHARED_ADDRESS} AND {_SHARED_PHONE}",
                     "different date of birth, shared address and phone", 2 * RELATIVE_WEIGHT),
        _fixed_level(f"{_CONFLICTING_DATES} AND ({_SHARED_ADDRESS} OR {_SHARED_PHONE})",
                     "different date of birth, shared address or phone", RELATIVE_WEIGHT),
        _fixed_level(different, "different forename, one household link", WEAK_HOUSEHOLD_WEIGHT),
    ], else_weight=0.0)  # fmt: skip


def surname_comparison() -> dict[str, Any]:
    """Surname, allowing for transposition, transliteration and change of surname.

    A spelling group (`surname_key`: Smith / Smyth, transliterations) shares the level of
    close spellings: the synthetic training data has typing errors but no such variants,
    so a level of its own would get no m from EM (and Splink's default instead).
    """
    jw = "jaro_winkler_similarity(surname_l, surname_r)"
    return _comparison("surname", "surname, aliases and previous surnames", [
        _null_level("surname_l IS NULL OR surname_r IS NULL"),
        _level("surname_l = surname_r", "exact", tf_adjustment_column="surname",
               tf_minimum_u_value=1e-3),
        _fixed_level(_TRANSPOSED, "transposed with forename (weighed in forename)", 0.0),
        _level(f"surname_key_l = surname_key_r OR {jw} >= 0.92",
               "same spelling group or Jaro-Winkler >= 0.92"),
        _level("list_has_any(surnames_all_l, surnames_all_r)", "alias or previous surname"),
        _level("levenshtein(surname_l, surname_r) <= 1", "one character different"),
        _level(f"{jw} >= 0.8", "Jaro-Winkler >= 0.8"),
    ])  # fmt: skip


def date_of_birth_comparison() -> dict[str, Any]:
    """Date of birth, with partial dates, 1 January placeholders and typing errors."""
    both_full = "dob_precision_l = 'day' AND dob_precision_r = 'day'"
    return _comparison("dob", "date of birth", [
        _null_level("dob_precision_l IS NULL OR dob_precision_r IS NULL"),
        _level("dob_full_l = dob_full_r", "exact"),
        _level("(dob_precision_l = 'month' OR dob_precision_r = 'month') AND dob_ym_l = dob_ym_r",
               "partial, same year and month"),
        _level(f"""{both_full} AND dob_year_l = dob_year_r
            AND dob_month_l = dob_day_r AND dob_day_l = dob_month_r""", "day and month swapped"),
        _level(f"{both_full} AND ({_DOB_TYPO})",
               "one character different"),
        _level("dob_ym_l = dob_ym_r", "same year and month"),
        _level("(dob_precision_l = 'year' OR dob_precision_r = 'year') AND dob_year_l = dob_year_r",
               "year only (or placeholder), same year"),
        _level("dob_year_l = dob_year_r", "same year"),
    ], else_level=_level("ELSE", "all other", m_probability=DOB_ALL_OTHER_M,
                         fix_m_probability=True))  # fmt: skip


def postcode_comparison() -> dict[str, Any]:
    """Postcode unit, any address in the history, sector, district, one character.

    "One character different" is the last level, so UK
    postcodes of one sector or district keep those levels; it catches mistyped districts
    and postcodes of other countries, which have no sector or district.
    """
    return _comparison("postcode", "postcode and address history", [
        _null_level("postcode_l IS NULL OR postcode_r IS NULL"),
        _level("postcode_l = postcode_r", "same unit", tf_adjustment_column="postcode"),
        _level("list_has_any(postcodes_all_l, postcodes_all_r)", "shared address history"),
        _level("pc_sector_l = pc_sector_r", "same sector"),
        _level("pc_district_l = pc_district_r", "same district"),
        _level("levenshtein(postcode_l, postcode_r) <= 1", "one character different"),
    ])  # fmt: skip


def _exact_comparison(column: str, description: str) -> dict[str, Any]:
    return _comparison(column, description, [
        _null_level(f"{column}_l IS NULL OR {column}_r IS NULL"),
        _level(f"{column}_l = {column}_r", "exact"),
    ])  # fmt: skip


def _identifier_comparison(column: str, description: str, m_differ: float) -> dict[str, Any]:
    """An identifier that should not differ for one person: its "differs" m is fixed."""
    typo = f"levenshtein({column}_l, {column}_r) <= 1"
    return _comparison(column, description, [
        _null_level(f"{column}_l IS NULL OR {column}_r IS NULL"),
        _level(f"{column}_l = {column}_r", "exact"),
        _level(typo, "one character different"),
    ], else_level=_level("ELSE", "different", m_probability=m_differ,
                         fix_m_probability=True))  # fmt: skip


def _overlap_comparison(column: str, description: str) -> dict[str, Any]:
    return _comparison(column, description, [
        _null_level(f"len({column}_l) = 0 OR len({column}_r) = 0"),
        _level(f"list_has_any({column}_l, {column}_r)", "any in common"),
    ])  # fmt: skip


def address_comparison() -> dict[str, Any]:
    """Free-text street address (optional column): exact, typo, most words, some words.

    Word overlap is |shared| / |union| with |union| = |left| + |right| - |shared|: "half"
    is 3 * shared >= left + right, "a quarter" 5 * shared >= left + right. (Counted with
    list_filter/list_contains, several times faster in DuckDB than list_intersect.)
    """
    jw = "jaro_winkler_similarity(address_l, address_r)"
    shared = "len(list_filter(address_tokens_l, lambda t: list_contains(address_tokens_r, t)))"
    words = "(len(address_tokens_l) + len(address_tokens_r))"
    return _comparison("address", "street address", [
        _null_level("address_l IS NULL OR address_r IS NULL"),
        _level("address_l = address_r", "exact"),
        _level(f"{jw} >= 0.92", "Jaro-Winkler >= 0.92"),
        _level(f"3 * {shared} >= {words}", "half the words in common"),
        _level(f"5 * {shared} >= {words}", "a quarter of the words in common"),
    ])  # fmt: skip


def other_id_comparison() -> dict[str, Any]:
    """Any other identifier (optional column): exact, one edit, two edits (which takes in
    two characters swapped), their weights learned, not fixed."""
    distance = "levenshtein(other_id_l, other_id_r)"
    return _comparison("other_id", "other identifier", [
        _null_level("other_id_l IS NULL OR other_id_r IS NULL"),
        _level("other_id_l = other_id_r", "exact"),
        _level(f"{distance} <= 1", "one edit"),
        _level(f"{distance} <= 2", "two edits"),
    ])  # fmt: skip


OPTIONAL_COMPARISONS: dict[str, Callable[[], dict[str, Any]]] = {
    "address": address_comparison,
    "other_id": other_id_comparison,
}


def all_comparisons(optional_columns: Collection[str] = ()) -> list[dict[str, Any]]:
    """Every comparison of the person model, in the order shown in explanations.

    The comparisons of `OPTIONAL_COMPARISONS` are added only for the optional input
    columns named in `optional_columns` (those the training data has values in).
    """
    return [
        forename_comparison(),
        surname_comparison(),
        household_comparison(),
        date_of_birth_comparison(),
        postcode_comparison(),
        _exact_comparison("sex", "sex"),
        _overlap_comparison("phones_all", "phone numbers"),
        _overlap_comparison("emails_all", "email addresses"),
        _identifier_comparison("nhs_number", "NHS number (check digit valid)", 0.002),
        _identifier_comparison("upn", "unique pupil number", 0.01),
        _identifier_comparison("pnc_id", "Police National Computer ID", 0.005),
        *(make() for name, make in OPTIONAL_COMPARISONS.items() if name in optional_columns),
    ]
