"""Evidence: links and files, kept content-addressed with their hash; only safe types."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.recommendations.models import Evidence
from joinedup.web.recommendations.services.evidence import add_evidence, evidence_path
from tests.web.recommendations.conftest import Tracker

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% invented minutes of a partnership board\n%%EOF\n"


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def _post(client: Any, tracker: Tracker, **data: Any) -> Any:
    data.setdefault("version", tracker.action.version)
    return client.post(f"/recommendations/actions/{tracker.action.pk}/evidence/", data)


def test_a_file_is_stored_under_its_hash_and_can_be_downloaded(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client(user=tracker.owner)
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    page = _post(client, tracker, description="Board minutes approving it", link="", file=upload)
    assert page.status_code == 302
    evidence = Evidence.objects.get()
    digest = hashlib.sha256(PDF).hexdigest()
    assert (evidence.sha256, evidence.size, evidence.file_name) == (digest, len(PDF), "minutes.pdf")
    path = evidence_path(digest)
    assert path.read_bytes() == PDF
    assert str(path).startswith(str(settings.DATA_DIR)) and path.parent.name == digest[:2]
    entry = AuditEntry.objects.get(action="recommendations.evidence_added")
    assert entry.detail["sha256"] == digest
    assert tracker.action.updates.last().kind == "evidence"  # type: ignore[union-attr]
    download = signed_in_client("auditor").get(f"/recommendations/evidence/{evidence.pk}/")
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


def test_the_same_file_twice_is_stored_once(tracker: Tracker) -> None:
    for n in range(2):
        upload = SimpleUploadedFile("a.txt", b"The procedure, version 2\n")
        add_evidence(tracker.owner, tracker.action, f"Copy {n}", upload=upload)
    assert Evidence.objects.count() == 2
    folder = evidence_path(Evidence.objects.first().sha256).parent  # type: ignore[union-attr]
    assert len(list(folder.iterdir())) == 1


def test_a_link_alone_is_evidence(signed_in_client: Callable[..., Any], tracker: Tracker) -> None:
    client = signed_in_client(user=tracker.owner)
    _post(client, tracker, description="Published policy", link="https://example.org/policy")
    evidence = Evidence.objects.get()
    assert (evidence.link, evidence.sha256) == ("https://example.org/policy", "")
    assert (
        signed_in_client("auditor").get(f"/recommendations/evidence/{evidence.pk}/").status_code
        == 404
    )


def test_evidence_needs_a_link_or_a_file(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    page = _post(
        signed_in_client(user=tracker.owner), tracker, description="Nothing attached", link=""
    )
    assert page.status_code == 200 and "Give a link to the evidence or choose a file" in page.text
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "must be one of these types"),
        ("minutes.pdf", b"not really a pdf", "is not a valid .pdf file"),
        ("notes.txt", b"\x00\x01binary", "is not a valid .txt file"),
        ("report.docx", b"PK\x03\x04 broken", "is not a valid .docx file"),
    ],
)
def test_files_of_other_types_or_disguised_are_refused(
    tracker: Tracker, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        add_evidence(tracker.owner, tracker.action, "x", upload=SimpleUploadedFile(name, content))
    assert not Evidence.objects.exists()
    assert not AuditEntry.objects.filter(action="recommendations.evidence_added").exists()


def test_a_word_document_and_an_image_are_accepted(tracker: Tracker) -> None:
    add_evidence(
        tracker.owner, tracker.action, "Report", upload=SimpleUploadedFile("r.docx", _docx())
    )
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    add_evidence(
        tracker.owner,
        tracker.action,
        "Photo of the poster",
        upload=SimpleUploadedFile("p.png", png),
    )
    kinds = set(Evidence.objects.values_list("content_type", flat=True))
    assert "image/png" in kinds and any("wordprocessingml" in k for k in kinds)


def test_a_file_over_the_size_cap_is_refused(
    signed_in_client: Callable[..., Any], tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from joinedup.web.recommendations.services import evidence

    monkeypatch.setattr(evidence, "evidence_max_bytes", lambda: 1024)
    upload = SimpleUploadedFile("big.txt", b"a" * 2048)
    page = _post(signed_in_client(user=tracker.owner), tracker, description="Big", file=upload)
    assert page.status_code == 200 and "The file must be smaller than" in page.text
    assert not Evidence.objects.exists()


def test_only_the_owner_or_their_agency_may_add_evidence(
    signed_in_client: Callable[..., Any], tracker: Tracker, agencies: dict[str, Any]
) -> None:
    police = signed_in_client("police_analyst", agency=agencies["POL"])
    assert _post(police, tracker, description="x", link="https://example.org").status_code == 403
    assert not Evidence.objects.exists()
