"""Choosing among overlapping spans, applying them, and the categories file."""

from __future__ import annotations

import pytest

from joinedup.disclosure.redaction import (
    KnownPerson,
    Redactor,
    Span,
    apply_redactions,
    categories,
    category_label,
)
from joinedup.disclosure.redaction.patterns import RECOGNISERS
from joinedup.disclosure.redaction.spans import choose_non_overlapping


def span(start: int, end: int, category: str = "name", source: str = "known") -> Span:
    return Span(start, end, category, "x" * (end - start), source)


def test_the_longest_of_nested_spans_wins() -> None:
    assert choose_non_overlapping([span(0, 4), span(0, 10), span(5, 10)]) == [span(0, 10)]


def test_overlapping_chains_keep_the_most_text_in_fewest_spans() -> None:
    chosen = choose_non_overlapping([span(0, 3), span(0, 13), span(4, 18), span(15, 28)])
    assert chosen == [span(0, 13), span(15, 28)]


def test_known_people_win_ties_over_patterns() -> None:
    pattern, known = span(0, 7, "postcode", "pattern:postcode"), span(0, 7, "postcode")
    assert choose_non_overlapping([pattern, known]) == [known]


def test_empty_spans_are_dropped_and_results_are_sorted() -> None:
    assert choose_non_overlapping([span(9, 12), span(3, 3), span(0, 2)]) == [
        span(0, 2),
        span(9, 12),
    ]


def test_apply_redactions_uses_category_labels() -> None:
    text = "Jade Smith, MS4 2AB"
    spans = [Span(0, 10, "name", "Jade Smith", "known"), Span(12, 19, "postcode", "MS4 2AB", "x")]
    assert apply_redactions(text, spans) == "[Name], [Postcode]"


def test_apply_redactions_removes_every_overlapping_part_once() -> None:
    text = "abcdefghij"
    spans = [Span(0, 5, "name", "abcde", "known"), Span(3, 8, "phone", "defgh", "x")]
    assert apply_redactions(text, spans) == "[Name]ij"


def test_apply_redactions_with_own_replacement() -> None:
    spans = [Span(5, 9, "name", "Jade", "known")]
    assert apply_redactions("Dear Jade,", spans, lambda s: "█" * len(s)) == "Dear ████,"


def test_apply_redactions_rejects_spans_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        apply_redactions("short", [Span(2, 9, "name", "ort", "known")])


def test_redacted_text_holds_none_of_the_originals() -> None:
    jade = KnownPerson("P1", "Jade", "O'Neill", dob="2009-04-03", postcode="MS4 2AB")
    text = "JADE O’NEILL (DOB 03/04/2009) of MS4 2AB; Jade's phone 07700 900123."
    published = apply_redactions(text, Redactor([jade]).suggest(text))
    for original in ("JADE", "NEILL", "2009", "MS4", "Jade", "07700"):
        assert original not in published
    assert published == "[Name] (DOB [Date of birth]) of [Postcode]; [Name]'s phone [Phone number]."


def test_every_category_is_in_the_data_file_with_a_label_and_source() -> None:
    shipped = categories()
    assert set(RECOGNISERS) <= set(shipped)
    assert {"name", "date_of_birth", "address", "postcode", "phone", "email", "nhs_number",
            "ni_number", "vehicle_registration"} == set(shipped)  # fmt: skip
    for category in shipped.values():
        assert category.label and category.source
    assert category_label("nhs_number") == "NHS number"


def test_span_as_dict_round_trips_the_fields() -> None:
    found = Span(1, 5, "name", "Jade", "known", "P1")
    assert found.as_dict() == {
        "start": 1, "end": 5, "category": "name", "text": "Jade", "source": "known",
        "person_ref": "P1",
    }  # fmt: skip


def test_ties_are_broken_the_same_way_whatever_the_input_order() -> None:
    first = Span(0, 7, "postcode", "AB1 2CD", "pattern:postcode")
    second = Span(0, 7, "vehicle_registration", "AB1 2CD", "pattern:vehicle_registration")
    assert choose_non_overlapping([first, second]) == choose_non_overlapping([second, first])
