"""Permission-matrix rows for redaction (/inquiry/redaction/) and what core participants
read (/inquiry/released/).

Redaction is the inquiry team's alone (`inquiry_work`): every council role, the
auditor and the administrator get 403, and so do core participants and panel members
(access/areas.py). Released documents need `read_released_documents` (the inquiry team
and core participants); the matrix's core participant is not a participant of the
inquiry, so the document is not found for them (404) while the list is empty (200).
Producing a copy and approving one are POSTed: the matrix's empty POST re-renders the
page with the error (200). The matrix's inquiry-team user is not named to approve
releases, so approval is refused on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.web.matrix.common import GONE, LOGIN, NO, OK, START, Borough

INQUIRY = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO)
POSTED_BY_INQUIRY = (START, NO, NO, NO, NO, NO, OK, NO, NO)  # a POST signed out: to sign-in
RELEASED_LIST = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO, OK, NO)
RELEASED_DOCUMENT = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO, GONE, NO)

# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    "redaction:index": INQUIRY,
    "redaction:version": INQUIRY,
    "redaction:suggest": INQUIRY,
    "redaction:accept-person": INQUIRY,
    "redaction:manual": INQUIRY,
    "redaction:produce": POSTED_BY_INQUIRY,
    "redaction:redaction": INQUIRY,
    "redaction:check": INQUIRY,
    "redaction:production": INQUIRY,
    "redaction:production-pdf": INQUIRY,
    "redaction:approve": POSTED_BY_INQUIRY,
    "redaction:withdraw": INQUIRY,
    "redaction:ciphers": INQUIRY,
    "redaction:cipher-add": INQUIRY,
    "released:index": RELEASED_LIST,
    "released:document": RELEASED_DOCUMENT,
    "released:pdf": RELEASED_DOCUMENT,
}
# fmt: on
POSTED = {"redaction:produce", "redaction:approve"}
PAGE_ARGS: dict[str, dict[str, str]] = {
    "redaction:version": {"version_id": "redaction_version"},
    "redaction:suggest": {"version_id": "redaction_version"},
    "redaction:accept-person": {"version_id": "redaction_version"},
    "redaction:manual": {"version_id": "redaction_version"},
    "redaction:produce": {"version_id": "redaction_version"},
    "redaction:redaction": {"redaction_id": "redaction"},
    "redaction:check": {"redaction_id": "redaction"},
    "redaction:production": {"production_id": "redaction_production"},
    "redaction:production-pdf": {"production_id": "redaction_production"},
    "redaction:approve": {"production_id": "redaction_production"},
    "redaction:withdraw": {"release_id": "redaction_release"},
    "released:document": {"release_id": "redaction_release"},
    "released:pdf": {"release_id": "redaction_release"},
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """A document with one manual redaction, decided and checked; a copy produced and
    released to core participants (and to the inquiry team before them)."""
    from joinedup.web.redaction.services.production import produce
    from joinedup.web.redaction.services.release import approve
    from joinedup.web.redaction.services.review import Decision, add_manual, check
    from tests.web.redaction.helpers import make_document, make_team

    team = make_team(make_user)
    version = make_document(team.inquiry, team.reviewer, "Invented note about Kim Vale.")
    decision = Decision(True, "third_party_personal_data", "Not needed")
    redaction = add_manual(team.reviewer, version, 20, 28, decision)
    check(team.checker, redaction, True, "", redaction.version)
    approve(team.approver, produce(team.checker, version, "inquiry_team"))
    production = produce(team.checker, version, "core_participants")
    release = approve(team.approver, production)
    return {
        "redaction_version": str(version.pk),
        "redaction": str(redaction.pk),
        "redaction_production": str(production.pk),
        "redaction_release": str(release.pk),
    }
