from __future__ import annotations

from collections.abc import Callable

from joinedup.web.documents.models import Document, DuplicatePair
from joinedup.web.documents.services import ingest
from joinedup.web.documents.services.duplicates import duplicate_groups, possible_duplicates
from tests.web.documents import samples
from tests.web.documents.conftest import Setting


def test_the_same_file_in_two_documents_is_an_exact_duplicate(
    setting: Setting, add: Callable[..., Document]
) -> None:
    first = add("a.txt", samples.LONG_NOTE.encode())
    second = add("b.txt", samples.LONG_NOTE.encode())
    [found] = possible_duplicates(second)
    assert (found.document, found.kind, found.percent) == (first, "exact", 100)


def test_nearly_the_same_text_is_a_near_duplicate(
    setting: Setting, add: Callable[..., Document]
) -> None:
    first = add("a.txt", samples.LONG_NOTE.encode())
    edited = samples.LONG_NOTE.replace("visit 7 ", "visit seven ").replace("visit 20 ", "visit 21 ")
    second = add("b.pdf", samples.pdf_with_text(edited))
    [found] = possible_duplicates(second)
    assert found.document == first
    assert found.kind == DuplicatePair.NEAR
    assert 0.9 <= found.similarity < 1.0
    assert possible_duplicates(first)[0].document == second


def test_different_texts_are_not_duplicates(setting: Setting, add: Callable[..., Document]) -> None:
    add("a.txt", samples.LONG_NOTE.encode())
    other = add("b.txt", b"A short letter about school attendance in the spring term.")
    half = add("c.txt", samples.LONG_NOTE[: len(samples.LONG_NOTE) // 2].encode())
    assert possible_duplicates(other) == []
    assert possible_duplicates(half) == []


def test_a_new_version_is_compared_too(setting: Setting, add: Callable[..., Document]) -> None:
    first = add("a.txt", samples.LONG_NOTE.encode())
    second = add("b.txt", b"An early draft with different words entirely.")
    ingest.add_version(second, uploaded_name="b2.txt", data=samples.LONG_NOTE.encode() + b" End.",
                       user=setting.user)  # fmt: skip
    [found] = possible_duplicates(second)
    assert (found.document, found.version_number, found.other_version_number) == (first, 2, 1)


def test_versions_of_one_document_are_not_its_duplicates(
    setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", samples.LONG_NOTE.encode())
    ingest.add_version(document, uploaded_name="a2.txt", data=samples.LONG_NOTE.encode() + b"!",
                       user=setting.user)  # fmt: skip
    assert possible_duplicates(document) == []


def test_groups_join_duplicates_transitively(
    setting: Setting, add: Callable[..., Document]
) -> None:
    a = add("a.txt", samples.LONG_NOTE.encode())
    b = add("b.txt", samples.LONG_NOTE.encode())
    c = add("c.txt", (samples.LONG_NOTE + " One more sentence.").encode())
    add("d.txt", b"Unrelated")
    [group] = duplicate_groups()
    assert group.documents == [a, b, c]
    assert not group.exact
    assert group.percent >= 90
