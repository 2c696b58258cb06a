"""Fictitious but valid-shaped identifiers: postcodes, phones, registrations, NHS
numbers, UPNs and PNC IDs.

- Postcodes are in the district 'MS', which is not a real UK postcode area.
- Phones come from Ofcom's ranges reserved for drama (07700 900000-900999,
  01632 960000-960999); beyond those 2,000 numbers, from the rest of the 01632 code,
  which Ofcom keeps for drama and has never allocated to an area. Numbers repeat only
  after about 1,000,000 allocations.
- NHS numbers start 999, the range the NHS reserves for test data, with a valid
  modulus 11 check digit.
- UPNs use one local-authority number and a valid check letter.
"""

from __future__ import annotations

import random
from datetime import date

from stdnum.gb import upn as upn_module

__all__ = [
    "IdentifierCounters",
    "nhs_number",
    "pnc_id",
    "postcode",
    "registration",
    "upn",
]

_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_REG_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
_PNC_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
_PHONE_SPACE = 1_000_000
_PHONE_STRIDE = 7_919  # coprime with the space: consecutive people get unrelated numbers
_DRAMA_STRIDE = 337
_NHS_SPACE = 1_000_000
_NHS_STRIDE = 104_729
UPN_LA_NUMBER = 861


def postcode(rng: random.Random, districts: int) -> str:
    """A postcode in the fictional 'MS' area, e.g. 'MS4 2AB'."""
    district = rng.randint(1, max(1, min(districts, 99)))
    inward = f"{rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    return f"MS{district} {inward}"


def registration(rng: random.Random, year: int) -> str:
    """A current-format registration (normalised, 'AB12CDE') for a car from about `year`."""
    year = min(max(year, 2002), 2024)
    age = year % 100 if rng.random() < 0.5 else (year % 100) + 50
    letters = "".join(rng.choice(_REG_LETTERS) for _ in range(5))
    return f"{letters[:2]}{age:02d}{letters[2:]}"


def _nhs_check_digit(nine: str) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
    check = 11 - remainder
    return None if check == 10 else check % 11


def upn(issue_la_school: int, issue_year: int, serial: int) -> str:
    """A UPN: check letter, LA number, school number, issue year, serial."""
    body = f"{UPN_LA_NUMBER:03d}{issue_la_school % 10000:04d}{issue_year % 100:02d}{serial:03d}"
    return upn_module.calc_check_digit(body) + body


def pnc_id(year: int, serial: int) -> str:
    """A PNC ID 'YY/NNNNNNA' with its check letter (serial and year, modulo 23)."""
    yy = year % 100
    letter = _PNC_LETTERS[int(f"{yy:02d}{serial:07d}") % 23]
    return f"{yy:02d}/{serial}{letter}"


class IdentifierCounters:
    """Sequential allocators, so identifiers are unique across the whole borough."""

    def __init__(self) -> None:
        self.phones = 0
        self.nhs = 0
        self.pnc = 0
        self.upn_serials: dict[tuple[int, int], int] = {}

    def next_phone(self) -> str:
        """A fictitious phone number as written in national form, e.g. '07700 900123':
        first the drama mobile range, then the drama landline range, then 01632."""
        k = self.phones
        self.phones += 1
        if k < 1000:
            return f"07700 900{(k * _DRAMA_STRIDE) % 1000:03d}"
        if k < 2000:
            return f"01632 960{((k - 1000) * _DRAMA_STRIDE) % 1000:03d}"
        local = ((k - 2000) * _PHONE_STRIDE) % (_PHONE_SPACE - 1000)
        return f"01632 {local if local < 960_000 else local + 1000:06d}"

    def next_nhs_number(self) -> str:
        while True:
            index = (self.nhs * _NHS_STRIDE) % _NHS_SPACE
            self.nhs += 1
            nine = f"999{index:06d}"
            check = _nhs_check_digit(nine)
            if check is not None:
                return f"{nine}{check}"

    def next_upn(self, school: int, entry: date) -> str:
        key = (school, entry.year)
        serial = self.upn_serials.get(key, 0)
        self.upn_serials[key] = serial + 1
        return upn(school + 1000 * (serial // 1000), entry.year, serial % 1000)

    def next_pnc_id(self, year: int) -> str:
        self.pnc += 1
        return pnc_id(year, 100_000 + self.pnc)


def nhs_number(counters: IdentifierCounters) -> str:
    return counters.next_nhs_number()
