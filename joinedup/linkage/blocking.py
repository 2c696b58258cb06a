"""Which pairs of records are compared at all (blocking), and the rules used in training.

Comparing every record with every other is impossible at a million records, so a pair is
scored only when at least one *prediction rule* holds. Each rule exists for a way the
same child is written differently; a true pair is lost only when it breaks every rule:

1. same forename key and surname key: dates of birth missing or mistyped, moved house
   (forename key = nickname/spelling root, so Kayley Smyth meets Kayleigh Smyth);
2. same surname and date of birth: forename nickname, typo or "known as" name;
3. same forename key and date of birth: surname changed (stepfather's name), typo;
4. same NHS number; 5. same UPN; 6. same PNC ID: identifiers outweigh everything;
7. same forename key and postcode: surname changed and no date of birth;
8. same surname and postcode: forename typo and no date of birth (also brings household
   members together, which the model then keeps apart);
9. same date of birth and postcode: both names changed or mistyped;
10. forename and surname transposed;
11. first two letters of forename and surname and the year of birth: typos in both names;
12. the same first phone number;
13. the same other identifier (optional column);
14. the same first two words of the address, house number and street (optional column).

Training uses two EM blocks (each leaves the fields it blocks on to be learned by the
other) and two near-certain deterministic rules to estimate how often two random
records match.
"""

from __future__ import annotations

from splink import block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator

__all__ = [
    "DETERMINISTIC_RULES_RECALL",
    "deterministic_rules",
    "prediction_rules",
    "training_rules",
]

DETERMINISTIC_RULES_RECALL = 0.7


def prediction_rules() -> list[BlockingRuleCreator | str]:
    """The rules that generate the pairs to score (see the module docstring)."""
    return [
        block_on("forename_key", "surname_key"),
        block_on("surname", "dob_full"),
        block_on("forename_key", "dob_full"),
        block_on("nhs_number"),
        block_on("upn"),
        block_on("pnc_id"),
        block_on("forename_key", "postcode"),
        block_on("surname", "postcode"),
        block_on("dob_full", "postcode"),
        "l.forename1 = r.surname AND l.surname = r.forename1",
        block_on("substr(forename1, 1, 2)", "substr(surname, 1, 2)", "dob_year"),
        block_on("phones_all[1]"),
        block_on("other_id"),
        block_on("address_tokens[1]", "address_tokens[2]"),
    ]


def training_rules() -> list[BlockingRuleCreator]:
    """Blocks for expectation maximisation: names-agree, then date-of-birth-agrees."""
    return [block_on("forename_key", "surname"), block_on("dob_full")]


def deterministic_rules() -> list[BlockingRuleCreator]:
    """Rules that admit almost no false matches, to estimate the prior match rate."""
    return [
        block_on("nhs_number"),
        block_on("other_id"),
        block_on("forename1", "surname", "dob_full"),
    ]
