"""What a practitioner typed into the search: a name, a date of birth, an identifier."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from joinedup.records.normalise import (
    normalise_nhs_number,
    normalise_ni_number,
    normalise_pnc_id,
    normalise_upn,
)
from joinedup.records.partial_dates import PartialDate

__all__ = ["SearchTerms"]

_NORMALISERS: tuple[Callable[[str], str], ...] = (
    normalise_nhs_number,
    normalise_upn,
    normalise_pnc_id,
    normalise_ni_number,
)
_SPACES = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class SearchTerms:
    """Any of a name (forename and surname, or one name), a partial date of birth and an
    identifier; at least one is given."""

    name: str = ""
    dob: PartialDate | None = None
    identifier: str = ""

    @cached_property
    def _tokens(self) -> list[str]:
        return self.name.split()

    @property
    def forename(self) -> str:
        """The first word typed (the only one when one word was typed)."""
        return self._tokens[0] if self._tokens else ""

    @property
    def surname(self) -> str:
        """The last word typed, when more than one was."""
        return self._tokens[-1] if len(self._tokens) > 1 else ""

    def identifier_forms(self) -> frozenset[str]:
        """The identifier as typed (upper case, no spaces) and as each kind would store
        it: '943 476 5919' is also '9434765919', '1998/0123456a' also '98/123456A'."""
        typed = self.identifier.strip().upper()
        forms = {typed, _SPACES.sub("", typed)}
        for normalise in _NORMALISERS:
            try:
                forms.add(normalise(typed).upper())
            except ValueError:
                continue
        return frozenset(f for f in forms if f)

    def audit_detail(self) -> dict[str, str]:
        """The terms for the audit log (the query, never the results)."""
        return {
            "name": self.name,
            "dob": self.dob.iso() if self.dob else "",
            "identifier": self.identifier,
        }
