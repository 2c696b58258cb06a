"""The items that can be coded: anonymised accounts available for analysis and document
versions. Accounts come only through `accounts_for_analysis`, so an account whose survivor
withdrew research consent, or that is not yet approved, is never coded, counted or quoted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from joinedup.web.documents.models import DocumentVersion
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.survivors.models import AnonymisedAccount
from joinedup.web.survivors.services import analysis as survivors_analysis

__all__ = [
    "ACCOUNT",
    "DOCUMENT",
    "Item",
    "account_item",
    "accounts_for_analysis",
    "document_item",
    "items_of",
    "latest_versions",
    "quotable_accounts",
]

ACCOUNT = "account"
DOCUMENT = "document"


@dataclass(frozen=True)
class Item:
    """One thing to code: what it is, its reference, its text and the years it covers."""

    kind: str
    pk: int
    reference: str
    title: str
    text: str
    year_from: int | None
    year_to: int | None

    @property
    def kind_label(self) -> str:
        return "Anonymised account" if self.kind == ACCOUNT else "Document"


def accounts_for_analysis(inquiry: Inquiry) -> QuerySet[AnonymisedAccount]:
    """The anonymised accounts analysis may use (the survivors app's rule: approved, and
    the survivor agrees now to research use). The only place the themes app chooses them."""
    return survivors_analysis.accounts_for_analysis(inquiry)


def quotable_accounts(inquiry: Inquiry) -> set[int]:
    """The primary keys of the accounts analysed whose survivor agrees, now, to being
    quoted anonymously. The only place the themes app decides what it may quote."""
    return set(survivors_analysis.accounts_for_quotation(inquiry).values_list("pk", flat=True))


def _account(found: AnonymisedAccount) -> Item:
    return Item(
        ACCOUNT,
        found.pk,
        found.reference,
        f"Account {found.reference}",
        found.text,
        found.period_start_year,
        found.period_end_year,
    )


def _document(version: DocumentVersion) -> Item:
    year = version.document.dated.year if version.document.dated else None
    return Item(
        DOCUMENT,
        version.pk,
        f"{version.document.reference} v{version.number}",
        version.document.title,
        version.text,
        year,
        year,
    )


def account_item(inquiry: Inquiry, pk: int) -> Item:
    found = accounts_for_analysis(inquiry).filter(pk=pk).first()
    if found is None:
        raise Http404("No such account available for analysis")
    return _account(found)


def document_item(inquiry: Inquiry, pk: int) -> Item:
    version = (
        DocumentVersion.objects.select_related("document")
        .filter(pk=pk, document__inquiry=inquiry)
        .first()
    )
    if version is None:
        raise Http404("No such document version")
    return _document(version)


def latest_versions(inquiry: Inquiry) -> list[DocumentVersion]:
    """The newest version of each of the inquiry's documents, by document reference."""
    newest: dict[int, DocumentVersion] = {}
    versions = DocumentVersion.objects.select_related("document").filter(document__inquiry=inquiry)
    for version in versions.order_by("document__reference", "number"):
        newest[version.document_id] = version
    return list(newest.values())


def items_of(inquiry: Inquiry) -> list[Item]:
    """Every account available for analysis, then the latest version of every document."""
    accounts = [_account(a) for a in accounts_for_analysis(inquiry)]
    return accounts + [_document(v) for v in latest_versions(inquiry)]
