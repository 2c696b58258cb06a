"""The explanation in plain English, and a label for every level the models can reach."""

from __future__ import annotations

import pytest

from joinedup.linkage.comparisons import OPTIONAL_COMPARISONS, all_comparisons
from joinedup.linkage.entities_rules import (
    ORGANISATION_RULES,
    PHONE_RULES,
    PLACE_RULES,
    VEHICLE_RULES,
)
from joinedup.web.reviews.services import explanation
from joinedup.web.reviews.services.explanation import (
    entity_explanation,
    person_explanation,
    strongest,
)


def test_a_stored_person_explanation_reads_as_a_sentence() -> None:
    stored = [
        {"comparison": "dob", "level": "day and month swapped", "match_weight": 4.213},
        {"comparison": "forename", "level": "Jaro-Winkler >= 0.92", "match_weight": 5.0},
        {"comparison": "household", "level": "all other", "match_weight": 0.0},
        {"comparison": "postcode", "level": "all other", "match_weight": -1.13},
    ]
    sentences = [f.sentence for f in person_explanation(stored)]
    assert sentences == [
        "Date of birth: day and month swapped, +4.2",
        "First name: spelt almost the same, +5.0",
        "Twins and household members: no sign of twins or household members, 0.0",
        "Postcode and address history: different, -1.1",
    ]


def test_a_level_the_file_does_not_name_is_shown_as_the_model_wrote_it() -> None:
    [field] = person_explanation([{"comparison": "shoe_size", "level": "Same size",
                                   "match_weight": 0.5}])  # fmt: skip
    assert field.sentence == "shoe_size: Same size, +0.5"


def test_entity_values_are_withheld_for_a_side_outside_the_agreement() -> None:
    stored = [{"field": "registration", "level": "one_character_different",
               "left": "AB12CDE", "right": "AB12CDF", "weight": 1.0}]  # fmt: skip
    [field] = entity_explanation(stored, show_left=True, show_right=False)
    assert (field.field, field.level, field.left, field.right) == (
        "Registration", "one character different", "AB12CDE", None)  # fmt: skip


def test_strongest_picks_the_fields_that_moved_the_score_most_either_way() -> None:
    fields = person_explanation([
        {"comparison": "dob", "level": "exact", "match_weight": 3.0},
        {"comparison": "sex", "level": "all other", "match_weight": -9.0},
        {"comparison": "upn", "level": "exact", "match_weight": 0.0},
        {"comparison": "surname", "level": "exact", "match_weight": 6.0},
    ])  # fmt: skip
    assert [f.field for f in strongest(fields)] == ["Sex", "Surname"]


def _person_levels() -> set[tuple[str, str]]:
    comparisons = all_comparisons(OPTIONAL_COMPARISONS)
    return {
        (c["output_column_name"], level["label_for_charts"])
        for c in comparisons
        for level in c["comparison_levels"]
        if level["label_for_charts"] != "null"
    }


@pytest.mark.parametrize(("comparison", "level"), sorted(_person_levels()))
def test_every_person_model_level_has_a_plain_english_label(comparison: str, level: str) -> None:
    labels = explanation._labels()
    assert comparison in labels["person_fields"]
    assert level in labels["person_levels"] or level in labels.get(
        "person_levels_by_field", {}).get(comparison, {})  # fmt: skip


@pytest.mark.parametrize(
    "rules", [PLACE_RULES, VEHICLE_RULES, PHONE_RULES, ORGANISATION_RULES], ids=lambda r: r.kind
)
def test_every_entity_rule_field_and_level_has_a_label(rules: object) -> None:
    labels = explanation._labels()
    for comparison in rules.comparisons:  # type: ignore[attr-defined]
        assert comparison.field in labels["entity_fields"], comparison.field
        for level in comparison.levels:
            assert level.name in labels["entity_levels"], (comparison.field, level.name)
