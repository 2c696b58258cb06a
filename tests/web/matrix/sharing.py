"""Permission matrix rows for information-sharing decisions (/sharing-decisions/).

The register, the export and the forms need `record_sharing_decisions`. One decision is
made by a police analyst of POL about a context, awaiting Caldicott advice: the matrix's
police analyst (also POL) has it on their register; every other role finds nothing (404)
or, without either capability, is refused (403). A child's sharing pages are pages of
the child's record, with its gate; recording a decision about a child needs the
capability too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.web.matrix.common import GONE, LOGIN, NO, OK, Borough

# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    #                               anon   prac   mgr    police health school inq    audit  admin
    "sharing:register":            (LOGIN, OK,    OK,    OK,    OK,    OK,    NO,    NO,    NO),
    "sharing:export":              (LOGIN, OK,    OK,    OK,    OK,    OK,    NO,    NO,    NO),
    "sharing:new":                 (LOGIN, OK,    OK,    OK,    OK,    OK,    NO,    NO,    NO),
    "sharing:new-context":         (LOGIN, OK,    OK,    OK,    OK,    OK,    NO,    NO,    NO),
    # Another agency's decision about a context: only its agency's register holds it. The
    # inquiry team opens children, not contexts: not found.
    "sharing:decision":            (LOGIN, GONE,  GONE,  OK,    GONE,  GONE,  GONE,  NO,    NO),
    "sharing:correct":             (LOGIN, GONE,  GONE,  OK,    GONE,  GONE,  NO,    NO,    NO),
    "sharing:caldicott-advice":    (LOGIN, GONE,  GONE,  OK,    GONE,  GONE,  NO,    NO,    NO),
}
# fmt: on
PAGE_ARGS = {
    name: {"reference": "sharing_decision"}
    for name in ("sharing:decision", "sharing:correct", "sharing:caldicott-advice")
}

# Each cell: (allocated, agreement, neither, no such person), as in the main module.
_OPENS = {
    "specialist_practitioner": "open deny deny 404",
    "team_manager": "open deny deny 404",
    "police_analyst": "open open deny 404",
    "health_safeguarding_lead": "open open deny 404",
    "school_safeguarding_lead": "open open deny 404",
}
_NOBODY = "deny deny deny deny"
RECORD_PAGES: dict[str, dict[str, str]] = {
    "sharing:child": {
        **_OPENS,
        "inquiry_team": "open open open 404",
        "auditor": _NOBODY,
        "administrator": _NOBODY,
    },
    "sharing:new-child": {
        **_OPENS,
        "inquiry_team": _NOBODY,
        "auditor": _NOBODY,
        "administrator": _NOBODY,
    },
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    from joinedup.web.records.models import Agency
    from joinedup.web.sharing.services import DecisionInput, Subject, record_decision

    police = make_user("police_analyst", agency=Agency.objects.get(code="POL"))
    decision = record_decision(
        police,
        Subject(None, "place", "A takeaway on the high street"),
        DecisionInput(
            categories=("associates",),
            information="Vehicles seen outside the takeaway late at night.",
            recipient_person="Licensing enforcement officer",
            purpose="licensing",
            lawful_basis="law_enforcement",
            outcome="not_shared",
            reason="An investigation is live; sharing now would prejudice it.",
            recipient_agency=Agency.objects.get(code="CSC"),
            caldicott="sought",
        ),
    )
    return {"sharing_decision": decision.reference}
