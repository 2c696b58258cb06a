"""Permission-matrix rows for the front door (/front-door/, docs/frontdoor.md).

Every role that makes referrals reaches the start page, both referral forms and its own
referrals. The matrix's contact was made by another user (a police analyst) and is in
screening: screeners (practitioner, manager) open it and every screening step; other
referrers get 404 (a referrer sees only their own referrals, and cannot learn which
references exist); roles that neither refer nor screen are refused (403). The
timescales and the duty rota are for holders of `allocate_cases` (the team manager).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.web.matrix.common import GONE, LOGIN, NO, OK, Borough

REFERRERS = (LOGIN, OK, OK, OK, OK, OK, NO, NO, NO)
SCREENERS = (LOGIN, OK, OK, NO, NO, NO, NO, NO, NO)
MANAGERS = (LOGIN, NO, OK, NO, NO, NO, NO, NO, NO)
# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    #                            anon   prac   mgr    police health school inq    audit  admin
    "frontdoor:index":          REFERRERS,
    "frontdoor:refer":          REFERRERS,
    "frontdoor:refer-school":   REFERRERS,
    "frontdoor:my-referrals":   REFERRERS,
    "frontdoor:queue":          SCREENERS,
    "frontdoor:contact":        (LOGIN, OK,    OK,    GONE,  GONE,  GONE,  NO,    NO,    NO),
    "frontdoor:link-child":     SCREENERS,
    "frontdoor:rate":           SCREENERS,
    "frontdoor:mark-urgent":    SCREENERS,
    "frontdoor:decide":         SCREENERS,
    "frontdoor:timescales":     MANAGERS,
    "frontdoor:rota":           MANAGERS,
}
# fmt: on
PAGE_ARGS: dict[str, dict[str, str]] = {
    name: {"reference": "frontdoor_contact"}
    for name in (
        "frontdoor:contact",
        "frontdoor:link-child",
        "frontdoor:rate",
        "frontdoor:mark-urgent",
        "frontdoor:decide",
    )
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """A contact made by a police analyst, in screening by another practitioner."""
    from joinedup.web.frontdoor.services import receive_contact, start_screening

    details = {
        "child_forenames": "Robin",
        "child_surname": "Matrix",
        "concerns": "Seen with an older adult late at night.",
        "family_aware": "not_known",
        "consent": "not_sought_risk",
        "referrer_name": "Matrix Referrer",
        "referrer_phone": "01632 960001",
    }
    contact = receive_contact(make_user("police_analyst"), details)
    start_screening(make_user("specialist_practitioner"), contact, version=None)
    return {"frontdoor_contact": contact.reference}
