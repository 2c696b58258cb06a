"""What the permission matrix's tables are written in: outcomes, roles and columns.

Each page area adds its rows in a module of this package (see `__init__.py`), written
with these names so every table reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Outcomes -------------------------------------------------------------------------
# Pages without a person (short names, so the table fits):
OK = "ok"  # 200
LOGIN = "login"  # 302 to /sign-in/?next=<the page> (the sign-in middleware)
START = "start"  # 302 to /sign-in/ (a sign-in step with nothing pending, or signed out)
HOME = "home"  # 302 to / (already signed in)
EMPTY = "204"  # 204 No Content (the session was extended)
NO = "403"  # 403: the role may not use this page
GONE = "404"  # 404: not found (someone else's notification or token)
ADMIN = "admin"  # 302 to Django's admin login, which answers 403
# Pages of a child's record (the words in RECORD_PAGES' cells):
OPEN = "open"  # 302 to the purpose step; 200 once a purpose is given; audited
DENY = "deny"  # 403, audited as person.access_denied
PURPOSE = "purpose"  # 302 to the purpose step (break-glass when access is already allowed)
FORM = "form"  # 200 with the form (the purpose step, break-glass without access)
MISSING = "404"  # no such person

ANONYMOUS = "anonymous"
ROLES = (
    "specialist_practitioner",
    "team_manager",
    "police_analyst",
    "health_safeguarding_lead",
    "school_safeguarding_lead",
    "inquiry_team",
    "auditor",
    "administrator",
    # From outside the partnership (issue 7): they reach only their own areas
    # (access/areas.py), so a row written for the nine columns above gets NO for both.
    "core_participant",
    "survivor_panel",
)
OUTSIDERS = ("core_participant", "survivor_panel")
COLUMNS = (ANONYMOUS, *ROLES)
COUNCIL_COLUMNS = len(COLUMNS) - len(OUTSIDERS)


def for_every_column(row: tuple[str, ...]) -> tuple[str, ...]:
    """A row with a cell per column: a row of the nine council columns gets NO for each
    role from outside the partnership."""
    if len(row) == COUNCIL_COLUMNS:
        return (*row, *(NO for _ in OUTSIDERS))
    return row


CHILDREN = ("allocated", "agreement", "neither", "no_such_person")
NO_SUCH_PERSON = "P-9999999"

# The agency of each role's user in the matrix (other roles have the council's, CSC).
ROLE_AGENCY = {
    "specialist_practitioner": "CSC",
    "team_manager": "CSC",
    "police_analyst": "POL",
    "health_safeguarding_lead": "HLT",
    "school_safeguarding_lead": "EDU",
}


@dataclass(frozen=True)
class Borough:
    """The matrix's small synthetic borough (20 children), imported, linked, screened."""

    known_to: dict[str, list[str]]  # agency code -> children with records there
    not_known_to: dict[str, list[str]]  # agency code -> children with none there
    known_to_none: str  # a child no role's agency holds a record of
