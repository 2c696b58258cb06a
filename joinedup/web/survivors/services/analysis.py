"""What the themes app may analyse: approved anonymised versions whose account agrees,
now, to research use (DOMAIN.md I32). Withdrawing that agreement takes the version out
of every analysis from then on.

    from joinedup.web.survivors.services.analysis import accounts_for_analysis
    accounts_for_analysis(inquiry)      # QuerySet[AnonymisedAccount]
    accounts_for_quotation(inquiry)     # ... of those, the ones that may be quoted
"""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from joinedup.web.inquiry.models import Inquiry
from joinedup.web.survivors.models import AnonymisedAccount, ConsentRecord

__all__ = ["accounts_for_analysis", "accounts_for_quotation", "may_quote"]


def _latest(flag: str) -> Subquery:
    latest = ConsentRecord.objects.filter(account=OuterRef("account")).order_by(
        "-recorded_at", "-pk"
    )
    return Subquery(latest.values(flag)[:1])


def _approved_with(inquiry: Inquiry, *flags: str) -> QuerySet[AnonymisedAccount]:
    """Approved versions whose account's latest consent record has every flag set."""
    found = AnonymisedAccount.objects.filter(account__inquiry=inquiry, approved_at__isnull=False)
    for flag in flags:
        found = found.annotate(**{f"now_{flag}": _latest(flag)}).filter(**{f"now_{flag}": True})
    return found.order_by("reference")


def accounts_for_analysis(inquiry: Inquiry) -> QuerySet[AnonymisedAccount]:
    return _approved_with(inquiry, "research_use")


def accounts_for_quotation(inquiry: Inquiry) -> QuerySet[AnonymisedAccount]:
    """Of those, the ones whose account also agrees to being quoted anonymously."""
    return _approved_with(inquiry, "research_use", "quote_anonymously")


def may_quote(anonymised: AnonymisedAccount) -> bool:
    return accounts_for_quotation(anonymised.account.inquiry).filter(pk=anonymised.pk).exists()
