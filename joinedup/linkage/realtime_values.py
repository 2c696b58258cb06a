r"""One input value normalised in Python, as each expression of `feature_sql.py` does it.

`realtime_features.py` builds a record's features from these. Each follows its SQL
expression step by step, with DuckDB's rules where they differ from Python's: RE2's `\s`
is `[\t\n\f\r ]`, `trim` removes spaces only (in ASCII), `LIKE` patterns become regular
expressions. Names and addresses may be in any script (`fold`); the other values are
handed over only when they are ASCII (`realtime_features._plain`).
"""

from __future__ import annotations

import re
import unicodedata

from joinedup.linkage.feature_sql import _FOLD_FROM, _FOLD_TO, ISO_PARTIAL_DATE

__all__ = [
    "address",
    "clean_name",
    "date_parts",
    "email",
    "fold",
    "foldable",
    "identifier",
    "nhs_number",
    "phone",
    "postcode_unit",
    "sex",
]

_SPACE = "\t\n\f\r "  # RE2's \s
_NOT_NAME = re.compile(f"[^a-z{_SPACE}-]")
_NAME_GAPS = re.compile(f"[{_SPACE}-]+")
_NOT_ALNUM = re.compile("[^A-Za-z0-9]")
_NOT_PHONE = re.compile("[^0-9+]")
_SPACES = re.compile(f"[{_SPACE}]")
_NHS_SEPARATORS = re.compile(f"[{_SPACE}-]")
_ADDRESS_GAPS = re.compile("[^a-z0-9]+")
_EMAIL = re.compile(r".*.@..*\...*", re.DOTALL)
_DATE = re.compile(ISO_PARTIAL_DATE, re.ASCII)
_TEN_DIGITS = re.compile("[0-9]{10}")
_FOLD = str.maketrans(_FOLD_FROM, _FOLD_TO)


def foldable(text: str) -> bool:
    return text.isascii() or all(ord(char) < 0x30000 and not 0xD800 <= ord(char) <= 0xDFFF
                                 for char in text)  # fmt: skip


def fold(text: str) -> str:
    """`lower(strip_accents(translate(text, ...)))` of `feature_sql` (equal below U+30000)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


def clean_name(value: str | None) -> str | None:
    if value is None:
        return None
    letters = _NOT_NAME.sub("", fold(value))
    return _NAME_GAPS.sub(" ", letters).strip(" ") or None


def date_parts(value: str | None) -> tuple[int | None, int | None, int | None]:
    found = None if value is None else _DATE.match(value.strip(" "))
    if found is None:
        return None, None, None
    year, month, day = (int(part) if part else None for part in found.groups())
    return year, month, day


def sex(value: str | None) -> str | None:
    lowered = None if value is None else value.strip(" ").lower()
    if lowered in ("f", "female", "girl", "woman"):
        return "female"
    return "male" if lowered in ("m", "male", "boy", "man") else None


def postcode_unit(value: str | None) -> str | None:
    squeezed = None if value is None else _NOT_ALNUM.sub("", value).upper()
    return squeezed if squeezed is not None and len(squeezed) >= 3 else None


def phone(value: str | None) -> str | None:
    if value is None:
        return None
    digits = _NOT_PHONE.sub("", value)
    size = len(digits)
    if digits.startswith("+") and size >= 9:
        return digits
    if digits.startswith("00") and size >= 10:
        return "+" + digits[2:]
    if digits.startswith("0") and size == 11:
        return "+44" + digits[1:]
    if digits.startswith("44") and size == 12:
        return "+" + digits
    return "+44" + digits if digits.startswith("7") and size == 10 else None


def email(value: str | None) -> str | None:
    lowered = None if value is None else value.strip(" ").lower()
    return lowered if lowered is not None and _EMAIL.fullmatch(lowered) else None


def nhs_number(value: str | None) -> str | None:
    digits = None if value is None else _NHS_SEPARATORS.sub("", value)
    if digits is None or _TEN_DIGITS.fullmatch(digits) is None or len(set(digits)) == 1:
        return None
    total = sum(int(digits[i - 1]) * (11 - i) for i in range(1, 10))
    return digits if (11 - total % 11) % 11 == int(digits[9]) else None


def identifier(value: str | None) -> str | None:
    return None if value is None else _SPACES.sub("", value).upper() or None


def address(value: str | None) -> str | None:
    return None if value is None else _ADDRESS_GAPS.sub(" ", fold(value)).strip(" ") or None
