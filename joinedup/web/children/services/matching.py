"""How well one agency record matches what was typed into the search, and why.

Plain Python, no database: the search service fetches candidate records and asks
`match_record` about each. Names are compared with the linkage name tables
(`joinedup.linkage.names`: nicknames, spelling variants and transliterations, so
"Kayleigh Smith" finds "Kayley Smyth") and, for typing slips, Jaro-Winkler similarity
at the threshold the linkage model uses (0.88). A date of birth may be partial on
either side and may have its day and month swapped. Every point scored comes with a
reason a practitioner can read; a record that scores nothing is not returned.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from joinedup.chronology.when import when_from_iso
from joinedup.linkage.names import names_equivalent, surname_key
from joinedup.records.partial_dates import PartialDate, parse_iso_partial_date
from joinedup.web.children.services.display import full_name
from joinedup.web.children.services.terms import SearchTerms

__all__ = ["CandidateRecord", "RecordMatch", "RecordName", "jaro_winkler", "match_record"]

SIMILAR = 0.88  # the linkage model's "close spelling" threshold (linkage/comparisons.py)
SAME, VARIANT, CLOSE = 3.0, 2.5, 2.0
IDENTIFIER = 10.0


@dataclass(frozen=True, slots=True)
class RecordName:
    """One name a record holds: its own, or an alias, nickname or previous name."""

    kind: str  # "Name", "Alias", "Nickname", "Previous surname", ...
    forenames: str
    surname: str


@dataclass(frozen=True, slots=True)
class CandidateRecord:
    agency: str
    source_id: str
    names: tuple[RecordName, ...]
    dob: str  # ISO partial date; '' when not recorded
    identifiers: tuple[tuple[str, str], ...]  # (scheme label, value as stored)


@dataclass(frozen=True, slots=True)
class RecordMatch:
    score: float
    reasons: tuple[str, ...]


def match_record(terms: SearchTerms, record: CandidateRecord) -> RecordMatch | None:
    """The record's score and reasons, or None when it does not match well enough."""
    ident = _identifier(terms, record) if terms.identifier else (0.0, "")
    name = _best_name(terms, record) if terms.name else (0.0, "")
    dob = _dob(terms.dob, record.dob) if terms.dob else (0.0, "")
    if not (ident[0] or _name_and_dob_enough(terms, name[0], dob[0])):
        return None
    reasons = tuple(reason for _, reason in (ident, name, dob) if reason)
    return RecordMatch(ident[0] + name[0] + dob[0], reasons)


def _name_and_dob_enough(terms: SearchTerms, name: float, dob: float) -> bool:
    if not terms.name:
        return dob > 0 if terms.dob and terms.dob.precision != "day" else dob >= VARIANT
    whole_name = 2 * CLOSE if terms.surname else VARIANT
    return name >= whole_name or (name >= CLOSE and dob >= VARIANT)


def _identifier(terms: SearchTerms, record: CandidateRecord) -> tuple[float, str]:
    forms = terms.identifier_forms()
    for label, value in record.identifiers:
        if value.upper() in forms:
            return IDENTIFIER, f"{label} {value} matches"
    if record.source_id.upper() in forms:
        return IDENTIFIER, f"{record.agency} reference {record.source_id} matches"
    return 0.0, ""


def _best_name(terms: SearchTerms, record: CandidateRecord) -> tuple[float, str]:
    scored = [_name(terms, name) for name in record.names]
    return max(scored, key=lambda s: s[0], default=(0.0, ""))


def _name(terms: SearchTerms, name: RecordName) -> tuple[float, str]:
    written = full_name(name.forenames, name.surname)
    if not terms.surname:
        word = terms.forename
        found = max(_forename(word, name.forenames), _surname(word, name.surname))
        return found[0], _name_reason(name.kind, written, [found[1]], found[0])
    forename = _forename(terms.forename, name.forenames)
    surname = _surname(terms.surname, name.surname)
    crossed_f = _forename(terms.surname, name.forenames)
    crossed_s = _surname(terms.forename, name.surname)
    if crossed_f[0] + crossed_s[0] > forename[0] + surname[0]:
        notes = ["forename and surname the other way round", crossed_f[1], crossed_s[1]]
        return crossed_f[0] + crossed_s[0], _name_reason(name.kind, written, notes, 1.0)
    points = forename[0] + surname[0]
    return points, _name_reason(name.kind, written, [forename[1], surname[1]], points)


def _name_reason(kind: str, written: str, notes: list[str], points: float) -> str:
    if not points:
        return ""
    said = [n for n in notes if n]
    return f"{kind} {written}" + (": " + "; ".join(said) if said else " matches")


def _forename(typed: str, recorded: str) -> tuple[float, str]:
    tokens = _fold(recorded).split()
    levels = [_level(typed, token, names_equivalent, "another form of") for token in tokens]
    return max(levels, key=lambda s: s[0], default=(0.0, ""))


def _surname(typed: str, recorded: str) -> tuple[float, str]:
    same_key: Callable[[str, str], bool] = lambda a, b: surname_key(a) == surname_key(b)  # noqa: E731
    return _level(typed, _fold(recorded).replace(" ", ""), same_key, "another spelling of")


def _level(
    typed: str, recorded: str, equivalent: Callable[[str, str], bool], phrase: str
) -> tuple[float, str]:
    typed = _fold(typed).replace(" ", "")
    if not typed or not recorded:
        return 0.0, ""
    if typed == recorded:
        return SAME, ""
    if equivalent(typed, recorded):
        return VARIANT, f"{recorded.capitalize()} is {phrase} {typed.capitalize()}"
    if jaro_winkler(typed, recorded) >= SIMILAR:
        return CLOSE, f"{recorded.capitalize()} is spelled like {typed.capitalize()}"
    return 0.0, ""


def _dob(typed: PartialDate | None, recorded: str) -> tuple[float, str]:
    try:
        found = parse_iso_partial_date(recorded) if recorded and typed else None
    except ValueError:
        found = None
    if typed is None or found is None:
        return 0.0, ""
    shown = when_from_iso(found.iso()).display
    if typed.precision == found.precision == "day":
        return _full_dates(typed, found, shown)
    shared = min((typed, found), key=lambda d: len(d.iso())).iso()
    if typed.iso().startswith(shared) and found.iso().startswith(shared):
        points = {"day": 4.0, "month": 2.0, "year": 1.0}[parse_iso_partial_date(shared).precision]
        return points, f"Date of birth recorded as {shown}, which fits"
    return -2.0, f"Date of birth differs (recorded as {shown})"


def _full_dates(typed: PartialDate, found: PartialDate, shown: str) -> tuple[float, str]:
    if typed == found:
        return 4.0, "Date of birth matches"
    if (typed.year, typed.month, typed.day) == (found.year, found.day, found.month):
        return 3.0, f"Date of birth matches with day and month swapped (recorded as {shown})"
    if (typed.year, typed.month) == (found.year, found.month):
        return 1.0, f"Same month and year of birth (recorded as {shown})"
    return -2.0, f"Date of birth differs (recorded as {shown})"


def _fold(text: str) -> str:
    """Lower-case ASCII letters and single spaces: 'Zoë  O'Neil' -> 'zoe oneil'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(ch for ch in decomposed if "a" <= ch <= "z" or ch in " -")
    return " ".join(kept.replace("-", " ").split())


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity of two strings (0 to 1), as DuckDB and Splink compute it."""
    jaro = _jaro(a, b)
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def _jaro(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    window = max(0, max(len(a), len(b)) // 2 - 1)
    used = [False] * len(b)
    from_a = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not used[j] and b[j] == ch:
                used[j] = True
                from_a.append(ch)
                break
    if not from_a:
        return 0.0
    from_b = [b[j] for j in range(len(b)) if used[j]]
    half_transposed = sum(x != y for x, y in zip(from_a, from_b, strict=True)) / 2
    m = len(from_a)
    return (m / len(a) + m / len(b) + (m - half_transposed) / m) / 3
