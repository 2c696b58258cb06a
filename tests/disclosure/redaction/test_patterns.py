"""UK identifiers found by pattern, with no list of people."""

from __future__ import annotations

import pytest

from joinedup.disclosure.redaction import KnownPerson, Redactor


def found(text: str, *known: KnownPerson) -> list[tuple[str, str]]:
    return [(s.category, s.text) for s in Redactor(known).suggest(text)]


@pytest.mark.parametrize(
    "postcode", ["MS4 2AB", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A1BB"]
)
def test_postcodes(postcode: str) -> None:
    assert found(f"Lives at {postcode} now.") == [("postcode", postcode)]


def test_lower_case_lookalikes_are_not_postcodes() -> None:
    assert found("the m1 1ae motorway junction") == []


@pytest.mark.parametrize(
    "phone",
    ["07700 900123", "07700900123", "+44 7700 900123", "0161 496 0000", "+44 20 7946 0958",
     "(01632) 960123", "020 7946 0958"],
)  # fmt: skip
def test_phone_numbers(phone: str) -> None:
    assert found(f"Call {phone} today.") == [("phone", phone)]


def test_short_numbers_and_references_are_not_phones() -> None:
    assert found("Occurrence 123456, year 2019, room 0161.") == []


def test_nhs_numbers_pass_the_modulus_11_check() -> None:
    assert found("NHS 943 476 5919.") == [("nhs_number", "943 476 5919")]
    assert found("NHS 943-476-5919.") == [("nhs_number", "943-476-5919")]
    assert found("NHS 9434765919.") == [("nhs_number", "9434765919")]


def test_nhs_check_digit_failure_is_not_an_nhs_number() -> None:
    assert [c for c, _ in found("Ref 943 476 5918.")] == []
    assert found("Ref 9434765918.") == []


def test_ni_numbers() -> None:
    assert found("NI AB 12 34 56 C.") == [("ni_number", "AB 12 34 56 C")]
    assert found("NI JM123456D.") == [("ni_number", "JM123456D")]


@pytest.mark.parametrize("never_issued", ["BG", "GB", "NK", "KN", "TN", "NT", "ZZ", "DA", "QA"])
def test_ni_prefixes_never_issued_are_not_ni_numbers(never_issued: str) -> None:
    assert found(f"Code {never_issued}123456C.") == []


@pytest.mark.parametrize("plate", ["AB12 CDE", "AB12CDE", "LF66 RLC", "A123 BCD", "ABC 123D"])
def test_vehicle_registrations(plate: str) -> None:
    assert found(f"Seen in {plate} at night.") == [("vehicle_registration", plate)]


def test_vehicle_lookalikes_in_lower_case_are_words() -> None:
    assert found("the ab12 cde code") == []


def test_emails() -> None:
    assert found("Email jade.smith94@example.com or agnieszka.wójcik@example.org.") == [
        ("email", "jade.smith94@example.com"),
        ("email", "agnieszka.wójcik@example.org"),
    ]


def test_street_addresses() -> None:
    text = "Visited 12 Acacia Avenue, then Flat 3, 4 Mill Ct and 125 CHAPEL COURT."
    assert found(text) == [
        ("address", "12 Acacia Avenue"),
        ("address", "Flat 3, 4 Mill Ct"),
        ("address", "125 CHAPEL COURT"),
    ]


def test_a_street_without_a_house_number_is_not_an_address() -> None:
    assert found("Seen near Victoria Road and Church Street.") == []


@pytest.mark.parametrize(
    "written",
    ["DOB 03/04/2009", "DOB: 3 April 2009", "D.O.B. 2009-04-03", "date of birth 3rd April 2009",
     "born 03.04.2009", "born on April 3, 2009", "DOB 3 Apr 09"],
)  # fmt: skip
def test_dates_of_birth_in_context(written: str) -> None:
    [(category, text)] = found(f"Child {written}.")
    assert category == "date_of_birth"
    assert written.endswith(text)


def test_ordinary_dates_are_not_dates_of_birth() -> None:
    assert found("Seen on 03/04/2009 and again on 5 May 2010.") == []


def test_a_known_persons_date_of_birth_is_found_without_context() -> None:
    jade = KnownPerson("P1", "Jade", "Smith", dob="2009-04-03")
    assert found("Jade Smith, 3 April 2009, was seen on 4 April 2009.", jade) == [
        ("name", "Jade Smith"),
        ("date_of_birth", "3 April 2009"),
    ]


def test_a_known_date_of_birth_needs_its_person_in_the_document() -> None:
    jade = KnownPerson("P1", "Jade", "Smith", dob="2009-04-03")
    assert found("The meeting was on 03/04/2009.", jade) == []


def test_a_date_in_brackets_after_a_name_is_a_date_of_birth() -> None:
    jade = KnownPerson("P1", "Jade", "Smith")
    assert found("Jade Smith (14/02/2008) was seen.", jade) == [
        ("name", "Jade Smith"),
        ("date_of_birth", "14/02/2008"),
    ]


def test_a_date_of_birth_known_to_the_month() -> None:
    jade = KnownPerson("P1", "Jade", "Smith", dob="2009-04")
    assert found("Jade Smith, born April 2009; seen April 2010.", jade) == [
        ("name", "Jade Smith"),
        ("date_of_birth", "April 2009"),
    ]


def test_known_details_are_found_in_any_layout() -> None:
    jade = KnownPerson(
        "P1", "Jade", "Smith", postcode="MS4 2AB", phone="+44 7700 900123",
        nhs_number="9991047298", vehicle="AB12CDE", email="jade@example.net",
        address="Flat 2, 12 Acacia Avenue, Oakwood, MS4 2AB",
    )  # fmt: skip
    text = "ms42ab; 07700900123; 999 104 7298; AB12 CDE; JADE@EXAMPLE.NET; flat 2, 12 acacia avenue"
    spans = Redactor([jade], patterns=False).suggest(text)
    assert [(s.category, s.text, s.person_ref) for s in spans] == [
        ("postcode", "ms42ab", "P1"),
        ("phone", "07700900123", "P1"),
        ("nhs_number", "999 104 7298", "P1"),
        ("vehicle_registration", "AB12 CDE", "P1"),
        ("email", "JADE@EXAMPLE.NET", "P1"),
        ("address", "flat 2, 12 acacia avenue", "P1"),
    ]


def test_patterns_off_finds_only_known_people() -> None:
    assert Redactor([], patterns=False).suggest("NHS 943 476 5919, MS4 2AB") == []


def test_a_road_number_then_a_word_in_capitals_is_not_a_plate() -> None:
    assert found("SEEN ON THE A5 AND M6, THEN IN B123 CDE.") == [
        ("vehicle_registration", "B123 CDE")
    ]


@pytest.mark.parametrize(
    "candidate",
    ["MS4 2AB", "M1 1AE", "EC1A 1BB", "W1A 0AX", "DN55 1PT", "MS4 2A", "12 3AB", "MSS 2AB"],
)
def test_the_text_pattern_agrees_with_the_linkage_postcode_rule(candidate: str) -> None:
    import re

    from joinedup.disclosure.redaction.patterns import POSTCODE
    from joinedup.linkage.feature_sql import UK_POSTCODE

    compact = candidate.replace(" ", "")
    assert bool(POSTCODE.fullmatch(candidate)) == bool(re.fullmatch(UK_POSTCODE, compact))
