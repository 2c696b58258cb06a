from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.web.audit.models import AuditEntry
from joinedup.web.documents.models import Document, DocumentTag
from tests.web.documents import samples
from tests.web.documents.conftest import Setting


@pytest.fixture
def client(setting: Setting, signed_in_client: Callable[..., Any]) -> Any:
    return signed_in_client("inquiry_team")


def _upload(client: Any, setting: Setting, name: str, data: bytes, **more: Any) -> Any:
    fields = {"title": "Invented referral", "inquiry": str(setting.inquiry.pk), **more}
    if data:
        fields["file"] = SimpleUploadedFile(name, data)
    return client.post(reverse("documents:upload"), fields)


def test_uploading_makes_a_document_and_shows_it(client: Any, setting: Setting) -> None:
    response = _upload(client, setting, "n.txt", b"Invented referral text",
                       dated_day="4", dated_month="6", dated_year="2019",
                       request=str(setting.request.pk))  # fmt: skip
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:document", args=[document.pk])
    assert document.request == setting.request
    assert document.agency == setting.police  # the request's agency, when none is chosen
    page = client.get(response["Location"])
    assert "Invented referral text" in page.content.decode()
    assert "Added INQ000001" in page.content.decode()


def test_the_request_in_the_address_is_chosen(client: Any, setting: Setting) -> None:
    page = client.get(reverse("documents:upload") + f"?request={setting.request.pk}")
    assert f'<option value="{setting.request.pk}" selected>' in page.content.decode()
    assert '<option value="POL" selected>' in page.content.decode()


def test_a_wrong_file_is_reported_in_the_error_summary(client: Any, setting: Setting) -> None:
    response = _upload(client, setting, "report.pdf", b"not a pdf")
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "report.pdf: the file ends .pdf, but its contents are not that format (PDF)" in text
    assert not Document.objects.exists()


def test_missing_file_and_title_are_reported(client: Any, setting: Setting) -> None:
    response = client.post(reverse("documents:upload"), {"inquiry": str(setting.inquiry.pk)})
    text = response.content.decode()
    assert "Choose the file to upload" in text
    assert "Enter the document&#x27;s title" in text


def test_the_same_file_again_says_which_document_holds_it(client: Any, setting: Setting) -> None:
    _upload(client, setting, "n.txt", b"Exactly these bytes")
    first = Document.objects.get()
    response = _upload(client, setting, "copy.txt", b"Exactly these bytes", title="Copy")
    text = response.content.decode()
    assert "This exact file is already held in" in text
    assert reverse("documents:document", args=[first.pk]) in text
    assert Document.objects.count() == 1
    stored = first.versions.get().file.sha256
    assert f'name="stored" value="{stored}"' in text
    confirmed = client.post(
        reverse("documents:upload"),
        {"stored": stored, "add_anyway": "on", "title": "Copy", "inquiry": setting.inquiry.pk},
    )
    assert confirmed.status_code == 302
    assert Document.objects.count() == 2
    assert Document.objects.get(title="Copy").versions.get().file.sha256 == stored


def test_a_long_text_is_shown_a_page_at_a_time(
    client: Any, setting: Setting, add: Callable[..., Document]
) -> None:
    pages = [f"Invented page {n} " + "words " * 40 for n in (1, 2, 3)]
    document = add("r.pdf", samples.pdf_with_text(*pages))
    url = reverse("documents:document", args=[document.pk])
    first = client.get(url).content.decode()
    assert "Page 1 of 3" in first and "Invented page 1" in first
    assert "Invented page 2" not in first
    second = client.get(url + "?page=2").content.decode()
    assert "Invented page 2" in second
    entry = AuditEntry.objects.filter(action="documents.viewed").last()
    assert entry is not None and entry.detail == {"version": 1, "page": 2}


def test_downloading_gives_the_original_bytes_and_is_audited(
    client: Any, setting: Setting, add: Callable[..., Document]
) -> None:
    data = samples.docx_with(["Invented"])
    document = add("letter.docx", data)
    response = client.get(reverse("documents:download", args=[document.pk, 1]))
    assert response.content == data
    assert response["Content-Disposition"] == 'attachment; filename="INQ000001-v1.docx"'
    assert AuditEntry.objects.filter(action="documents.downloaded").count() == 1


def test_a_new_version_is_added_from_its_page(
    client: Any, setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Draft one")
    url = reverse("documents:add-version", args=[document.pk])
    response = client.post(url, {"file": SimpleUploadedFile("a2.txt", b"Draft two")})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Draft two" in page and "Added version 2 of INQ000001" in page
    again = client.post(url, {"file": SimpleUploadedFile("a3.txt", b"Draft two")})
    assert "already version 2 of INQ000001" in again.content.decode()


def test_tagging_from_the_document_page(
    client: Any, setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Invented")
    line = setting.lines[1]
    client.post(reverse("documents:tag", args=[document.pk]), {"line": line.pk})
    tag = DocumentTag.objects.get()
    listed = client.get(reverse("documents:index") + f"?line={line.pk}").content.decode()
    assert "INQ000001" in listed
    confirm = client.get(reverse("documents:untag", args=[document.pk, tag.pk]))
    assert "Remove the tag L2 Information sharing?" in confirm.content.decode()
    client.post(reverse("documents:untag", args=[document.pk, tag.pk]))
    listed = client.get(reverse("documents:index") + f"?line={line.pk}").content.decode()
    assert "No document is tagged L2." in listed


def test_searching_shows_highlighted_results_and_audits_no_words(
    client: Any, setting: Setting, add: Callable[..., Document]
) -> None:
    add("a.txt", b"The child was missing overnight.")
    response = client.get(reverse("documents:search"), {"q": "missing"})
    text = response.content.decode()
    assert "1 document found." in text
    assert "<mark>missing</mark>" in text
    entry = AuditEntry.objects.get(action="documents.searched")
    assert "missing" not in str(entry.detail)


def test_a_date_range_the_wrong_way_round_is_an_error(client: Any, setting: Setting) -> None:
    response = client.get(
        reverse("documents:search"),
        {"from_day": "1", "from_month": "1", "from_year": "2020",
         "to_day": "1", "to_month": "1", "to_year": "2019"},
    )  # fmt: skip
    assert "The last date must be the same as or after the first date" in response.content.decode()


def test_the_duplicates_page_lists_groups(
    client: Any, setting: Setting, add: Callable[..., Document]
) -> None:
    add("a.txt", samples.LONG_NOTE.encode())
    add("b.txt", samples.LONG_NOTE.encode())
    text = client.get(reverse("documents:duplicates")).content.decode()
    assert "Group 1: 2 documents, the same file" in text


@pytest.mark.parametrize("role", ["administrator", "team_manager", "core_participant"])
def test_no_one_outside_the_inquiry_team_reaches_documents(
    role: str, setting: Setting, signed_in_client: Callable[..., Any]
) -> None:
    assert signed_in_client(role).get(reverse("documents:index")).status_code == 403


def test_tagging_without_a_line_shows_the_error_on_the_document_page(
    client: Any, setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Invented")
    response = client.post(reverse("documents:tag", args=[document.pk]), {})
    assert response.status_code == 200
    assert "Choose a line of inquiry" in response.content.decode()
    assert not DocumentTag.objects.exists()


def test_changing_the_details_is_kept_indexed_and_audited(
    client: Any, setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Invented text", title="Old title", dated=date(2019, 6, 4))
    url = reverse("documents:change", args=[document.pk])
    form = client.get(url).content.decode()
    assert 'value="Old title"' in form and 'value="2019"' in form
    response = client.post(
        url,
        {"title": "Strategy minutes", "dated_day": "4", "dated_month": "6",
         "dated_year": "2019", "live_investigation": "on", "live_investigation_note": "Op X"},
    )  # fmt: skip
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.live_investigation) == ("Strategy minutes", True)
    entry = AuditEntry.objects.get(action="documents.details_changed")
    assert entry.detail == {"fields": ["title", "live_investigation", "live_investigation_note"]}
    found = client.get(reverse("documents:search"), {"q": "strategy"}).content.decode()
    assert "1 document found." in found


def test_a_note_without_the_flag_is_an_error(
    client: Any, setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Invented text")
    response = client.post(
        reverse("documents:change", args=[document.pk]),
        {"title": "T", "live_investigation_note": "Op X"},
    )
    assert "Tick the box if it bears on a live criminal investigation" in response.content.decode()


def test_a_draft_request_is_not_offered(client: Any, setting: Setting) -> None:
    setting.request.status = setting.request.DRAFT
    setting.request.save()
    page = client.get(reverse("documents:upload")).content.decode()
    assert "R9-001" not in page
