"""Normalise and validate the identifiers agencies write in many ways.

Each function takes the value as written and returns the one canonical form, or
raises ValueError whose message says what was expected:

    normalise_postcode('tf12ab')        -> 'TF1 2AB'
    normalise_phone('07700 900123')     -> '+447700900123'
    normalise_registration('ab12-cde')  -> 'AB12CDE'
    normalise_nhs_number('943 476 5919')-> '9434765919'
    normalise_upn('h801200001001')      -> 'H801200001001'
    normalise_pnc_id('1998/0123456a')   -> '98/123456A'
    normalise_ni_number('ab 12 34 56 c')-> 'AB123456C'
    normalise_email(' Kay@Example.org ')-> 'kay@example.org'
"""

from __future__ import annotations

import re

import phonenumbers
from stdnum.exceptions import ValidationError
from stdnum.gb import nhs, upn

__all__ = [
    "normalise_email",
    "normalise_ni_number",
    "normalise_nhs_number",
    "normalise_phone",
    "normalise_pnc_id",
    "normalise_postcode",
    "normalise_registration",
    "normalise_upn",
]

_POSTCODE = re.compile(
    r"^(?:GIR0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)
_SPACES = re.compile(r"[\s\-]+")
_REGISTRATION = re.compile(r"^[A-Z0-9]{2,8}$")
_PNC_ID = re.compile(r"^(\d{2}|\d{4})/(\d{1,7})([A-Z])$")
_NI_NUMBER = re.compile(r"^[A-Z]{2}\d{6}[A-D]$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE_PUNCTUATION = re.compile(r"[\s\-().]+")
_UK_FULL_NUMBER = re.compile(r"^(?:0|(?:\+|00)440?)([1-9]\d{9})$")
_UK_COUNTRY_CODE = 44
_UK_FULL_LENGTH = 10


def _compact(text: str) -> str:
    """Upper case with every space and hyphen removed."""
    return _SPACES.sub("", text).upper()


def normalise_postcode(text: str) -> str:
    """A UK postcode in its standard form, outward and inward parts split by one space."""
    compact = _compact(text)
    if not _POSTCODE.match(compact):
        raise ValueError("a valid UK postcode such as 'TF1 2AB'")
    return f"{compact[:-3]} {compact[-3:]}"


def normalise_phone(text: str) -> str:
    """A telephone number in E.164 form; numbers without a country code are taken as UK.

    Full-length UK numbers are accepted even in ranges not allocated to anyone (such
    as Ofcom's drama ranges, 07700 900xxx), because synthetic data uses them.
    """
    expected = "a telephone number such as '07700 900123' or '+44 7700 900123'"
    fast = _UK_FULL_NUMBER.match(_PHONE_PUNCTUATION.sub("", text))
    if fast:  # the common case, without the (slow) phonenumbers library: same result
        return "+44" + fast.group(1)
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException as error:
        raise ValueError(expected) from error
    full_length_uk = (
        number.country_code == _UK_COUNTRY_CODE
        and len(str(number.national_number)) == _UK_FULL_LENGTH
    )
    if not (phonenumbers.is_valid_number(number) or full_length_uk):
        raise ValueError(expected)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_registration(text: str) -> str:
    """A vehicle registration mark: upper case, no spaces or hyphens ('AB12CDE')."""
    compact = _compact(text)
    if not _REGISTRATION.match(compact):
        raise ValueError("a vehicle registration of 2 to 8 letters and digits, e.g. 'AB12 CDE'")
    return compact


def normalise_nhs_number(text: str) -> str:
    """Ten digits that pass the NHS number modulus 11 check, without spaces."""
    try:
        return str(nhs.validate(text))
    except ValidationError as error:
        raise ValueError("a 10-digit NHS number that passes the modulus 11 check") from error


def normalise_upn(text: str) -> str:
    """An English Unique Pupil Number (13 characters) with a correct check letter."""
    try:
        return str(upn.validate(text))
    except ValidationError as error:
        raise ValueError(
            "a 13-character unique pupil number with a correct check letter"
        ) from error


def normalise_pnc_id(text: str) -> str:
    """A Police National Computer ID as 'YY/NNNNNNA': two-digit year, serial without
    leading zeros, check letter. Accepts a four-digit year and up to seven digits."""
    match = _PNC_ID.match(_compact(text))
    if not match:
        raise ValueError("a PNC ID such as '98/123456A' (year/serial number and letter)")
    year, serial, letter = match.groups()
    return f"{year[-2:]}/{int(serial)}{letter}"


def normalise_ni_number(text: str) -> str:
    """A National Insurance number: two letters, six digits, a letter A-D ('AB123456C')."""
    compact = _compact(text)
    if not _NI_NUMBER.match(compact):
        raise ValueError("a National Insurance number such as 'AB 12 34 56 C'")
    return compact


def normalise_email(text: str) -> str:
    """An email address, lower-cased, with one '@' and a dot in the domain."""
    address = text.strip().lower()
    if not _EMAIL.match(address):
        raise ValueError("an email address such as 'name@example.org'")
    return address
