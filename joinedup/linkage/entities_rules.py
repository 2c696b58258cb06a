"""The rules, with their reasons, for places, vehicles, phones and organisations.

Weights are log2 odds (bits): +8 makes a pair 256 times likelier to be one entity. With the
defaults (match at 0.9 = +3.2 bits, review from 0.3 = −1.2 bits) the worked cases are:

Places (prior −5; same postcode +3, so a shared postcode alone is −2 = 0.2, not reviewed;
kind then nudges each case: +1 same, −1 different)
    same UPRN                      decisive: a UPRN names one addressable property
    "Star Kebabs" / "STAR KEBAB HOUSE", same postcode   −2 + 8 (names same) = 0.98 match
    names only similar (≥ 0.7, "Star Kebab" / "Stars Grill Kebab")   −2 + 4 = 0.8 review
    "Star Kebabs" / "Golden Dragon", same postcode      −2 − 6 = 0.004, two premises: a
                                    postcode holds a whole parade of shops
    "12 High St" / "12 High Street" (homes)             −2 + 6 (address same) = 0.94 match
    "12 High St" / "14 High St"                         −2 − 6 = 0.004, next door: a
                                    different house or flat number is a different home
    same name, different postcode   never compared: a chain's branches are different
                                    premises; only online spaces (no postcode) and places
                                    with no postcode are compared by name alone
Vehicles (prior −2)
    identical registration          decisive (+16); make −4, model −1, colour −2 on
                                    disagreement lower the score and flag the pair for
                                    review, because a wrong make is likelier a recording
                                    slip than two vehicles with one registration
    one character different         +1; with make, model and colour agreeing (+1 each)
                                    0.8: a review candidate; never merged automatically
Phones (prior −2)
    identical E.164                 decisive (+20)
    one digit different             +2 = 0.5: a review candidate, never merged
Organisations (prior −5)
    a shared licence number         decisive: licences are issued to one holder
    otherwise                       names and postcode as for places; licences held but
                                    none shared −3 (one holder may have several licences)
"""

from __future__ import annotations

from joinedup.linkage import entities_normalise as norm
from joinedup.linkage.entities_engine import Block, Comparison, EntityRules, Level
from joinedup.linkage.entities_rules_places import (
    ORGANISATION_RULES,
    PLACE_RULES,
    missing_level,
)

__all__ = ["ORGANISATION_RULES", "PHONE_RULES", "PLACE_RULES", "VEHICLE_RULES"]

_VEHICLE_FEATURES = f"""
SELECT CAST(record_id AS VARCHAR) AS record_id, registration,
    {norm.registration("registration")} AS registration_key,
    {norm.vehicle_word("make")} AS make, {norm.vehicle_word("model")} AS model,
    {norm.vehicle_word("colour")} AS colour
FROM entity_input"""


def _vehicle_detail(field: str, disagreement: float) -> Comparison:
    """Make, model or colour: close spellings agree ('Vauxhall'/'Vauxhal')."""
    return Comparison(
        field,
        "{side}." + field,
        f"jaro_winkler_similarity(l.{field}, r.{field})",
        (
            missing_level(field),
            Level("same", "{measure} >= 0.9", 1.0),
            Level("different", "true", disagreement),
        ),
    )


VEHICLE_RULES = EntityRules(
    kind="vehicle",
    prefix="VH",
    columns=("record_id", "registration", "make", "model", "colour"),
    features=_VEHICLE_FEATURES,
    blocks=(
        Block(
            "registration", "decisive", "SELECT record_id, registration_key AS key FROM features"
        ),
        Block(
            "registration_slip", "near", "SELECT record_id, registration_key AS key FROM features"
        ),
    ),
    comparisons=(
        Comparison(
            "registration",
            "{side}.registration_key",
            "damerau_levenshtein(l.registration_key, r.registration_key)",
            (
                Level("identical", "{measure} = 0", 16.0),
                Level("one_character_different", "{measure} = 1", 1.0),
                Level("different", "true", -10.0),
            ),
        ),
        _vehicle_detail("make", -4.0),
        _vehicle_detail("model", -1.0),
        _vehicle_detail("colour", -2.0),
    ),
    prior_weight=-2.0,
)

PHONE_RULES = EntityRules(
    kind="phone",
    prefix="PH",
    columns=("record_id", "number"),
    features=f"""SELECT CAST(record_id AS VARCHAR) AS record_id, number,
        {norm.phone("number")} AS number_key FROM entity_input""",
    blocks=(
        Block("number", "decisive", "SELECT record_id, number_key AS key FROM features"),
        Block("number_slip", "near", "SELECT record_id, number_key AS key FROM features"),
    ),
    comparisons=(
        Comparison(
            "number",
            "{side}.number_key",
            "damerau_levenshtein(l.number_key, r.number_key)",
            (
                Level("identical", "{measure} = 0", 20.0),
                Level("one_digit_different", "{measure} = 1", 2.0),
                Level("different", "true", -10.0),
            ),
        ),
    ),
    prior_weight=-2.0,
)
