"""The 3x5x2 intelligence grade on links: source (1-3), intelligence (A-E), handling (P/C).

A link supported by several graded events carries the most reliable source and
intelligence evaluation among them, and the most restrictive handling code: if any of
its evidence may only be shared with conditions (C), so may the link.
"""

from __future__ import annotations

import re

__all__ = ["best_grade", "is_grade", "split_grade"]

_GRADE = re.compile(r"^[123][A-E][PC]$")


def is_grade(code: str) -> bool:
    """True for a well-formed 3x5x2 code such as '1AP'."""
    return bool(_GRADE.match(code))


def split_grade(code: str) -> tuple[str, str, str]:
    """'2BC' -> ('2', 'B', 'C'); ('', '', '') for a blank or malformed code."""
    return (code[0], code[1], code[2]) if is_grade(code) else ("", "", "")


def best_grade(grades: str) -> str:
    """The link grade of ';'-joined event grades; blank when none is well-formed."""
    valid = sorted(g for g in grades.split(";") if is_grade(g))
    if not valid:
        return ""
    handling = "C" if any(g[2] == "C" for g in valid) else "P"
    return valid[0][:2] + handling
