"""An inquiry for tests/web/documents: two lines of inquiry, an evidence request to the
police, agencies, a member of the inquiry team; files go to a fresh data folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.documents.models import Document
from joinedup.web.documents.services import ingest
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry, LineOfInquiry
from joinedup.web.records.models import Agency


@dataclass
class Setting:
    user: Any
    inquiry: Inquiry
    lines: list[LineOfInquiry]
    request: EvidenceRequest
    police: Agency
    council: Agency


@pytest.fixture(autouse=True)
def _data_folder(settings: Any, tmp_path: Any) -> None:
    settings.DATA_DIR = tmp_path


@pytest.fixture
def setting(db: None, make_user: Callable[..., Any]) -> Setting:
    user = make_user("inquiry_team")
    now = timezone.now()
    inquiry = Inquiry.objects.create(
        title="Invented inquiry into exploitation", created_at=now, created_by=user
    )
    lines = [
        LineOfInquiry.objects.create(inquiry=inquiry, reference=ref, title=title, created_at=now)
        for ref, title in (("L1", "Missing episodes"), ("L2", "Information sharing"))
    ]
    police = Agency.objects.get_or_create(
        code="POL", defaults={"name": "Police", "kind": "police"}
    )[0]
    council = Agency.objects.get_or_create(
        code="CSC", defaults={"name": "Children's social care", "kind": "childrens_social_care"}
    )[0]
    request = EvidenceRequest.objects.create(
        inquiry=inquiry,
        reference="R9-001",
        kind=EvidenceRequest.RULE_9,
        status=EvidenceRequest.COMPLIED,
        recipient_agency=police,
        matters="Missing episodes 2015 to 2019",
        issued_on=date(2026, 1, 5),
        deadline=date(2026, 3, 5),
        created_at=now,
        created_by=user,
    )
    return Setting(user, inquiry, lines, request, police, council)


@pytest.fixture
def add(setting: Setting) -> Callable[..., Document]:
    """add(name, data, title=..., **more): ingest.add_document for the test inquiry."""

    def make(name: str, data: bytes, title: str = "Invented document", **more: Any) -> Document:
        return ingest.add_document(
            inquiry=setting.inquiry,
            uploaded_name=name,
            data=data,
            title=title,
            user=setting.user,
            **more,
        )

    return make
