"""The documents pages (`inquiry_work` only): thin views over services/.

Every page that shows a document's contents or lists documents is audited (ids and
counts only, never titles, text or search words).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.documents.forms import (
    ChangeDetailsForm,
    FiltersForm,
    TagForm,
    UploadForm,
    VersionForm,
)
from joinedup.web.documents.models import Document, DocumentTag, StoredFile
from joinedup.web.documents.services import ingest, pages
from joinedup.web.documents.services.duplicates import duplicate_groups, possible_duplicates
from joinedup.web.documents.services.files import read_file, sha256_of
from joinedup.web.documents.services.tags import current_tags, tag_document, untag_document
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry, LineOfInquiry
from joinedup.web.records.models import Agency

RESULTS_PER_PAGE = 50


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _audit(request: HttpRequest, action: str, target: object = "", **detail: Any) -> None:
    target_type = "document" if target else ""
    record_event(
        _user(request), action, target_type=target_type, target_id=target, detail=detail,
        request=request,
    )  # fmt: skip


@require_GET
@capability_required("inquiry_work")
def index(request: HttpRequest) -> HttpResponse:
    line = _chosen_line(request.GET.get("line", ""))
    found = pages.find_documents("", pages.Filters(line=line), limit=10_000)
    _audit(request, "documents.listed", documents=found.total, line=line.pk if line else None)
    page = Paginator(found.results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "total": found.total,
        "line": line,
        "lines": LineOfInquiry.objects.order_by("inquiry", "reference"),
    }
    return render(request, "documents/index.html", context)


def _chosen_line(value: str) -> LineOfInquiry | None:
    return LineOfInquiry.objects.filter(pk=int(value)).first() if value.isdigit() else None


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, initial=_initial(request))
    holders: list[Document] = []
    stored = ""
    if request.method == "POST" and form.is_valid():
        data, name = _uploaded(form)
        holders = ingest.documents_holding(data) if data else []
        if data is None:
            form.add_error("file", "Choose the file again")
        elif holders and not form.cleaned_data["add_anyway"]:
            stored = sha256_of(data)
        else:
            try:
                document = _add(request, form.cleaned_data, name, data)
            except InputError as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, f"Added {document.reference}")
                return redirect("documents:document", document.pk)
    context = {
        "form": form,
        "holders": holders,
        "stored": stored or form.data.get("stored", ""),
        "inquiry_exists": Inquiry.objects.exists(),
    }
    return render(request, "documents/upload.html", context)


def _initial(request: HttpRequest) -> dict[str, str]:
    chosen = request.GET.get("request", "")
    found = EvidenceRequest.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if found is None:
        return {}
    agency = found.recipient_agency
    return {
        "request": str(found.pk),
        "inquiry": str(found.inquiry_id),
        "agency": agency.code if agency else "",
    }


def _uploaded(form: UploadForm) -> tuple[bytes | None, str]:
    upload = form.cleaned_data.get("file")
    if upload:
        return upload.read(), str(upload.name)
    held = StoredFile.objects.filter(sha256=form.cleaned_data["stored"]).first()
    return (read_file(held), held.original_name) if held else (None, "")


def _details(data: dict[str, Any]) -> ingest.DocumentDetails:
    return ingest.DocumentDetails(
        author=data["author"],
        request=data["evidence_request"],
        live_investigation=data["live_investigation"],
        live_investigation_note=data["live_investigation_note"],
    )


def _agency(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first() if code else None


def _add(request: HttpRequest, data: dict[str, Any], name: str, content: bytes) -> Document:
    return ingest.add_document(
        inquiry=get_object_or_404(Inquiry, pk=int(data["inquiry"])),
        uploaded_name=name,
        data=content,
        title=data["title"],
        user=_user(request),
        request=request,
        dated=data["dated"],
        agency=_agency(data["agency"]),
        details=_details(data),
    )


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def change(request: HttpRequest, document_id: int) -> HttpResponse:
    found = get_object_or_404(Document, pk=document_id)
    form = ChangeDetailsForm(
        request.POST or None, document=found, initial=ChangeDetailsForm.initial_for(found)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = ingest.change_details(
                found,
                title=data["title"],
                dated=data["dated"],
                agency=_agency(data["agency"]),
                details=_details(data),
                user=_user(request),
                request=request,
            )
        except InputError as error:
            form.add_error(None, str(error))
        else:
            said = "Changed the details" if changed else "Nothing changed"
            messages.success(request, f"{said} of {found.reference}")
            return redirect("documents:document", found.pk)
    return render(request, "documents/change.html", {"form": form, "document": found})


@require_GET
@capability_required("inquiry_work")
def document(request: HttpRequest, document_id: int) -> HttpResponse:
    found = get_object_or_404(Document, pk=document_id)
    return _document_page(request, found, TagForm(lines=list(pages.lines_of(found))))


def _document_page(request: HttpRequest, found: Document, tag_form: TagForm) -> HttpResponse:
    found = Document.objects.select_related("agency", "request", "inquiry", "created_by").get(
        pk=found.pk
    )
    versions = list(found.versions.select_related("file", "created_by").order_by("-number"))
    shown = _shown_version(versions, request.GET.get("version", ""))
    text = Paginator(pages.text_pages(shown), 1).get_page(request.GET.get("page"))
    _audit(request, "documents.viewed", found.pk, version=shown.number, page=text.number)
    context = {
        "document": found,
        "versions": versions,
        "shown": shown,
        "text": text,
        "tags": current_tags(found),
        "tag_form": tag_form,
        "duplicates": possible_duplicates(found),
    }
    return render(request, "documents/document.html", context)


def _shown_version(versions: list[Any], asked: str) -> Any:
    chosen = [v for v in versions if asked.isdigit() and v.number == int(asked)]
    return chosen[0] if chosen else versions[0]


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def add_version(request: HttpRequest, document_id: int) -> HttpResponse:
    found = get_object_or_404(Document, pk=document_id)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = ingest.add_version(
                found,
                uploaded_name=str(upload.name),
                data=upload.read(),
                user=_user(request),
                request=request,
            )
        except InputError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"Added version {version.number} of {found.reference}")
            return redirect("documents:document", found.pk)
    return render(request, "documents/add_version.html", {"form": form, "document": found})


@require_GET
@capability_required("inquiry_work")
def download(request: HttpRequest, document_id: int, number: int) -> HttpResponse:
    found = get_object_or_404(Document, pk=document_id)
    version = get_object_or_404(found.versions.select_related("file"), number=number)
    data = read_file(version.file)
    _audit(request, "documents.downloaded", found.pk, version=number, file=version.file_id)
    suffix = PurePath(version.file.original_name).suffix.lower()
    response = HttpResponse(data, content_type=version.file.media_type)
    filename = f"{found.reference}-v{number}{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@capability_required("inquiry_work")
def tag(request: HttpRequest, document_id: int) -> HttpResponse:
    found = get_object_or_404(Document, pk=document_id)
    form = TagForm(request.POST, lines=list(pages.lines_of(found)))
    if form.is_valid():
        line = get_object_or_404(LineOfInquiry, pk=int(form.cleaned_data["line"]))
        try:
            tag_document(found, line, _user(request), request)
        except InputError as error:
            form.add_error("line", str(error))
        else:
            messages.success(request, f"Tagged {found.reference} {line.reference}")
            return redirect("documents:document", found.pk)
    return _document_page(request, found, form)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def untag(request: HttpRequest, document_id: int, tag_id: int) -> HttpResponse:
    found = get_object_or_404(
        DocumentTag.objects.select_related("line", "document"), pk=tag_id, document_id=document_id
    )
    problem = ""
    if request.method == "POST":
        try:
            untag_document(found, _user(request), request)
        except InputError as error:
            problem = str(error)
        else:
            messages.success(request, f"Removed the tag {found.line.reference}")
            return redirect("documents:document", document_id)
    context = {"tag": found, "document": found.document, "problem": problem}
    return render(request, "documents/untag.html", context)


@require_GET
@capability_required("inquiry_work")
def search(request: HttpRequest) -> HttpResponse:
    form = FiltersForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "searched": False}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = pages.Filters(
            line=_chosen_line(data["line"] or ""),
            agency=Agency.objects.filter(code=data["agency"]).first() if data["agency"] else None,
            dated_from=data["dated_from"],
            dated_to=data["dated_to"],
        )
        number = _page_number(request.GET.get("page", ""))
        found = pages.find_documents(
            data["q"], filters, limit=RESULTS_PER_PAGE, offset=(number - 1) * RESULTS_PER_PAGE
        )
        _audit(request, "documents.searched", results=found.total, page=number,
               line=filters.line.pk if filters.line else None,
               agency=filters.agency.pk if filters.agency else None)  # fmt: skip
        context.update(searched=True, found=found, number=number, more=_more(found, number))
        context["query_string"] = _without_page(request)
    return render(request, "documents/search.html", context)


def _page_number(value: str) -> int:
    return max(1, int(value)) if value.isdigit() else 1


def _more(found: pages.Found, number: int) -> bool:
    return found.total > number * RESULTS_PER_PAGE


def _without_page(request: HttpRequest) -> str:
    kept = request.GET.copy()
    kept.pop("page", None)
    return kept.urlencode()


@require_GET
@capability_required("inquiry_work")
def duplicates(request: HttpRequest) -> HttpResponse:
    groups = duplicate_groups()
    _audit(request, "documents.duplicates_viewed", groups=len(groups))
    return render(request, "documents/duplicates.html", {"groups": groups})
