"""Pattern recognisers for UK identifiers that need no list of people.

Each recogniser takes the text and yields `Span`s with source "pattern:<name>". They are
deliberately strict where a loose pattern would hit ordinary numbers: an NHS number must
pass its modulus 11 check, a phone number must be a valid GB number (phonenumbers) or a
UK-shaped number starting 0 or +44, and a date is a date of birth only next to "DOB",
"born" or "date of birth" (dates of known people are found in `known.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

import phonenumbers
from stdnum.gb import nhs

from joinedup.disclosure.redaction.dates import DATE_PATTERN, dob_context_before
from joinedup.disclosure.redaction.spans import Span
from joinedup.disclosure.redaction.vocabulary import street_suffixes

__all__ = [
    "RECOGNISERS",
    "find_addresses",
    "find_dates_of_birth",
    "find_emails",
    "find_ni_numbers",
    "find_nhs_numbers",
    "find_phones",
    "find_postcodes",
    "find_vehicle_registrations",
]


# ONS Postcode Directory user guide: outward code A9, A99, AA9, AA99, A9A, AA9A; inward 9AA.
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?) ?[0-9][ABD-HJLNP-UW-Z]{2}\b")
EMAIL = re.compile(
    r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
)
NHS_NUMBER = re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
# HMRC: no D, F, I, Q, U or V in either prefix letter, no O second; BG, GB, KN, NK, NT,
# TN and ZZ are never issued; suffix A-D (may be left off).
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r" ?\d{2} ?\d{2} ?\d{2}(?: ?[A-D])?\b"
)
# DVLA INF104: current (AB12 CDE, since 2001), prefix (A123 BCD, 1983-2001) and
# suffix (ABC 123D, 1963-1983). Capitals only: lower-case lookalikes are words.
VEHICLE = re.compile(
    r"\b(?:[A-HJ-PR-Y][A-HJ-PR-Y][0-9]{2} ?[A-HJ-PR-Z]{3}"
    r"|[A-HJ-NPR-TV-Y][0-9]{1,3} ?[A-HJ-PR-Y][A-HJ-PR-Z]{2}"
    r"|[A-HJ-PR-Y][A-HJ-PR-Z]{2} ?[0-9]{1,3}[A-HJ-NPR-TV-Y])\b"
)
# Stretches worth giving to phonenumbers' matcher (slow): 7+ digits with separators.
PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|\(?\d)[\d ()./-]{5,18}\d(?!\w)")
UK_PHONE_SHAPE = re.compile(
    r"(?<![\w+])(?:\+44 ?(?:\(0\) ?)?|\(?0)[1237]\d{1,4}\)?(?:[ -]?\d){5,8}(?![\w])"
)


@cache
def _address_pattern() -> re.Pattern[str]:
    suffixes, _ = street_suffixes()
    words = "|".join(sorted((re.escape(s.title()) for s in suffixes), key=len, reverse=True))
    capitals = words.upper()
    return re.compile(
        r"(?:\b(?:Flat|Apartment|Unit) \d{1,4}[A-Za-z]?,? )?"
        r"\b\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)? ){1,3}"
        rf"(?:{words})\b"
        r"|(?:\b(?:FLAT|APARTMENT|UNIT) \d{1,4}[A-Z]?,? )?"
        r"\b\d{1,4}[A-Z]?,? (?:[A-Z][A-Z'’]+(?:-[A-Z][A-Z'’]+)? ){1,3}"
        rf"(?:{capitals})\b"
    )


def _spans(pattern: re.Pattern[str], text: str, category: str, name: str) -> Iterator[Span]:
    for found in pattern.finditer(text):
        yield Span(found.start(), found.end(), category, found.group(), f"pattern:{name}")


def find_postcodes(text: str) -> Iterator[Span]:
    yield from _spans(POSTCODE, text, "postcode", "postcode")


def find_emails(text: str) -> Iterator[Span]:
    yield from _spans(EMAIL, text, "email", "email")


def find_addresses(text: str) -> Iterator[Span]:
    yield from _spans(_address_pattern(), text, "address", "address")


def find_nhs_numbers(text: str) -> Iterator[Span]:
    for span in _spans(NHS_NUMBER, text, "nhs_number", "nhs_number"):
        digits = re.sub(r"\D", "", span.text)
        if nhs.is_valid(digits) and len(set(digits)) > 1:
            yield span


def find_ni_numbers(text: str) -> Iterator[Span]:
    yield from _spans(NI_NUMBER, text, "ni_number", "ni_number")


# Capitals text such as "ON THE A5 AND M6": a road number then a word, not a prefix plate.
_WORDS_AFTER_ROADS = frozenset(
    "AND THE FOR BUT NOT ARE WAS HAS HAD HER HIS YOU ALL ONE OUT NOW NEW TWO WAY OFF "
    "NOR YET NEAR ROAD".split()
)


def find_vehicle_registrations(text: str) -> Iterator[Span]:
    for span in _spans(VEHICLE, text, "vehicle_registration", "vehicle_registration"):
        last_word = span.text.split()[-1] if " " in span.text else ""
        if POSTCODE.fullmatch(span.text) is None and last_word not in _WORDS_AFTER_ROADS:
            yield span


def find_phones(text: str) -> Iterator[Span]:
    for candidate in PHONE_CANDIDATE.finditer(text):
        offset = candidate.start()
        for found in phonenumbers.PhoneNumberMatcher(candidate.group(), "GB"):
            start, end = offset + found.start, offset + found.end
            yield Span(start, end, "phone", text[start:end], "pattern:phone")
    for span in _spans(UK_PHONE_SHAPE, text, "phone", "phone"):
        digits = re.sub(r"\D", "", span.text.removeprefix("+44"))
        national = digits.removeprefix("0")
        if len(national) in (9, 10):
            start = span.start + (1 if span.text.startswith("(") and ")" not in span.text else 0)
            yield Span(start, span.end, "phone", text[start : span.end], "pattern:phone")


def find_dates_of_birth(text: str) -> Iterator[Span]:
    for found in DATE_PATTERN.finditer(text):
        if dob_context_before(text, found.start()):
            yield Span(
                found.start(), found.end(), "date_of_birth", found.group(), "pattern:date_of_birth"
            )


RECOGNISERS: dict[str, Callable[[str], Iterator[Span]]] = {
    "postcode": find_postcodes,
    "email": find_emails,
    "address": find_addresses,
    "nhs_number": find_nhs_numbers,
    "ni_number": find_ni_numbers,
    "vehicle_registration": find_vehicle_registrations,
    "phone": find_phones,
    "date_of_birth": find_dates_of_birth,
}
