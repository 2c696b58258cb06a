"""Rows of the permission matrix for the retention pages (/retention/).

Records managers (`manage_retention`: administrators) use every page; the inquiry team
(`place_legal_holds`) sees the start page, the schedule, the holds and the destruction
log, and places and lifts holds. Nobody else uses any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import timezone

from tests.web.matrix.common import LOGIN, NO, OK, Borough

# fmt: off
RECORDS_MANAGERS = (LOGIN, NO, NO, NO, NO, NO, NO, NO, OK)
WITH_THE_INQUIRY = (LOGIN, NO, NO, NO, NO, NO, OK, NO, OK)
PAGES: dict[str, tuple[str, ...]] = {
    #                           anon   prac   mgr    police health school inq    audit  admin
    "retention:index":          WITH_THE_INQUIRY,
    "retention:schedule":       WITH_THE_INQUIRY,
    "retention:due":            RECORDS_MANAGERS,
    "retention:record":         RECORDS_MANAGERS,
    "retention:approvals":      RECORDS_MANAGERS,
    "retention:approval":       RECORDS_MANAGERS,
    "retention:holds":          WITH_THE_INQUIRY,
    "retention:hold":           WITH_THE_INQUIRY,
    "retention:hold-new":       WITH_THE_INQUIRY,
    "retention:hold-lift":      WITH_THE_INQUIRY,
    "retention:log":            WITH_THE_INQUIRY,
}
# fmt: on
PAGE_ARGS: dict[str, dict[str, str]] = {
    "retention:record": {"kind": "agency_record", "key": "retention_record"},
    "retention:approval": {"decision_id": "retention_decision"},
    "retention:hold": {"hold_id": "legal_hold"},
    "retention:hold-lift": {"hold_id": "legal_hold"},
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """A hold, a council record of the borough, and a decision to destroy it."""
    from joinedup.web.records.models import SourcePerson
    from joinedup.web.retention.models import LegalHold, RetentionDecision

    record = SourcePerson.objects.filter(agency__code="CSC").order_by("pk").first()
    assert record is not None, "the borough has no council record"
    key = f"CSC:{record.source_id}"
    hold = LegalHold.objects.create(
        name="Matrix inquiry", purpose="inquiry", reason="Terms of reference",
        scope="agency", agency=record.agency, placed_by=make_user("inquiry_team"),
        placed_at=timezone.now(),
    )  # fmt: skip
    decision = RetentionDecision.objects.create(
        kind="agency_record", key=key, record_type="csc_record",
        trigger_date=date(2000, 1, 1), due_date=date(2021, 1, 1), rule="-",
        schedule_version="-", outcome="destroy", reason="Past its period",
        decided_by=make_user("administrator"), decided_at=timezone.now(), status="awaiting",
    )  # fmt: skip
    return {"retention_record": key, "legal_hold": str(hold.pk),
            "retention_decision": str(decision.pk)}  # fmt: skip
