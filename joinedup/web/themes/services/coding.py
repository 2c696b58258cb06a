"""Coding an item: a code applied to an excerpt (found from the words the coder copies
from the text) or to the whole item, with a memo; removed with a reason, never deleted.
`segments` cuts an item's text where excerpts start and end, for showing them marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.themes.models import Code, Coding
from joinedup.web.themes.services.items import ACCOUNT, Item

__all__ = [
    "Segment",
    "code_item",
    "codings_of",
    "find_excerpt",
    "remove_coding",
    "segments",
]


@dataclass(frozen=True)
class Segment:
    """A run of the text and the codings whose excerpts cover all of it."""

    text: str
    codings: tuple[Coding, ...]
    starts: tuple[Coding, ...]


def find_excerpt(text: str, excerpt: str, occurrence: int = 1) -> tuple[int, int]:
    """(start, end) of the `occurrence`-th place the excerpt appears in the text. Runs of
    spaces and line breaks in the excerpt match any run of them in the text."""
    words = excerpt.split()
    if not words:
        raise InputError("Copy the words of the excerpt from the text")
    position, found = 0, 0
    while True:
        start = text.find(words[0], position)
        if start < 0:
            break
        end = _match_from(text, start, words)
        if end is not None:
            found += 1
            if found == occurrence:
                return start, end
        position = start + 1
    if found:
        raise InputError(f"The excerpt appears {found} times in the text, not {occurrence}")
    raise InputError("The excerpt is not in the text: copy it exactly as it appears")


def _match_from(text: str, start: int, words: list[str]) -> int | None:
    at = start
    for number, word in enumerate(words):
        if number:
            gap = at
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == at:
                return None
            at = gap
        if not text.startswith(word, at):
            return None
        at += len(word)
    return at


def codings_of(item: Item, live_only: bool = True) -> QuerySet[Coding]:
    field = "account_id" if item.kind == ACCOUNT else "document_version_id"
    found = Coding.objects.filter(**{field: item.pk}).select_related(
        "code", "coded_by", "removed_by"
    )
    return found.filter(removed_at__isnull=True) if live_only else found


def code_item(
    user: User,
    item: Item,
    code: Code,
    excerpt: str,
    occurrence: int,
    memo: str,
    request: HttpRequest | None = None,
) -> Coding:
    """Apply `code` to the excerpt (empty: the whole item)."""
    if code.retired:
        raise InputError("This code is retired: choose another")
    start, end = find_excerpt(item.text, excerpt, occurrence) if excerpt.strip() else (None, None)
    target = {"account_id": item.pk} if item.kind == ACCOUNT else {"document_version_id": item.pk}
    with transaction.atomic():
        coding = Coding.objects.create(
            code=code,
            code_version=code.version,
            start=start,
            end=end,
            memo=memo.strip(),
            coded_by=user,
            coded_at=timezone.now(),
            **target,
        )
        record_event(
            user,
            "themes.coded",
            target_type=item.kind,
            target_id=item.pk,
            detail={"coding": coding.pk, "code": code.pk, "whole_item": start is None},
            request=request,
        )
    return coding


def remove_coding(
    user: User, coding: Coding, reason: str, request: HttpRequest | None = None
) -> Coding:
    """Take a coding off; it stays in the item's history with who, when and why."""
    if not reason.strip():
        raise InputError("Say why the coding is being removed")
    with transaction.atomic():
        locked = Coding.objects.select_for_update().get(pk=coding.pk)
        if locked.removed_at is not None:
            raise InputError("This coding was already removed")
        locked.removed_at, locked.removed_by = timezone.now(), user
        locked.removed_reason = reason.strip()
        locked.save(update_fields=["removed_at", "removed_by", "removed_reason"])
        record_event(
            user,
            "themes.uncoded",
            target_type="coding",
            target_id=locked.pk,
            detail={"code": locked.code_id},
            request=request,
        )
    return locked


def segments(text: str, codings: list[Coding]) -> list[Segment]:
    """The text cut at every excerpt's start and end; each piece with the codings that
    cover it and those that start at it (whole-item codings cover nothing here)."""
    excerpts = [c for c in codings if c.start is not None and c.end is not None]
    cuts = sorted(
        {
            0,
            len(text),
            *(min(c.start or 0, len(text)) for c in excerpts),
            *(min(c.end or 0, len(text)) for c in excerpts),
        }
    )
    pieces: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = tuple(c for c in excerpts if (c.start or 0) <= start and end <= (c.end or 0))
        starting = tuple(c for c in covering if c.start == start)
        pieces.append(Segment(text[start:end], covering, starting))
    return pieces
