from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.errors import FileFormatError, InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.documents.models import Document, DocumentVersion, StoredFile
from joinedup.web.documents.services import files, ingest
from tests.web.documents import samples
from tests.web.documents.conftest import Setting


def test_a_document_gets_a_reference_version_1_and_its_text(
    setting: Setting, add: Callable[..., Document]
) -> None:
    first = add("a.txt", b"First invented note")
    second = add("b.pdf", samples.pdf_with_text("Second invented note"), agency=setting.police)
    assert (first.reference, second.reference) == ("INQ000001", "INQ000002")
    version = second.versions.get()
    assert version.number == 1
    assert version.text_from == "pdf"
    assert "Second invented note" in version.text
    assert version.file.media_type == "application/pdf"
    assert second.agency == setting.police


def test_uploading_is_audited_with_ids_only(setting: Setting, add: Callable[..., Document]) -> None:
    document = add("a.txt", b"Invented note naming Jane Doe", title="Jane Doe's referral")
    entry = AuditEntry.objects.get(action="documents.uploaded")
    assert entry.target_id == str(document.pk)
    assert "Jane" not in str(entry.detail)
    assert entry.detail["version"] == 1


def test_metadata_is_kept(setting: Setting, add: Callable[..., Document]) -> None:
    details = ingest.DocumentDetails(
        author="Detective Sergeant",
        request=setting.request,
        live_investigation=True,
        live_investigation_note="Operation invented",
    )
    document = add("a.txt", b"Invented", details=details)
    document.refresh_from_db()
    assert document.request == setting.request
    assert document.author == "Detective Sergeant"
    assert document.live_investigation


def test_a_request_of_another_inquiry_is_refused(
    setting: Setting, add: Callable[..., Document], make_user: Callable[..., Any]
) -> None:
    from django.utils import timezone

    from joinedup.web.inquiry.models import Inquiry

    other = Inquiry.objects.create(
        title="Another inquiry", created_at=timezone.now(), created_by=setting.user
    )
    with pytest.raises(InputError, match="another inquiry"):
        ingest.add_document(
            inquiry=other, uploaded_name="a.txt", data=b"x", title="T", user=setting.user,
            details=ingest.DocumentDetails(request=setting.request),
        )  # fmt: skip


def test_a_refused_file_leaves_nothing_behind(
    setting: Setting, add: Callable[..., Document]
) -> None:
    with pytest.raises(FileFormatError):
        add("report.pdf", b"not a pdf at all")
    assert not Document.objects.exists()
    assert not StoredFile.objects.exists()
    assert not AuditEntry.objects.filter(action="documents.uploaded").exists()


def test_a_new_version_is_numbered_and_audited(
    setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Draft one")
    version = ingest.add_version(
        document, uploaded_name="a2.txt", data=b"Draft two", user=setting.user
    )
    assert version.number == 2
    assert [v.number for v in document.versions.all()] == [1, 2]
    assert AuditEntry.objects.filter(action="documents.version_added").count() == 1


def test_the_same_file_again_as_a_version_is_refused(
    setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Draft one")
    with pytest.raises(InputError, match="already version 1 of INQ000001"):
        ingest.add_version(
            document, uploaded_name="again.txt", data=b"Draft one", user=setting.user
        )


def test_the_same_bytes_are_stored_once_and_their_holders_found(
    setting: Setting, add: Callable[..., Document]
) -> None:
    first = add("a.txt", b"Exactly these bytes")
    second = add("copy.txt", b"Exactly these bytes")
    assert StoredFile.objects.count() == 1
    assert DocumentVersion.objects.filter(file=StoredFile.objects.get()).count() == 2
    assert ingest.documents_holding(b"Exactly these bytes") == [first, second]
    assert files.read_file(second.versions.get().file) == b"Exactly these bytes"
