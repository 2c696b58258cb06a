"""What the documents pages show: filtered lists, search results, a document's text by page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from joinedup.web.documents.models import Document, DocumentVersion
from joinedup.web.documents.services import search
from joinedup.web.documents.services.extract import PAGE_BREAK
from joinedup.web.documents.services.rules import rules
from joinedup.web.inquiry.models import LineOfInquiry
from joinedup.web.records.models import Agency

__all__ = [
    "Filters",
    "Found",
    "SearchResult",
    "find_documents",
    "highlighted",
    "latest_version",
    "lines_of",
    "text_pages",
]


@dataclass(frozen=True)
class Filters:
    line: LineOfInquiry | None = None
    agency: Agency | None = None
    dated_from: date | None = None
    dated_to: date | None = None

    def apply(self, documents: QuerySet[Document]) -> QuerySet[Document]:
        if self.line is not None:
            documents = documents.filter(tags__line=self.line, tags__removed_at__isnull=True)
        if self.agency is not None:
            documents = documents.filter(agency=self.agency)
        if self.dated_from is not None:
            documents = documents.filter(dated__gte=self.dated_from)
        if self.dated_to is not None:
            documents = documents.filter(dated__lte=self.dated_to)
        return documents.distinct()


@dataclass(frozen=True)
class SearchResult:
    document: Document
    snippet: SafeString


@dataclass(frozen=True)
class Found:
    results: list[SearchResult]
    total: int


def find_documents(typed: str, filters: Filters, *, limit: int = 50, offset: int = 0) -> Found:
    """Documents matching the words typed (all documents when none) and the filters."""
    documents = filters.apply(Document.objects.select_related("agency", "request"))
    query = search.parse_query(typed)
    if not query:
        chosen = list(documents.order_by("reference"))
        page = chosen[offset : offset + limit]
        return Found([SearchResult(d, mark_safe("")) for d in page], len(chosen))
    ranked = search.matching_documents(query)
    allowed = set(documents.filter(pk__in=ranked).values_list("pk", flat=True))
    ordered = [pk for pk in ranked if pk in allowed]
    page_ids = ordered[offset : offset + limit]
    found = Document.objects.select_related("agency", "request").in_bulk(page_ids)
    passages = search.snippets(query, page_ids)
    return Found(
        [SearchResult(found[pk], highlighted(passages.get(pk, ""))) for pk in page_ids],
        len(ordered),
    )


def highlighted(snippet: str) -> SafeString:
    """The snippet escaped, with its matches in <mark>."""
    safe = str(escape(snippet.replace(PAGE_BREAK, " ")))
    return mark_safe(safe.replace(search.START, "<mark>").replace(search.STOP, "</mark>"))


def latest_version(document: Document) -> DocumentVersion | None:
    return document.versions.select_related("file").order_by("-number").first()


def text_pages(version: DocumentVersion) -> list[str]:
    """The version's text cut into pages: a PDF's own pages, otherwise near-equal runs of
    lines no longer than `text_page_characters` (a longer line is cut)."""
    if version.page_count and PAGE_BREAK in version.text:
        return version.text.split(PAGE_BREAK)
    size = rules().text_page_characters
    pages: list[str] = []
    current = ""
    for line in version.text.splitlines(keepends=True):
        while len(line) > size:
            pages, current = _flush(pages, current)
            pages.append(line[:size])
            line = line[size:]
        if len(current) + len(line) > size:
            pages, current = _flush(pages, current)
        current += line
    pages, _ = _flush(pages, current)
    return pages or [""]


def _flush(pages: list[str], current: str) -> tuple[list[str], str]:
    return ([*pages, current] if current else pages), ""


def lines_of(document: Document) -> QuerySet[LineOfInquiry]:
    return LineOfInquiry.objects.filter(inquiry_id=document.inquiry_id)
