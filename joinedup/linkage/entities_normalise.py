"""DuckDB SQL that normalises how agencies write places, vehicles, phones and organisations.

Each function takes the SQL of a column and returns the SQL of the normalised value, so
100,000 records normalise inside DuckDB with no Python per row. Word rules (drop 'the',
'ltd', 'house', 'takeaway'; 'kebabs' → 'kebab'; 'st' → 'street') are data, in
`data/place_words.csv`, which cites its source.

    name_words("'The Star Kebabs Ltd.'")  → ['kebab', 'star']
    name_words("'STAR KEBAB HOUSE'")      → ['kebab', 'star']
    address_words("'Flat 2, 12a High St'") → ['12a', '2', 'high', 'street']
    registration("' ab12 cde '")          → 'AB12CDE'
"""

from __future__ import annotations

import csv
from functools import cache

from joinedup.linkage import feature_sql
from joinedup.linkage.names import DATA_DIR

__all__ = [
    "address_words",
    "licences",
    "name_key",
    "name_words",
    "numbers",
    "phone",
    "postcode",
    "registration",
    "vehicle_word",
    "without_numbers",
    "word_similarity",
]


@cache
def _word_rules(applies_to: str) -> dict[str, str]:
    """word → replacement ('' drops the word) for names or addresses."""
    text = (DATA_DIR / "place_words.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {
        row["word"]: row["replacement"]
        for row in csv.DictReader(lines)
        if row["applies_to"] in (applies_to, "both")
    }


def _map_literal(rules: dict[str, str]) -> str:
    entries = ", ".join(f"{_quoted(word)}: {_quoted(new)}" for word, new in rules.items())
    return f"MAP {{{entries}}}"


def _quoted(text: str) -> str:
    escaped = text.replace("'", "''")
    return f"'{escaped}'"


def _words(value: str, applies_to: str) -> str:
    """Words of a value, each replaced per the word rules, dropped words removed, unique."""
    text = feature_sql.address(f"regexp_replace({value}, '[''’]s\\b', '', 'g')")
    split = f"string_split(coalesce({text}, ''), ' ')"
    rules = _map_literal(_word_rules(applies_to))
    replaced = f"list_transform({split}, lambda w: coalesce({rules}[w], w))"
    singular = f"list_transform({replaced}, lambda w: regexp_replace(w, '^(.{{3,}}[^s])s$', '\\1'))"
    return f"list_sort(list_distinct(list_filter({singular}, lambda w: w <> '')))"


def name_words(value: str) -> str:
    """The distinct normalised words of a place or organisation name, sorted."""
    return _words(value, "name")


def name_key(words: str) -> str:
    """The sorted words joined by spaces; NULL when no words are left."""
    return f"nullif(array_to_string({words}, ' '), '')"


def address_words(value: str) -> str:
    """The distinct normalised words of an address line, numbers included, sorted."""
    return _words(value, "address")


def without_numbers(words: str) -> str:
    """The words of a word list with no digits in them (the street, the town)."""
    return f"list_filter({words}, lambda w: NOT regexp_matches(w, '[0-9]'))"


def numbers(words: str) -> str:
    """The words of a word list holding digits: house and flat numbers ('12', '12a')."""
    return f"list_filter({words}, lambda w: regexp_matches(w, '[0-9]'))"


def word_similarity(side_l: str, side_r: str, words: str) -> str:
    """How alike two records' word lists are, 0 to 1: the better of two measures.

    ``words`` names a sorted word list column and ``words``_key its words joined by spaces,
    on the records ``side_l`` and ``side_r``. Token-set (Dice) similarity, 2·shared /
    (words left + words right), forgives word order and an extra word; edit similarity of
    the joined words, 1 − edits / longer length, forgives a typing slip inside a word
    ('kebbab'). NULL when either side has no words.
    """
    left, right = f"{side_l}.{words}", f"{side_r}.{words}"
    key_l, key_r = f"{side_l}.{words}_key", f"{side_r}.{words}_key"
    dice = f"2.0 * len(list_intersect({left}, {right})) / (len({left}) + len({right}))"
    edits = f"1.0 - levenshtein({key_l}, {key_r}) / greatest(length({key_l}), length({key_r}))"
    return f"CASE WHEN len({left}) > 0 AND len({right}) > 0 THEN greatest({dice}, {edits}) END"


def postcode(value: str) -> str:
    """Upper case, letters and digits only ('MS14EF' from 'ms1 4ef'); NULL when blank."""
    return feature_sql.postcode_unit(value)


def registration(value: str) -> str:
    """Upper case, letters and digits only ('AB12CDE' from 'ab12 cde'); NULL when blank."""
    return f"nullif(upper(regexp_replace(coalesce({value}, ''), '[^A-Za-z0-9]', '', 'g')), '')"


def phone(value: str) -> str:
    """E.164 ('+447700900123'), written nationally or internationally; NULL if unusable."""
    return feature_sql.phone_e164(value)


def licences(values: str) -> str:
    """Each licence number upper case with letters and digits only, blanks dropped."""
    return feature_sql.clean_list(values, registration)


def vehicle_word(value: str) -> str:
    """Make, model or colour: lower case, letters and digits, single spaces ('gray' → 'grey')."""
    cleaned = feature_sql.address(value)
    return f"CASE WHEN {cleaned} = 'gray' THEN 'grey' ELSE {cleaned} END"
