"""The known people come from the person index and the cipher registry."""

from __future__ import annotations

from typing import Any

import pytest

from joinedup.web.redaction.services.ciphers import register_cipher
from joinedup.web.redaction.services.known import known_people
from tests.web.redaction.helpers import InquiryTeam, make_person

pytestmark = pytest.mark.django_db


def test_a_linked_record_is_known_by_its_person_id_names_and_aliases() -> None:
    make_person("P-0000001", "Jade", "Smith", nickname="JJ")
    (found,) = known_people()
    assert (found.ref, found.forenames, found.surname) == ("P-0000001", "Jade", "Smith")
    assert found.other_names == ("JJ",)
    assert found.dob == "2009-04-03"


def test_each_address_and_vehicle_gives_an_entry_with_the_names() -> None:
    addresses = (("14 Mill Lane", "AB1 2CD"), ("3 Park Road", "AB3 4EF"))
    make_person("P-0000002", "Kyle", "Brown", addresses=addresses, vehicle="AB12CDE")
    found = known_people()
    assert [(k.address, k.postcode) for k in found] == list(addresses)
    assert [k.vehicle for k in found] == ["AB12CDE", ""]
    assert {k.surname for k in found} == {"Brown"}


def test_names_registered_with_a_cipher_but_not_in_the_index_are_known(team: InquiryTeam) -> None:
    register_cipher(team.reviewer, "complainant", "", "Tia Marsh")
    (found,) = known_people()
    assert (found.ref, found.forenames, found.surname) == ("cipher:C-1", "Tia", "Marsh")


def test_people_in_the_index_registered_with_a_cipher_are_not_doubled(team: InquiryTeam) -> None:
    make_person("P-0000003", "Amy", "Lee")
    register_cipher(team.reviewer, "child", "P-0000003", "")
    assert [k.ref for k in known_people()] == ["P-0000003"]


def test_building_the_list_takes_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    for number in range(5):
        address = (("1 High Street", "AB1 1AA"),)
        make_person(
            f"P-000010{number}", "Sam", f"Person{number}", nickname="Sammy",
            addresses=address, vehicle=f"AB{number}1CDE",
        )  # fmt: skip
    with django_assert_max_num_queries(9):
        assert len(known_people()) == 5
