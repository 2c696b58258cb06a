"""Suggest redactions in documents: known people's names and details, and UK identifiers.

Imports no Django. A `Redactor` is built once from the people already in the index (a
deny-list of every way their names and details may be written) and reused for many
documents; pattern recognisers add postcodes, phone, NHS and National Insurance numbers,
e-mail addresses, vehicle registrations, street addresses and dates of birth. Every
suggestion is for a person to review. See docs/redaction.md.

    from joinedup.disclosure.redaction import KnownPerson, Redactor, apply_redactions
    redactor = Redactor([KnownPerson("P1", "Jade", "Smith", dob="2009-04-03")])
    spans = redactor.suggest(text)
    published = apply_redactions(text, spans)          # "[Name] (DOB [Date of birth]) …"
"""

from __future__ import annotations

from joinedup.disclosure.redaction.people_file import read_known_people
from joinedup.disclosure.redaction.redactor import Redactor, suggest_redactions
from joinedup.disclosure.redaction.spans import (
    Category,
    KnownPerson,
    Span,
    apply_redactions,
    categories,
    category_label,
)

__all__ = [
    "Category",
    "KnownPerson",
    "Redactor",
    "Span",
    "apply_redactions",
    "categories",
    "category_label",
    "read_known_people",
    "suggest_redactions",
]
