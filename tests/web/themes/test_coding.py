"""Coding: excerpts found from the coder's words, whole items, memos, removal with history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.http import Http404

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.themes.models import Coding
from joinedup.web.themes.services.coding import (
    code_item,
    codings_of,
    find_excerpt,
    remove_coding,
    segments,
)
from joinedup.web.themes.services.items import account_item, document_item, items_of
from tests.web.themes.conftest import Setting

pytestmark = pytest.mark.django_db

TEXT = "He picked me up in a taxi.\nHe said he was my boyfriend. He said he was my friend."


def test_an_excerpt_is_found_even_where_line_breaks_differ() -> None:
    start, end = find_excerpt(TEXT, "a taxi. He said")
    assert TEXT[start:end] == "a taxi.\nHe said"


def test_the_nth_occurrence_is_found_and_a_missing_one_is_explained() -> None:
    first = find_excerpt(TEXT, "He said he was my")
    second = find_excerpt(TEXT, "He said he was my", 2)
    assert second[0] > first[0]
    with pytest.raises(InputError, match="appears 2 times in the text, not 3"):
        find_excerpt(TEXT, "He said he was my", 3)
    with pytest.raises(InputError, match="not in the text"):
        find_excerpt(TEXT, "a bus")
    with pytest.raises(InputError, match="Copy the words"):
        find_excerpt(TEXT, "   ")


def test_coding_an_excerpt_stores_its_offsets_the_code_version_and_the_memo(
    setting: Setting, account: Callable[..., Any]
) -> None:
    item = account_item(setting.inquiry, account(TEXT).pk)
    code = setting.code("boyfriend-grooming")
    coding = code_item(setting.coder, item, code, "my boyfriend", 1, "Classic pattern")
    assert TEXT[coding.start : coding.end] == "my boyfriend"
    assert coding.code_version == 1 and coding.memo == "Classic pattern"
    assert coding.coded_by == setting.coder and not coding.whole_item
    whole = code_item(setting.coder, item, setting.code("taxis-night-time-economy"), "", 1, "")
    assert whole.whole_item and whole.start is None


def test_removing_a_coding_keeps_it_with_who_when_and_why(
    setting: Setting, account: Callable[..., Any]
) -> None:
    item = account_item(setting.inquiry, account(TEXT).pk)
    coding = code_item(setting.coder, item, setting.code("police-response"), "", 1, "")
    with pytest.raises(InputError, match="Say why"):
        remove_coding(setting.second_coder, coding, "")
    removed = remove_coding(setting.second_coder, coding, "Not about the police")
    assert removed.removed_by == setting.second_coder
    assert list(codings_of(item)) == []
    assert list(codings_of(item, live_only=False)) == [removed]
    with pytest.raises(InputError, match="already removed"):
        remove_coding(setting.coder, removed, "Twice")


def test_segments_mark_overlapping_excerpts() -> None:
    a = Coding(start=0, end=10)
    b = Coding(start=5, end=15)
    pieces = segments("abcdefghijklmnopqrst", [a, b])
    assert [(p.text, len(p.codings)) for p in pieces] == [
        ("abcde", 1),
        ("fghij", 2),
        ("klmno", 1),
        ("pqrst", 0),
    ]
    assert pieces[1].starts == (b,)


def test_only_approved_accounts_with_research_consent_can_be_coded(
    setting: Setting, account: Callable[..., Any], document: Callable[..., Any]
) -> None:
    usable = account("Yes")
    withdrawn = account("No", research=False)
    draft = account("Draft", approved=False)
    version = document("A letter", dated=date(1998, 3, 1))
    kinds = [(i.kind, i.pk) for i in items_of(setting.inquiry)]
    assert kinds == [("account", usable.pk), ("document", version.pk)]
    for hidden in (withdrawn, draft):
        with pytest.raises(Http404):
            account_item(setting.inquiry, hidden.pk)
    assert document_item(setting.inquiry, version.pk).year_from == 1998


def test_coding_is_audited_without_any_text(setting: Setting, account: Callable[..., Any]) -> None:
    item = account_item(setting.inquiry, account(TEXT).pk)
    code_item(
        setting.coder, item, setting.code("boyfriend-grooming"), "my boyfriend", 1, "Memo words"
    )
    entry = AuditEntry.objects.filter(action="themes.coded").get()
    assert entry.target_type == "account" and entry.target_id == str(item.pk)
    assert "boyfriend" not in str(entry.detail) and "Memo" not in str(entry.detail)
