"""Normalising identifiers: one canonical form each, or a ValueError saying what was expected."""

from __future__ import annotations

import pytest

from joinedup.records.normalise import (
    normalise_email,
    normalise_nhs_number,
    normalise_ni_number,
    normalise_phone,
    normalise_pnc_id,
    normalise_postcode,
    normalise_registration,
    normalise_upn,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("tf12ab", "TF1 2AB"),
        (" TF1  2AB ", "TF1 2AB"),
        ("ms12 3ab", "MS12 3AB"),
        ("SW1A1AA", "SW1A 1AA"),
        ("w1a 0ax", "W1A 0AX"),
        ("gir0aa", "GIR 0AA"),
        ("M1-1AE", "M1 1AE"),
    ],
)
def test_postcode_is_upper_case_with_one_space(written: str, expected: str) -> None:
    assert normalise_postcode(written) == expected


@pytest.mark.parametrize("written", ["ZZ", "TF1", "12AB 3CD", "TF1 2CK", "QA1 1AA", "TF1 2AB X"])
def test_postcode_of_the_wrong_shape_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match="UK postcode"):
        normalise_postcode(written)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("07700 900123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("01632 960123", "+441632960123"),
        ("020 7946 0123", "+442079460123"),
        ("(0121) 496-0000", "+441214960000"),
    ],
)
def test_phone_becomes_e164(written: str, expected: str) -> None:
    assert normalise_phone(written) == expected


@pytest.mark.parametrize("written", ["12345", "07700 900", "call me", ""])
def test_phone_that_is_not_a_number_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match="telephone number"):
        normalise_phone(written)


def test_registration_is_upper_case_without_spaces_or_hyphens() -> None:
    assert normalise_registration(" ab12-cde ") == "AB12CDE"
    assert normalise_registration("A1") == "A1"


@pytest.mark.parametrize("written", ["A", "AB12CDEFG", "AB12 CD!"])
def test_registration_of_the_wrong_length_or_characters_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match="registration"):
        normalise_registration(written)


def test_nhs_number_is_ten_digits_without_spaces() -> None:
    assert normalise_nhs_number("943 476 5919") == "9434765919"


def test_nhs_number_failing_modulus_11_is_refused() -> None:
    with pytest.raises(ValueError, match="modulus 11"):
        normalise_nhs_number("943 476 5918")


def test_upn_is_upper_case_and_check_letter_is_verified() -> None:
    assert normalise_upn("h801200001001") == "H801200001001"
    with pytest.raises(ValueError, match="check letter"):
        normalise_upn("A801200001001")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("98/123456A", "98/123456A"),
        ("1998/0123456a", "98/123456A"),
        ("09 / 12Z", "09/12Z"),
    ],
)
def test_pnc_id_takes_two_digit_year_and_serial_without_leading_zeros(
    written: str, expected: str
) -> None:
    assert normalise_pnc_id(written) == expected


@pytest.mark.parametrize("written", ["98123456A", "98/12345678A", "998/1A", "98/123456"])
def test_pnc_id_of_the_wrong_shape_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match="PNC ID"):
        normalise_pnc_id(written)


def test_ni_number_is_compact_upper_case() -> None:
    assert normalise_ni_number("ab 12 34 56 c") == "AB123456C"
    with pytest.raises(ValueError, match="National Insurance"):
        normalise_ni_number("AB123456E")


def test_email_is_lower_cased_and_needs_an_at_and_a_domain() -> None:
    assert normalise_email(" Kay@Example.ORG ") == "kay@example.org"
    for bad in ("kay", "kay@example", "kay@@example.org", "k ay@example.org"):
        with pytest.raises(ValueError, match="email address"):
            normalise_email(bad)
