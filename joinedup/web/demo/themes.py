"""The demo inquiry's themes: the starting codebook loaded by demo.inquiry, then every
approved anonymised account (that the survivor lets the inquiry analyse) and the latest
version of every document coded: each sentence that holds one of the phrases below is
coded as an excerpt with that phrase's code, through the themes app's own services.
Call it after the survivors' accounts and the documents are seeded. A second run finds
the inquiry's codings and codes nothing more.
"""

from __future__ import annotations

import re

from joinedup.web.demo.cast import Cast
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.themes.models import Code, Coding
from joinedup.web.themes.services.codebook import load_codebook
from joinedup.web.themes.services.coding import code_item
from joinedup.web.themes.services.items import Item, items_of

__all__ = ["PHRASES", "seed_themes"]

# Words that, in the demo's synthetic texts, point to a code (lower case). A demo aid
# only: coding is a person's judgement.
PHRASES: dict[str, tuple[str, ...]] = {
    "missing-from-home-care": ("missing", "ran away", "care home"),
    "taxis-night-time-economy": ("taxi", "cars", "driving", "front seat", "lifts"),
    "boyfriend-grooming": ("boyfriend", "older male", "older man"),
    "takeaways-hotels": ("takeaway", "hotel", "garden", "flat above"),
    "school-exclusion": ("not in school", "excluded", "exclusion"),
    "police-response": ("no further action", "released under investigation"),
    "not-believed": ("didn't believe", "did not believe", "not believed", "my fault"),
    "alcohol-drugs-control": ("vodka", "alcohol", "drink", "drugs"),
    "threats-violence": ("threat", "hit me", "hurt my"),
    "fear-of-reprisal": ("scared", "afraid", "frightened"),
    "sexual-health-no-safeguarding": ("clinic", "sexual health", "morning-after"),
    "impact-adulthood": ("still", "now i", "years later"),
}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def _sentences_with(text: str, phrases: tuple[str, ...]) -> list[str]:
    found = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        if sentence and any(p in sentence.lower() for p in phrases):
            found.append(sentence)
    return found


def _code(cast: Cast, item: Item, codes: dict[str, Code]) -> int:
    made = 0
    for key, phrases in PHRASES.items():
        for sentence in _sentences_with(item.text, phrases)[:2]:
            code_item(cast.inquiry, item, codes[key], sentence, 1, "")
            made += 1
    return made


def seed_themes(cast: Cast, inquiry: Inquiry) -> list[str]:
    added = load_codebook(cast.inquiry, inquiry)
    said = [f"Codebook: {inquiry.codes.count()} codes ({len(added)} added)"]
    if Coding.objects.filter(code__inquiry=inquiry).exists():
        return [*said, "Coding: already done"]
    codes = {c.key: c for c in inquiry.codes.all()}
    items = items_of(inquiry)
    made = sum(_code(cast, item, codes) for item in items)
    accounts = sum(1 for i in items if i.kind == "account")
    said.append(f"Coded {accounts} accounts and {len(items) - accounts} documents: {made} codings")
    return said
