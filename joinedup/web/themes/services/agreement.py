"""Agreement between two coders, per code: Cohen's kappa over the items both coded.

For one code, each item both coders coded (with any code) is rated "has the code" or
not by each; kappa = (po - pe) / (1 - pe), where po is the share of items they agree on
and pe the agreement expected by chance from each coder's own rate (Cohen 1960). Where
chance agreement is complete (both rated every item the same way), kappa is not defined.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from joinedup.web.accounts.models import User
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.themes.models import Code, Coding

__all__ = ["CodeAgreement", "agreement", "cohen_kappa", "coders_of"]


@dataclass(frozen=True)
class CodeAgreement:
    code: Code
    both: int
    first_only: int
    second_only: int
    neither: int
    kappa: float | None

    @property
    def items(self) -> int:
        return self.both + self.first_only + self.second_only + self.neither


def cohen_kappa(both: int, first_only: int, second_only: int, neither: int) -> float | None:
    """Kappa for a 2 x 2 table of two raters' yes/no ratings; None when undefined."""
    n = both + first_only + second_only + neither
    if n == 0:
        return None
    observed = (both + neither) / n
    first_yes, second_yes = both + first_only, both + second_only
    chance = (first_yes * second_yes + (n - first_yes) * (n - second_yes)) / (n * n)
    if chance >= 1:
        return None
    return (observed - chance) / (1 - chance)


def _inquiry_codings(inquiry: Inquiry) -> Q:
    return Q(code__inquiry=inquiry, removed_at__isnull=True)


def coders_of(inquiry: Inquiry) -> list[tuple[User, int]]:
    """Everyone who has coded the inquiry's items, with how many items, most first."""
    items: dict[int, set[str]] = {}
    for coder, account, version in Coding.objects.filter(_inquiry_codings(inquiry)).values_list(
        "coded_by", "account", "document_version"
    ):
        items.setdefault(coder, set()).add(f"a{account}" if account else f"d{version}")
    users = User.objects.in_bulk(list(items))
    ranked = sorted(items, key=lambda pk: (-len(items[pk]), users[pk].username))
    return [(users[pk], len(items[pk])) for pk in ranked]


def _ratings(inquiry: Inquiry, coder: User) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for code, account, version in Coding.objects.filter(
        _inquiry_codings(inquiry), coded_by=coder
    ).values_list("code", "account", "document_version"):
        found.setdefault(f"a{account}" if account else f"d{version}", set()).add(code)
    return found


def agreement(inquiry: Inquiry, first: User, second: User) -> tuple[int, list[CodeAgreement]]:
    """The number of items both coded and, for every code either used, the agreement."""
    mine, theirs = _ratings(inquiry, first), _ratings(inquiry, second)
    shared = sorted(set(mine) & set(theirs))
    used: Counter[int] = Counter()
    for item in shared:
        used.update(mine[item] | theirs[item])
    codes = Code.objects.in_bulk(list(used))
    rows = []
    for pk in sorted(used, key=lambda k: codes[k].label.casefold()):
        cells = Counter((pk in mine[i], pk in theirs[i]) for i in shared)
        counts = (
            cells[(True, True)],
            cells[(True, False)],
            cells[(False, True)],
            cells[(False, False)],
        )
        rows.append(CodeAgreement(codes[pk], *counts, kappa=cohen_kappa(*counts)))
    return len(shared), rows
