"""Rules for places and organisations: UPRN, licence, postcode, name, address and kind.

The reasons for each weight are tabled in `entities_rules.py`.
"""

from __future__ import annotations

from joinedup.linkage import entities_normalise as norm
from joinedup.linkage.entities_engine import Block, Comparison, EntityRules, Level

__all__ = ["ORGANISATION_RULES", "PLACE_RULES", "missing_level"]

_EITHER_MISSING = "l.{f} IS NULL OR r.{f} IS NULL"


def missing_level(field: str) -> Level:
    """Either side has no value: no evidence either way."""
    return Level("missing", _EITHER_MISSING.format(f=field), 0.0)


def _name(field: str = "name") -> Comparison:
    """Normalised names: 'same' ≥ 0.9 similar, 'similar' ≥ 0.7, 'partly' ≥ 0.5."""
    return Comparison(
        field,
        "{side}.name",
        norm.word_similarity("l", "r", "name_words"),
        (
            Level("missing", "{measure} IS NULL", 0.0),
            Level("same", "{measure} >= 0.9", 8.0),
            Level("similar", "{measure} >= 0.7", 4.0),
            Level("partly", "{measure} >= 0.5", 0.0),
            Level("different", "true", -6.0),
        ),
    )


def _postcode() -> Comparison:
    return Comparison(
        "postcode",
        "{side}.postcode",
        "l.postcode_key = r.postcode_key",
        (
            missing_level("postcode_key"),
            Level("same", "{measure}", 3.0),
            Level("different", "true", -4.0),
        ),
    )


def _kind() -> Comparison:
    """Agencies classify loosely, so kind only nudges (same +1, different −1) and a
    different kind alone never flags a match for review."""
    unknown = "coalesce(l.kind, 'other') = 'other' OR coalesce(r.kind, 'other') = 'other'"
    return Comparison(
        "kind",
        "{side}.kind",
        "l.kind = r.kind",
        (
            Level("missing", unknown, 0.0),
            Level("same", "{measure}", 1.0),
            Level("different", "true", -1.0),
        ),
    )


_ADDRESS = Comparison(
    "address_line",
    "{side}.address_line",
    norm.word_similarity("l", "r", "street_words"),
    (
        Level(
            "missing",
            "len(l.address_numbers) + len(l.street_words) = 0 OR "
            "len(r.address_numbers) + len(r.street_words) = 0",
            0.0,
        ),
        # A different house or flat number is a different home, however alike the street.
        Level(
            "different_number",
            "len(l.address_numbers) > 0 AND len(r.address_numbers) > 0 "
            "AND l.address_numbers <> r.address_numbers",
            -6.0,
        ),
        Level("same", "coalesce({measure}, 1.0) >= 0.85", 6.0),
        Level("similar", "{measure} >= 0.6", 2.0),
        Level("different", "true", -3.0),
    ),
)

_UPRN = Comparison(
    "uprn",
    "{side}.uprn",
    "l.uprn = r.uprn",
    (missing_level("uprn"), Level("same", "{measure}", 20.0), Level("different", "true", -10.0)),
)

_PLACE_FEATURES = f"""
SELECT *, {norm.name_key("name_words")} AS name_words_key,
    {norm.numbers("address_words")} AS address_numbers,
    {norm.without_numbers("address_words")} AS street_words,
    {norm.name_key(norm.without_numbers("address_words"))} AS street_words_key
FROM (
    SELECT CAST(record_id AS VARCHAR) AS record_id, name, lower(trim(kind)) AS kind,
        postcode, address_line, nullif(trim(CAST(uprn AS VARCHAR)), '') AS uprn,
        {norm.name_words("name")} AS name_words,
        {norm.address_words("address_line")} AS address_words,
        {norm.postcode("postcode")} AS postcode_key
    FROM entity_input
)"""

PLACE_RULES = EntityRules(
    kind="place",
    prefix="PL",
    columns=("record_id", "name", "kind", "postcode", "address_line", "uprn"),
    features=_PLACE_FEATURES,
    blocks=(
        Block("uprn", "decisive", "SELECT record_id, uprn AS key FROM features"),
        Block("postcode", "group", "SELECT record_id, postcode_key AS key FROM features"),
        Block(
            "name_without_postcode",
            "group",
            "SELECT record_id, name_words_key AS key FROM features "
            "WHERE kind = 'online_space' OR postcode_key IS NULL",
        ),
    ),
    comparisons=(_UPRN, _postcode(), _name(), _ADDRESS, _kind()),
    prior_weight=-5.0,
)


_ORGANISATION_FEATURES = f"""
SELECT *, {norm.name_key("name_words")} AS name_words_key
FROM (
    SELECT CAST(record_id AS VARCHAR) AS record_id, name, lower(trim(kind)) AS kind,
        postcode, licence_numbers, {norm.licences("licence_numbers")} AS licences,
        {norm.name_words("name")} AS name_words,
        {norm.postcode("postcode")} AS postcode_key
    FROM entity_input
)"""

ORGANISATION_RULES = EntityRules(
    kind="organisation",
    prefix="OR",
    columns=("record_id", "name", "kind", "postcode", "licence_numbers"),
    features=_ORGANISATION_FEATURES,
    blocks=(
        Block("licence", "decisive", "SELECT record_id, unnest(licences) AS key FROM features"),
        Block("postcode", "group", "SELECT record_id, postcode_key AS key FROM features"),
        Block(
            "name_without_postcode",
            "group",
            "SELECT record_id, name_words_key AS key FROM features WHERE postcode_key IS NULL",
        ),
    ),
    comparisons=(
        Comparison(
            "licence_numbers",
            "array_to_string({side}.licences, ', ')",
            "len(list_intersect(l.licences, r.licences))",
            (
                Level("missing", "len(l.licences) = 0 OR len(r.licences) = 0", 0.0),
                Level("shared", "{measure} > 0", 20.0),
                Level("none_shared", "true", -3.0),
            ),
        ),
        _postcode(),
        _name(),
        _kind(),
    ),
    prior_weight=-5.0,
)
