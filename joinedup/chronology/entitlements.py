"""What a reader of a chronology is entitled to see, and what was withheld from them.

Sharing must be accurate, relevant and proportionate (DOMAIN.md D14, G24-25), so
visibility is decided per entry and per field:

- an entry from an agency outside the reader's sharing agreement is not shown;
- an entry holding special-category data (health, sex life, ethnicity) is shown only to
  a reader entitled to it, and likewise criminal-offence data (including allegations);
- the restricted narrative is shown only to a reader entitled to narratives; everyone
  else sees the shareable summary;
- people other than the chronology's subjects are named only when their role is one the
  reader may see named; reporters and witnesses are described by role only, because
  the identities of people who could be harmed must be protected (DfE 2024). A suspect
  is named only to a reader entitled to criminal-offence data.

Hidden entries are counted, never silently dropped: the chronology says "3 entries from
HLT not shown: the agency is outside the sharing agreement".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_NAMED_ROLES",
    "Entitlements",
    "WithheldCount",
    "count_withheld",
    "may_name",
    "reason_withheld",
]

DEFAULT_NAMED_ROLES: frozenset[str] = frozenset(
    {"subject", "victim", "suspect", "associate", "professional", "licence_holder", "driver"}
)

OUTSIDE_AGREEMENT = "outside_agreement"
SPECIAL_CATEGORY = "special_category"
CRIMINAL_OFFENCE = "criminal_offence"

_REASON_TEXT = {
    OUTSIDE_AGREEMENT: "the agency is outside the sharing agreement",
    SPECIAL_CATEGORY: "special-category data (health, sex life, ethnicity) the reader "
    "is not entitled to",
    CRIMINAL_OFFENCE: "criminal-offence data (including allegations) the reader is not entitled to",
}


@dataclass(frozen=True, slots=True)
class Entitlements:
    """The reader's entitlements under the sharing agreement; the core takes them as given."""

    agencies_visible: frozenset[str] | None = None  # None: every agency
    narratives: bool = False
    special_category: bool = False
    criminal_offence: bool = False
    named_roles: frozenset[str] = DEFAULT_NAMED_ROLES
    narrative_agencies: frozenset[str] | None = None
    """With `narratives`, the agencies whose narratives the reader may read; None: all.
    Agreements differ by agency: a police analyst may read police narratives of a child
    but only the summaries of children's services' records."""

    def may_read_narrative(self, agency: str) -> bool:
        """Whether this reader sees the restricted narrative of an entry from `agency`."""
        if not self.narratives:
            return False
        return self.narrative_agencies is None or agency in self.narrative_agencies

    @classmethod
    def everything(cls) -> Entitlements:
        """A reader entitled to every entry and field (for example the record's owner)."""
        return cls(None, narratives=True, special_category=True, criminal_offence=True)

    def describe(self) -> str:
        """One line for the sharing statement: what this reader may see."""
        narratives = "restricted narratives" if self.narratives else "summaries only"
        if self.narratives and self.narrative_agencies is not None:
            agencies = ", ".join(sorted(self.narrative_agencies)) or "no agency"
            narratives = f"restricted narratives of {agencies}, summaries of the rest"
        parts = [_describe_agencies(self.agencies_visible), narratives]
        parts += ["special-category data"] if self.special_category else []
        parts += ["criminal-offence data"] if self.criminal_offence else []
        return "Shared with a reader entitled to: " + "; ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class WithheldCount:
    """How many entries of one agency were not shown, and why."""

    agency: str
    reason: str  # outside_agreement, special_category, criminal_offence
    count: int

    def statement(self) -> str:
        noun = "entry" if self.count == 1 else "entries"
        return f"{self.count} {noun} from {self.agency} not shown: {_REASON_TEXT[self.reason]}."


def _describe_agencies(agencies: frozenset[str] | None) -> str:
    if agencies is None:
        return "entries from all agencies"
    if not agencies:
        return "entries from no agency"
    return "entries from " + ", ".join(sorted(agencies))


def reason_withheld(event: Mapping[str, Any], reader: Entitlements) -> str | None:
    """Why this event row is not shown to the reader, or None when it is shown."""
    if reader.agencies_visible is not None and event["agency"] not in reader.agencies_visible:
        return OUTSIDE_AGREEMENT
    if event["sensitivity"] == SPECIAL_CATEGORY and not reader.special_category:
        return SPECIAL_CATEGORY
    if event["sensitivity"] == CRIMINAL_OFFENCE and not reader.criminal_offence:
        return CRIMINAL_OFFENCE
    return None


def count_withheld(hidden: Iterable[tuple[str, str]]) -> tuple[WithheldCount, ...]:
    """(agency, reason) pairs -> counts, ordered by reason then agency."""
    order = list(_REASON_TEXT)
    counts = Counter(hidden)
    ordered = sorted(counts.items(), key=lambda kv: (order.index(kv[0][1]), kv[0][0]))
    return tuple(WithheldCount(agency, reason, n) for (agency, reason), n in ordered)


def may_name(role: str, is_subject: bool, reader: Entitlements) -> bool:
    """Whether a person in this role may be named to the reader (else: role only)."""
    if is_subject:
        return True
    if role == "suspect" and not reader.criminal_offence:
        return False
    return role in reader.named_roles
