"""How suggestions are scored against the truth."""

from __future__ import annotations

from joinedup.disclosure.redaction import Span
from joinedup.disclosure.redaction.evaluation import Score, score_document

TEXT = "Jade Louise Smith of MS4 2AB"
TRUE = [
    Span(0, 17, "name", "Jade Louise Smith", "truth"),
    Span(21, 28, "postcode", "MS4 2AB", "truth"),
]


def test_a_true_span_is_found_only_when_every_character_is_covered() -> None:
    partly = [Span(0, 4, "name", "Jade", "known"), Span(12, 17, "name", "Smith", "known")]
    score = score_document(TEXT, TRUE, partly)
    assert (score.found["name"], score.true["name"]) == (0, 1)
    assert score.recall("name") == 0.0
    assert score.precision("name") == 1.0
    assert score.missed[0] == ("name", "[[Jade Louise Smith]] of MS4 2AB")


def test_a_suggestion_mostly_outside_the_truth_is_wrong() -> None:
    suggested = [*TRUE, Span(12, 20, "name", "Smith of", "known"), Span(18, 20, "name", "of", "k")]
    score = score_document(TEXT, TRUE, suggested)
    assert score.recall() == 1.0
    assert (score.correct["name"], score.suggested["name"]) == (2, 3)


def test_scores_add_up_over_documents() -> None:
    total = Score()
    total.add(score_document(TEXT, TRUE, TRUE))
    total.add(score_document(TEXT, TRUE, []))
    assert total.recall() == 0.5
    assert total.precision() == 1.0
    assert total.categories() == ["name", "postcode"]
