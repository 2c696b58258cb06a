"""The model's SQL compiled to Python scores exactly as DuckDB runs it."""

from __future__ import annotations

import copy
import random
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from joinedup.linkage.comparisons import OPTIONAL_COMPARISONS
from joinedup.linkage.features import features_table
from joinedup.linkage.index import BLOCKING_KEYS
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.realtime_compile import UnsupportedSQL, compile_predicate, keys_for_rules
from joinedup.linkage.realtime_features import add_keys
from joinedup.linkage.realtime_functions import (
    damerau_levenshtein,
    jaro_winkler_similarity,
    levenshtein,
)
from joinedup.linkage.realtime_scoring import PairScorer
from joinedup.linkage.settings import person_settings

Pair = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="module")
def rows(background: pa.Table) -> list[dict[str, Any]]:
    chance = random.Random(3)
    featured = [add_keys(row) for row in features_table(background).to_pylist()]
    for row in featured:
        for column in ("forename1", "surname", "postcode"):
            row[f"tf_{column}"] = None if row[column] is None else chance.choice([1e-4, 0.02, 0.5])
    return featured


@pytest.fixture(scope="module")
def pairs(rows: list[dict[str, Any]]) -> list[Pair]:
    """Random pairs, and pairs of records sharing a surname (most levels reached)."""
    chance = random.Random(5)
    by_surname: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_surname.setdefault(row["surname"] or "", []).append(row)
    close = [(a, b) for group in by_surname.values() for a in group for b in group if a is not b]
    return close[:3000] + [(chance.choice(rows), chance.choice(rows)) for _ in range(2000)]


def test_string_similarities_equal_duckdbs(rows: list[dict[str, Any]]) -> None:
    chance = random.Random(7)
    names = [row["forename1"] or "" for row in rows] + [row["surname"] or "" for row in rows]
    texts = names + ["zoë", "łukasz", "ab", "ba", "a", "", "x" * 70 + "y", "y" + "x" * 69]
    pairs = [(chance.choice(texts), chance.choice(texts)) for _ in range(20000)]
    pairs += [(a, a[:-1] + "e") for a in names if a] + [(a, a[::-1]) for a in names]
    table = pa.table({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]})
    with duckdb.connect() as con:
        con.register("texts", table)
        found = con.sql(
            "SELECT jaro_winkler_similarity(a, b), levenshtein(a, b), damerau_levenshtein(a, b) "
            "FROM texts"
        )
        expected = found.fetchall()
    assert [
        (jaro_winkler_similarity(a, b), levenshtein(a, b), damerau_levenshtein(a, b))
        for a, b in pairs
    ] == expected


def test_compiled_scores_equal_duckdbs_exactly(
    pairs: list[Pair], shipped_model: LinkageModel
) -> None:
    compiled, in_duckdb = PairScorer(shipped_model), PairScorer(shipped_model, compiled=False)
    assert compiled.compiled and not in_duckdb.compiled
    found, expected = compiled.weights(pairs), in_duckdb.weights(pairs)
    assert found == expected
    assert len(set(found)) > 200


def test_compiled_blocking_rules_equal_duckdbs(
    pairs: list[Pair], shipped_model: LinkageModel
) -> None:
    compiled, in_duckdb = PairScorer(shipped_model), PairScorer(shipped_model, compiled=False)
    found = compiled.blocked(pairs)
    assert found == in_duckdb.blocked(pairs)
    assert 0 < sum(found) < len(pairs)


def test_optional_comparisons_with_lambdas_compile_to_duckdbs_scores(
    rows: list[dict[str, Any]],
) -> None:
    settings = person_settings(optional_columns=tuple(OPTIONAL_COMPARISONS))
    untrained = LinkageModel(settings.get_settings("duckdb").as_dict(), 1.0, "untrained")
    chance = random.Random(11)
    streets = ["12 ann st", "12 ann street", "4 mill lane flat 2", "4 mill ln", "high st"]
    with_addresses = [
        {**row, "address": street, "address_tokens": street.split(" "),
         "other_id": chance.choice([None, "X1", "X2"])}
        for row in rows[:400] for street in [chance.choice(streets)]
    ]  # fmt: skip
    pairs = [(chance.choice(with_addresses), chance.choice(with_addresses)) for _ in range(1500)]
    compiled = PairScorer(untrained)
    assert compiled.compiled
    assert compiled.weights(pairs) == PairScorer(untrained, compiled=False).weights(pairs)


def test_three_valued_logic_follows_sql() -> None:
    holds = compile_predicate("NOT (l.a = r.a) OR l.b IS NULL")
    assert holds({"a": 1, "b": 2}, {"a": 2})
    assert not holds({"a": None, "b": 2}, {"a": 2})
    assert holds({"a": None, "b": None}, {"a": 2})


def test_a_model_with_sql_the_compiler_does_not_know_is_scored_in_duckdb(
    pairs: list[Pair], shipped_model: LinkageModel
) -> None:
    settings = copy.deepcopy(shipped_model.splink_settings)
    sex = next(c for c in settings["comparisons"] if c["output_column_name"] == "sex")
    level = sex["comparison_levels"][1]
    assert level["sql_condition"] == "sex_l = sex_r"
    level["sql_condition"] = "regexp_matches(sex_l, '^zz') AND sex_l = sex_r"
    changed = LinkageModel(settings, shipped_model.matches_per_record, "test")
    scorer = PairScorer(changed)
    assert not scorer.compiled
    assert scorer.columns is None
    with pytest.raises(UnsupportedSQL, match="regexp_matches|Anonymous|RegexpLike"):
        from splink import SettingsCreator

        from joinedup.linkage.realtime_compile import compile_pair_scorer

        compile_pair_scorer(SettingsCreator.from_path_or_dict(settings).get_settings("duckdb"))
    same_sex = [pair for pair in pairs if pair[0]["sex"] and pair[0]["sex"] == pair[1]["sex"]]
    assert len(same_sex) > 20
    for changed, shipped in zip(
        scorer.weights(same_sex[:20]), PairScorer(shipped_model).weights(same_sex[:20]), strict=True
    ):
        assert changed < shipped


def test_every_prediction_rule_has_an_index_key(shipped_model: LinkageModel) -> None:
    settings = person_settings(optional_columns=tuple(OPTIONAL_COMPARISONS))
    rules = [
        r.blocking_rule_sql
        for r in settings.get_settings("duckdb")._blocking_rules_to_generate_predictions
    ]
    assert [key.column for key in keys_for_rules(rules)] == [key.column for key in BLOCKING_KEYS]
    assert len(PairScorer(shipped_model).keys) == len(PairScorer(shipped_model).rules)
    assert keys_for_rules(["r.surname = l.forename1 AND (l.surname = r.forename1)"]) == [
        next(key for key in BLOCKING_KEYS if key.column == "key_transposed")
    ]


def test_a_model_rule_the_index_has_no_key_for_is_refused(shipped_model: LinkageModel) -> None:
    settings = copy.deepcopy(shipped_model.splink_settings)
    settings["blocking_rules_to_generate_predictions"].append(
        {"blocking_rule": 'l."sex" = r."sex"', "sql_dialect": "duckdb"}
    )
    with pytest.raises(ValueError, match="no blocking key for the model's rule 'l.\"sex\""):
        PairScorer(LinkageModel(settings, shipped_model.matches_per_record, "test"))
