from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.documents.models import Document, DocumentTag
from joinedup.web.documents.services.tags import current_tags, tag_document, untag_document
from joinedup.web.inquiry.models import Inquiry, LineOfInquiry
from tests.web.documents.conftest import Setting


def test_tagging_and_untagging_keep_who_and_when(
    setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Invented")
    tag = tag_document(document, setting.lines[0], setting.user)
    assert current_tags(document) == [tag]
    untag_document(tag, setting.user)
    tag.refresh_from_db()
    assert tag.removed_by == setting.user and tag.removed_at is not None
    assert current_tags(document) == []
    again = tag_document(document, setting.lines[0], setting.user)
    assert DocumentTag.objects.filter(document=document).count() == 2
    assert current_tags(document) == [again]
    actions = list(AuditEntry.objects.filter(action__startswith="documents.").values_list(
        "action", flat=True))  # fmt: skip
    assert actions.count("documents.tagged") == 2
    assert actions.count("documents.untagged") == 1


def test_a_document_is_tagged_to_a_line_once(
    setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Invented")
    tag_document(document, setting.lines[0], setting.user)
    with pytest.raises(InputError, match="already tagged L1"):
        tag_document(document, setting.lines[0], setting.user)


def test_removing_a_removed_tag_is_refused(setting: Setting, add: Callable[..., Document]) -> None:
    tag = tag_document(add("a.txt", b"Invented"), setting.lines[1], setting.user)
    untag_document(tag, setting.user)
    with pytest.raises(InputError, match="already removed"):
        untag_document(tag, setting.user)


def test_a_line_of_another_inquiry_is_refused(
    setting: Setting, add: Callable[..., Document]
) -> None:
    now = timezone.now()
    other = Inquiry.objects.create(title="Other", created_at=now, created_by=setting.user)
    line = LineOfInquiry.objects.create(inquiry=other, reference="L9", title="X", created_at=now)
    with pytest.raises(InputError, match="another inquiry"):
        tag_document(add("a.txt", b"Invented"), line, setting.user)
