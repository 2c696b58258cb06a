"""Plain functions that make the objects the themes tests need (the conftest's fixtures
and the permission matrix both use them)."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date
from typing import Any

from django.utils import timezone

_numbers = itertools.count(1)


def make_inquiry(user: Any, title: str = "") -> Any:
    from joinedup.web.inquiry.models import Inquiry

    number = next(_numbers)
    return Inquiry.objects.create(
        title=title or f"Themes test inquiry {number}", created_at=timezone.now(), created_by=user
    )


def make_account(
    inquiry: Any,
    user: Any,
    text: str,
    years: tuple[int | None, int | None] = (None, None),
    *,
    research: bool = True,
    quote: bool = False,
    approved: bool = True,
) -> Any:
    """An account with an anonymised version and the survivor's consent choices."""
    from joinedup.web.survivors.models import Account, AnonymisedAccount, ConsentRecord

    number = next(_numbers)
    now = timezone.now()
    account = Account.objects.create(
        inquiry=inquiry,
        reference=f"TA{number:06d}",
        channel="in_person",
        received_at=now,
        recorded_by=user,
        text="(the account itself)",
    )
    ConsentRecord.objects.create(
        account=account,
        research_use=research,
        quote_anonymously=quote,
        source="staff",
        asked_by=user,
        asked_at=now,
        recorded_at=now,
    )
    return AnonymisedAccount.objects.create(
        account=account,
        reference=f"TN{number:06d}",
        text=text,
        period_start_year=years[0],
        period_end_year=years[1],
        prepared_by=user,
        approved_by=user if approved else None,
        approved_at=now if approved else None,
    )


def make_document_version(inquiry: Any, user: Any, text: str, dated: date | None = None) -> Any:
    from joinedup.web.documents.models import Document, DocumentVersion, StoredFile

    number = next(_numbers)
    now = timezone.now()
    stored = StoredFile.objects.create(
        sha256=hashlib.sha256(f"{number}{text}".encode()).hexdigest(),
        size=len(text),
        media_type="text/plain",
        original_name=f"doc{number}.txt",
        stored_at=now,
    )
    document = Document.objects.create(
        inquiry=inquiry,
        reference=f"TDOC{number:05d}",
        title=f"Test document {number}",
        dated=dated,
        created_at=now,
        created_by=user,
    )
    return DocumentVersion.objects.create(
        document=document, number=1, file=stored, text=text, created_at=now, created_by=user
    )
