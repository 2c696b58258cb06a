"""A small inquiry for tests/web/inquiry: agencies, a lead, and the inquiry.

- `agencies`: CSC, POL and HLT (code -> Agency).
- `lead`: a user of the inquiry team who set the inquiry up (so its lead).
- `inquiry`: the inquiry (non-statutory); `statutory_inquiry` makes it statutory.
- `make_request(kind=..., agency=..., deadline=..., issued=...)`: a request, issued
  `issued` days ago when given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.inquiry.models import EvidenceRequest, Inquiry
from joinedup.web.inquiry.services.requests import RequestDraft, change_status, draft_request
from joinedup.web.inquiry.services.setup import InquiryDetails, set_up_inquiry
from joinedup.web.records.models import Agency

AGENCIES = {
    "CSC": ("Children's social care", "childrens_social_care"),
    "POL": ("Police", "police"),
    "HLT": ("Health", "health"),
}


@pytest.fixture
def agencies(db: None) -> dict[str, Agency]:
    return {
        code: Agency.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})[0]
        for code, (name, kind) in AGENCIES.items()
    }


@pytest.fixture
def lead(make_user: Callable[..., Any]) -> Any:
    return make_user("inquiry_team", first_name="Imogen", last_name="Hart")


@pytest.fixture
def inquiry(lead: Any, agencies: dict[str, Agency]) -> Inquiry:
    details = InquiryDetails("Invented inquiry into exploitation", "A Chair", False, None)
    return set_up_inquiry(lead, details, "To examine what agencies knew.")


@pytest.fixture
def statutory_inquiry(inquiry: Inquiry) -> Inquiry:
    inquiry.statutory = True
    inquiry.save()
    return inquiry


@pytest.fixture
def make_request(
    inquiry: Inquiry, lead: Any, agencies: dict[str, Agency]
) -> Callable[..., EvidenceRequest]:
    def make(
        kind: str = EvidenceRequest.RULE_9,
        agency: str | None = "CSC",
        name: str = "",
        deadline: int = 30,
        issued: int | None = None,
        matters: str = "First matter\nSecond matter",
    ) -> EvidenceRequest:
        today = timezone.localdate()
        draft = RequestDraft(
            kind,
            agencies[agency] if agency else None,
            name,
            matters,
            today + timedelta(days=deadline),
        )
        found = draft_request(lead, inquiry, draft)
        if issued is not None:
            found = change_status(
                lead, found, EvidenceRequest.ISSUED, today - timedelta(days=issued)
            )
        return found

    return make
