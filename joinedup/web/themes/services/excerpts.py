"""The excerpts coded with one code, for inquiry staff. Only anonymised text is shown,
and an account's excerpt only when its survivor agreed to be quoted anonymously
(`items.quotable_accounts`); the others are counted as withheld, not shown."""

from __future__ import annotations

from dataclasses import dataclass

from joinedup.web.themes.models import Code, Coding
from joinedup.web.themes.services.items import (
    ACCOUNT,
    DOCUMENT,
    accounts_for_analysis,
    quotable_accounts,
)

__all__ = ["Quote", "Shown", "excerpts_of"]


@dataclass(frozen=True)
class Quote:
    kind: str
    item_pk: int
    reference: str
    text: str
    whole_item: bool
    coding: Coding


@dataclass(frozen=True)
class Shown:
    quoted: list[Quote]
    withheld: int


def _text(full: str, coding: Coding) -> str:
    if coding.start is None or coding.end is None:
        return full
    return full[coding.start : coding.end]


def excerpts_of(code: Code) -> Shown:
    usable = set(accounts_for_analysis(code.inquiry).values_list("pk", flat=True))
    quotable = quotable_accounts(code.inquiry)
    live = code.codings.filter(removed_at__isnull=True).select_related(
        "account", "document_version__document", "coded_by"
    )
    quoted: list[Quote] = []
    withheld = 0
    for coding in live:
        account = coding.account
        if account is not None:
            if account.pk not in usable or account.pk not in quotable:
                withheld += 1
                continue
            quoted.append(
                Quote(
                    ACCOUNT,
                    account.pk,
                    account.reference,
                    _text(account.text, coding),
                    coding.start is None,
                    coding,
                )
            )
        elif coding.document_version is not None:
            version = coding.document_version
            reference = f"{version.document.reference} v{version.number}"
            quoted.append(
                Quote(
                    DOCUMENT,
                    version.pk,
                    reference,
                    _text(version.text, coding),
                    coding.start is None,
                    coding,
                )
            )
    return Shown(quoted, withheld)
