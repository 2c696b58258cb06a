"""Every way a known person's name and details may be written in a document."""

from __future__ import annotations

from collections.abc import Iterator

from joinedup.disclosure.redaction.spans import KnownPerson
from joinedup.disclosure.redaction.vocabulary import abbreviations, nicknames_of

__all__ = [
    "FULL",
    "IDENTIFIER",
    "INITIALS",
    "SINGLE",
    "STRENGTH",
    "identifier_forms",
    "name_forms",
    "spelling_forms",
]

# How much a way of writing a name says on its own: an identifier or a full name is
# enough; a single name must pass the rules in name_rules.py; initials need the person
# named in the document.
FULL, SINGLE, INITIALS, IDENTIFIER = "full", "single", "initials", "identifier"
STRENGTH = {IDENTIFIER: 3, FULL: 2, SINGLE: 1, INITIALS: 0}


def name_forms(person: KnownPerson) -> Iterator[tuple[str, str, bool]]:
    """(written form, strength, derived) for every way this person's name may appear."""
    forenames = person.forenames.split()
    surnames = _surname_forms(person.surname)
    given = set(forenames)
    if forenames:
        given.add(" ".join(forenames))
        given.add("-".join(forenames))  # "Kayleigh Ann" written "Kayleigh-Ann"
    for other in person.other_names:
        parts = other.split()
        if len(parts) > 1:
            yield other, FULL, False
            surnames.add(parts[-1])
        given.update(parts[:1])
    for name in given | surnames:
        yield name, SINGLE, False
    nicknames = (
        {
            nickname.title()
            for forename in forenames
            for nickname in nicknames_of().get(forename.lower(), ())
        }
        - {name.title() for name in given}
        - {a.title() for a in abbreviations()}
    )
    for name in nicknames:
        yield name, SINGLE, True
    for first in given | nicknames:
        for last in surnames:
            forms = _full_forms(first, last)
            # "Nowak Dob" (surname, then a nickname) is more often a name and a word
            yield from ((form, FULL, False) for form in forms[: 2 if first in nicknames else 3])
    for first in forenames[:1]:
        for last in surnames:
            for form in (f"{first[0]}. {last}", f"{first[0]} {last}", f"{first[0]}.{last}"):
                yield form, FULL, False
            yield f"{first[0]}{last[0]}", INITIALS, False
            yield f"{first[0]}.{last[0]}.", INITIALS, False


def _surname_forms(surname: str) -> set[str]:
    forms = {surname} if surname else set()
    if "-" in surname:
        forms.update(part for part in surname.split("-") if part)
        forms.add(surname.replace("-", " "))
        forms.add(surname.replace("-", ""))
    return forms


def _full_forms(first: str, last: str) -> tuple[str, ...]:
    return (f"{first} {last}", f"{last}, {first}", f"{last} {first}")


def spelling_forms(form: str) -> set[str]:
    forms = {form}
    if "'" in form:
        forms |= {form.replace("'", ""), form.replace("'", " ")}
    return forms


def identifier_forms(person: KnownPerson) -> Iterator[tuple[str, str]]:
    """(written form, category) for the person's postcode, e-mail, vehicle, address."""
    if person.postcode:
        compact = person.postcode.replace(" ", "")
        yield compact, "postcode"
        yield f"{compact[:-3]} {compact[-3:]}", "postcode"
    if person.email:
        yield person.email, "email"
    if person.vehicle:
        compact = person.vehicle.replace(" ", "")
        yield compact, "vehicle_registration"
        yield f"{compact[:-3]} {compact[-3:]}", "vehicle_registration"
        yield f"{compact[:3]} {compact[3:]}", "vehicle_registration"
    if person.address:
        yield person.address, "address"
        segments = [s.strip() for s in person.address.split(",")]
        for end in range(1, len(segments)):
            first = segments[0].lower()
            if first[:1].isdigit() or first.startswith(("flat", "apartment", "unit")):
                yield ", ".join(segments[:end]), "address"
            if end < len(segments) and segments[end][:1].isdigit():
                yield ", ".join(segments[end : end + 1]), "address"
