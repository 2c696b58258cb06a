"""DuckDB SQL expressions that normalise one value each (used by `features.py`).

Each function takes the SQL of a column or lambda variable and returns the SQL of the
normalised value, NULL when nothing usable is left. They are plain SQL so that a million
rows normalise in seconds inside DuckDB, with no Python per row.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = [
    "ISO_PARTIAL_DATE",
    "address",
    "clean_list",
    "clean_name",
    "date_parts",
    "email",
    "identifier",
    "nhs_number",
    "phone_e164",
    "postcode_district",
    "postcode_sector",
    "postcode_unit",
    "sex",
]

ISO_PARTIAL_DATE = r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
UK_POSTCODE = r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$"
_FOLD_FROM = "łŁøØßæÆđĐıİ"
_FOLD_TO = "lLoOsaAdDiI"


def clean_name(value: str) -> str:
    """Lower case, ASCII-folded, letters and single spaces only (hyphens become spaces)."""
    folded = f"lower(strip_accents(translate({value}, '{_FOLD_FROM}', '{_FOLD_TO}')))"
    letters = f"regexp_replace({folded}, '[^a-z\\s-]', '', 'g')"
    return f"nullif(trim(regexp_replace({letters}, '[\\s-]+', ' ', 'g')), '')"


def clean_list(values: str, clean: Callable[[str], str]) -> str:
    """Apply `clean` to each element, dropping NULLs and duplicates (order kept)."""
    cleaned = f"list_transform(coalesce({values}, []), lambda v: {clean('v')})"
    return f"list_distinct(list_filter({cleaned}, lambda v: v IS NOT NULL))"


def sex(value: str) -> str:
    """'female' or 'male'; anything else (not known, indeterminate, blank) is NULL."""
    lowered = f"lower(trim({value}))"
    return (
        f"CASE WHEN {lowered} IN ('f', 'female', 'girl', 'woman') THEN 'female' "
        f"WHEN {lowered} IN ('m', 'male', 'boy', 'man') THEN 'male' END"
    )


def postcode_unit(value: str) -> str:
    """Upper case, letters and digits only, e.g. 'TF12AB'; NULL when under 3 characters.

    Non-UK postcodes are kept (compared exactly) but have no sector or district.
    """
    squeezed = f"upper(regexp_replace({value}, '[^A-Za-z0-9]', '', 'g'))"
    return f"CASE WHEN length({squeezed}) >= 3 THEN {squeezed} END"


def _if_uk(unit: str, expression: str) -> str:
    return f"CASE WHEN regexp_full_match({unit}, '{UK_POSTCODE[1:-1]}') THEN {expression} END"


def postcode_sector(unit: str) -> str:
    """'TF1 2' from 'TF12AB' (UK postcodes only)."""
    sector = f"left({unit}, length({unit}) - 3) || ' ' || substr({unit}, length({unit}) - 2, 1)"
    return _if_uk(unit, sector)


def postcode_district(unit: str) -> str:
    """'TF1' from 'TF12AB' (UK postcodes only)."""
    return _if_uk(unit, f"left({unit}, length({unit}) - 3)")


def phone_e164(value: str) -> str:
    """E.164 for UK numbers written nationally or internationally; others kept if '+'."""
    digits = f"regexp_replace({value}, '[^0-9+]', '', 'g')"
    return f"""(CASE
        WHEN {digits} LIKE '+%' AND length({digits}) >= 9 THEN {digits}
        WHEN {digits} LIKE '00%' AND length({digits}) >= 10 THEN '+' || substr({digits}, 3)
        WHEN {digits} LIKE '0%' AND length({digits}) = 11 THEN '+44' || substr({digits}, 2)
        WHEN {digits} LIKE '44%' AND length({digits}) = 12 THEN '+' || {digits}
        WHEN {digits} LIKE '7%' AND length({digits}) = 10 THEN '+44' || {digits}
    END)"""


def email(value: str) -> str:
    """Lower case, trimmed; NULL unless it looks like an address."""
    lowered = f"lower(trim({value}))"
    return f"CASE WHEN {lowered} LIKE '%_@_%._%' THEN {lowered} END"


def nhs_number(value: str) -> str:
    """Ten digits whose modulus-11 check digit is right; otherwise NULL.

    Weights 10..2 on the first nine digits; check = 11 - (sum mod 11), 11 -> 0, and 10
    means the number can never be valid. All-same-digit numbers are rejected too.
    """
    digits = f"regexp_replace({value}, '[\\s-]', '', 'g')"
    total = f"list_sum([CAST({digits}[i] AS INTEGER) * (11 - i) FOR i IN range(1, 10)])"
    return f"""(CASE WHEN regexp_full_match({digits}, '[0-9]{{10}}')
        AND NOT regexp_full_match({digits}, '(0{{10}}|1{{10}}|2{{10}}|3{{10}}|4{{10}}|5{{10}}|6{{10}}|7{{10}}|8{{10}}|9{{10}})')
        AND (11 - {total} % 11) % 11 = CAST({digits}[10] AS INTEGER)
        THEN {digits} END)"""  # noqa: E501


def address(value: str) -> str:
    """Lower case, ASCII-folded, letters, digits and single spaces: '12 ann st, nsw'."""
    folded = f"lower(strip_accents(translate({value}, '{_FOLD_FROM}', '{_FOLD_TO}')))"
    words = f"regexp_replace({folded}, '[^a-z0-9]+', ' ', 'g')"
    return f"nullif(trim({words}), '')"


def identifier(value: str) -> str:
    """Upper case, no spaces; NULL when blank."""
    return f"nullif(upper(regexp_replace({value}, '\\s', '', 'g')), '')"


def date_parts(source: str) -> str:
    """SELECT adding dob_year/month/day, dob_precision and dob_placeholder.

    A date of 1 January is a placeholder (records use it when only the year is known):
    it keeps its year and loses its month and day. Impossible dates become NULL.
    """
    y = "TRY_CAST(nullif(dob_parts.y, '') AS INTEGER)"
    m = "TRY_CAST(nullif(dob_parts.m, '') AS INTEGER)"
    d = "TRY_CAST(nullif(dob_parts.d, '') AS INTEGER)"
    return f"""
    SELECT *,
        CASE WHEN ok_day THEN 'day' WHEN ok_month THEN 'month' WHEN ok_year THEN 'year'
            END AS dob_precision,
        CASE WHEN ok_year THEN y END AS dob_year,
        CASE WHEN ok_month OR ok_day THEN m END AS dob_month,
        CASE WHEN ok_day THEN d END AS dob_day
    FROM (
        SELECT *,
            y BETWEEN 1890 AND 2100 AS ok_year,
            y BETWEEN 1890 AND 2100 AND m BETWEEN 1 AND 12 AND d IS NULL AS ok_month,
            y BETWEEN 1890 AND 2100 AND NOT dob_placeholder
                AND try(make_date(y, m, d)) IS NOT NULL AS ok_day
        FROM (
            SELECT *, {y} AS y, {m} AS m, {d} AS d,
                coalesce({m} = 1 AND {d} = 1, false) AS dob_placeholder
            FROM {source}
        )
    )
    """
