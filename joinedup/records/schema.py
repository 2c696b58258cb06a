"""Which canonical fields each record kind has, and what kind of value each holds.

This is the table of docs/import.md ("Canonical fields by record kind") as data:
the mapping loader validates a mapping file against it, and the field compiler
chooses each field's converter from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Compound", "Simple", "RECORD_FIELDS", "FIELD_SPEC_KEYS", "DATE_KINDS"]

FIELD_SPEC_KEYS = frozenset(
    {"column", "value", "required", "codes", "missing", "formats", "separator"}
)

DATE_KINDS = frozenset({"date", "datetime", "day"})


@dataclass(frozen=True, slots=True)
class Simple:
    """One value: `kind` is text, code, date, datetime, day, postcode, phone, email,
    phone_written, registration_written, identifier, reference, grade or choice.
    An identifier with a constant scheme is read as that scheme (nhs_number, upn, ...)."""

    kind: str = "text"
    vocabulary: str | None = None
    """For a code: its vocabulary. For a reference: the record kind referred to."""
    required: bool = False
    default: str | None = None
    """The canonical value a blank stands for when the mapping gives no `missing`."""
    choices: tuple[str, ...] = ()
    """For a choice: the constants allowed."""


@dataclass(frozen=True, slots=True)
class Compound:
    """A field made of entries (an address, a participant) or of several parts (a grade)."""

    parts: dict[str, Simple]
    """Sub-fields; 'value' is the entry's own column (given with field-spec keys).
    Registrations and phone numbers that become records of their own are read as
    (normalised, as written) pairs: kinds registration_written and phone_written."""
    many: bool = True
    """A list of entries is allowed, and `list` reaches a JSON array of objects."""
    constants: frozenset[str] = field(default_factory=frozenset)
    """Parts where a plain string is a constant (`role: subject`), not a column."""
    value_alias: str | None = None
    """Another name for the 'value' part (`person` in participants)."""


TEXT = Simple()
REQUIRED_TEXT = Simple(required=True)
DATE = Simple("date")

_INLINE_PLACE = Compound(
    {
        "name": TEXT,
        "kind": Simple("code", "place_kind", default="other"),
        "postcode": Simple("postcode"),
        "uprn": TEXT,
        "address_line": TEXT,
    },
    many=False,
)

_PERSON: dict[str, Simple | Compound] = {
    "source_id": REQUIRED_TEXT,
    "forenames": TEXT,
    "surname": TEXT,
    "dob": DATE,
    "sex": Simple("code", "sex", default="not_known"),
    "gender": TEXT,
    "ethnicity": Simple("code", "ethnicity", default="not_known"),
    "nationality": TEXT,
    "age_group": Simple("code", "age_group", default="not_known"),
    "other_names": Compound(
        {
            "value": TEXT,
            "kind": Simple("code", "other_name_kind", default="alias"),
            "part": Simple("choice", choices=("full", "forenames", "surname"), default="full"),
        },
        constants=frozenset({"kind", "part"}),
    ),
    "addresses": Compound(
        {"postcode": Simple("postcode"), "line": TEXT, "uprn": TEXT, "from": DATE, "to": DATE}
    ),
    "phones": Compound({"value": Simple("phone")}),
    "emails": Compound({"value": Simple("email")}),
    "identifiers": Compound(
        {
            "value": Simple("identifier"),
            "scheme": Simple("code", "identifier_scheme", required=True),
        },
        constants=frozenset({"scheme"}),
    ),
}

_EVENT: dict[str, Simple | Compound] = {
    "source_id": REQUIRED_TEXT,
    "event_type": Simple("code", "event_type", required=True),
    "occurred": Simple("datetime", required=True),
    "recorded": Simple("day"),
    "summary": TEXT,
    "narrative": TEXT,
    "sensitivity": Simple("code", "sensitivity", default="standard"),
    "place": _INLINE_PLACE,
    "place_id": Simple("reference", "place"),
    "participants": Compound(
        {
            "value": Simple("reference", "person"),
            "role": Simple("code", "participant_role", required=True),
        },
        constants=frozenset({"role"}),
        value_alias="person",
    ),
    "vehicles": Compound({"value": Simple("registration_written")}),
    "phones": Compound({"value": Simple("phone_written")}),
    "organisations": Compound({"value": Simple("reference", "organisation")}),
    "grade": Compound(
        {
            "value": Simple("grade"),
            "source": Simple("code", "intelligence_source"),
            "intelligence": Simple("code", "intelligence_assessment"),
            "handling": Simple("code", "handling_code"),
        },
        many=False,
    ),
}

_PLACE: dict[str, Simple | Compound] = {
    "source_id": REQUIRED_TEXT,
    "name": TEXT,
    "kind": Simple("code", "place_kind", default="other"),
    "postcode": Simple("postcode"),
    "uprn": TEXT,
    "address_line": TEXT,
}

_VEHICLE: dict[str, Simple | Compound] = {
    "source_id": TEXT,
    "registration": Simple("registration_written", required=True),
    "make": TEXT,
    "model": TEXT,
    "colour": TEXT,
}

_PHONE: dict[str, Simple | Compound] = {
    "source_id": TEXT,
    "number": Simple("phone_written", required=True),
}

_ORGANISATION: dict[str, Simple | Compound] = {
    "source_id": REQUIRED_TEXT,
    "name": REQUIRED_TEXT,
    "kind": Simple("code", "organisation_kind", default="other"),
    "licence_numbers": Compound({"value": TEXT}),
    "place": _INLINE_PLACE,
    "place_id": Simple("reference", "place"),
    "phones": Compound({"value": Simple("phone_written")}),
}

RECORD_FIELDS: dict[str, dict[str, Simple | Compound]] = {
    "person": _PERSON,
    "event": _EVENT,
    "place": _PLACE,
    "vehicle": _VEHICLE,
    "phone": _PHONE,
    "organisation": _ORGANISATION,
}
"""Canonical fields of each record kind."""

MUST_MAP: dict[str, tuple[str, ...]] = {
    "person": ("source_id",),
    "event": ("source_id", "event_type", "occurred"),
    "place": ("source_id",),
    "vehicle": ("registration",),
    "phone": ("number",),
    "organisation": ("source_id", "name"),
}
"""Fields every table of that record kind must map."""
