"""The word lists redaction reads: nicknames, names that are words, streets, abbreviations.

All are data files with their sources: `data/name_words.yaml`, `data/street_suffixes.yaml`
here, and the linkage tables `nicknames.csv` and `name_variants.csv` (read as files, so
that redaction does not import the linkage engine).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

import yaml

__all__ = ["abbreviations", "name_words", "nicknames_of", "place_words", "street_suffixes"]

DATA_DIR = Path(__file__).resolve().parent / "data"
LINKAGE_DATA_DIR = Path(__file__).resolve().parents[2] / "linkage" / "data"


@cache
def nicknames_of() -> dict[str, frozenset[str]]:
    """formal forename -> its nicknames, from the linkage tables (both citing sources)."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in _csv_rows(LINKAGE_DATA_DIR / "nicknames.csv"):
        found[row["formal"].strip().lower()].add(row["nickname"].strip().lower())
    for row in _csv_rows(LINKAGE_DATA_DIR / "name_variants.csv"):
        spellings = [row["canonical"], *row["variants"].split(";")]
        for spelling in spellings:
            found[spelling.strip().lower()].update(s.strip().lower() for s in spellings)
    return {name: frozenset(others) for name, others in found.items()}


def _csv_rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


@cache
def _name_words_data() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load((DATA_DIR / "name_words.yaml").read_text("utf-8"))
    return data


@cache
def name_words() -> frozenset[str]:
    """Names that are also ordinary words, in lower case (data/name_words.yaml)."""
    data = _name_words_data()
    words = [*data["forenames"], *data["surnames"], *data["months"]]
    return frozenset(word.lower() for word in words)


@cache
def abbreviations() -> frozenset[str]:
    """Record-keeping abbreviations never taken for a name in capitals ("DOB", "PC")."""
    return frozenset(word.lower() for word in _name_words_data()["abbreviations"])


@cache
def street_suffixes() -> tuple[frozenset[str], frozenset[str]]:
    """(street suffixes with their abbreviations, place words), both in lower case."""
    data = yaml.safe_load((DATA_DIR / "street_suffixes.yaml").read_text("utf-8"))
    suffixes = {
        word.lower()
        for full, short in data["street_suffixes"].items()
        for word in [full, *(short or [])]
    }
    return frozenset(suffixes), frozenset(w.lower() for w in data["place_words"])


@cache
def place_words() -> frozenset[str]:
    """Street suffixes and place words together: after a name, they make it a place."""
    suffixes, places = street_suffixes()
    return suffixes | places
