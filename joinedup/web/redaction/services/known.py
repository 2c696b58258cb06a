"""Everyone the system knows, as the redaction core's `KnownPerson` list.

Built from the person index: each agency's record of a person (`records.SourcePerson`)
with its forenames, surname, other names (aliases, nicknames, previous surnames), date
of birth, addresses and postcodes, phone numbers, e-mail addresses, NHS and National
Insurance numbers, and the registrations of vehicles in events the person took part in;
its `ref` is the person index id (`people.Person.person_id`) when the record is linked.
The cipher registry's names of people not in the index are added too.

A `KnownPerson` holds one value of each detail, so a record with three addresses gives
three entries with the same ref and names. Cost: one query per related table (seven in
all, whatever the number of people) and one object per detail — about 30,000 objects
for a borough of 10,000 records, built in a few seconds. Build the list ONCE per
suggestion run (`known_people()` is called by `suggest.suggest_for_versions`, which
reuses it and its `Redactor` for every version) — never per document.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from itertools import zip_longest

from joinedup.disclosure.redaction import KnownPerson
from joinedup.web.records.models import EventParticipant, SourcePerson
from joinedup.web.redaction.models import Cipher

__all__ = ["known_people"]


def known_people() -> list[KnownPerson]:
    """Every person record in the index, then the cipher registry's other names."""
    vehicles = _vehicles_by_record()
    found: list[KnownPerson] = []
    for record in _records():
        found.extend(_entries(record, vehicles.get(record.pk, [])))
    found.extend(_cipher_names())
    return found


def _records() -> list[SourcePerson]:
    return list(
        SourcePerson.objects.select_related("link__person")
        .prefetch_related("other_names", "addresses", "phones", "emails", "identifiers")
        .order_by("pk")
    )


def _vehicles_by_record() -> dict[int, list[str]]:
    rows = EventParticipant.objects.filter(event__vehicles__isnull=False).values_list(
        "person_id", "event__vehicles__registration"
    )
    found: dict[int, set[str]] = defaultdict(set)
    for person_id, registration in rows:
        found[person_id].add(registration)
    return {k: sorted(v) for k, v in found.items()}


def _ref(record: SourcePerson) -> str:
    link = getattr(record, "link", None)
    if link is not None:
        return str(link.person.person_id)
    return f"record:{record.pk}"


def _other_names(record: SourcePerson) -> tuple[str, ...]:
    names = []
    for other in record.other_names.all():
        forenames = other.forenames or (
            record.forenames if other.kind == "previous_surname" else ""
        )
        name = " ".join(p for p in (forenames, other.surname) if p)
        if name:
            names.append(name)
    return tuple(names)


def _identifiers(record: SourcePerson, scheme: str) -> list[str]:
    return [i.value for i in record.identifiers.all() if i.scheme == scheme]


def _entries(record: SourcePerson, vehicles: list[str]) -> list[KnownPerson]:
    """One entry per detail value; the names are on every entry."""
    details = zip_longest(
        [(a.line, a.postcode) for a in record.addresses.all()],
        [p.number for p in record.phones.all()],
        [e.address for e in record.emails.all()],
        _identifiers(record, "nhs_number"),
        vehicles,
    )
    named = KnownPerson(
        ref=_ref(record),
        forenames=record.forenames,
        surname=record.surname,
        other_names=_other_names(record),
        dob=record.dob,
    )
    entries = [
        replace(
            named,
            address=address[0] if address else "",
            postcode=address[1] if address else "",
            phone=phone or "",
            email=email or "",
            nhs_number=nhs or "",
            vehicle=vehicle or "",
        )
        for address, phone, email, nhs, vehicle in details
    ]
    return entries or [named]


def _cipher_names() -> list[KnownPerson]:
    found = []
    for cipher in Cipher.objects.filter(key__startswith="name:"):
        forenames, _, surname = str(cipher.name).strip().rpartition(" ")
        found.append(
            KnownPerson(ref=f"cipher:{cipher.cipher}", forenames=forenames, surname=surname)
        )
    return found
