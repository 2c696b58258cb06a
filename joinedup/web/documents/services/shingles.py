"""Word shingles, MinHash signatures and their bands (no Django; docs/documents.md).

The text is normalised (Unicode NFKC, lower case, words of letters and digits only),
cut into overlapping runs of `shingle_words` words, and summarised by a MinHash
signature (datasketch). The signature is cut into bands; two texts sharing any band
are candidates, and `jaccard` of their shingles decides.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from datasketch import MinHash

from joinedup.web.documents.services.rules import NearDuplicateRules

__all__ = ["band_keys", "jaccard", "normalised_words", "shingles"]

_WORD = re.compile(r"\w+")


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int) -> set[str]:
    words = normalised_words(text)
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(first: set[str], second: set[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def band_keys(found: set[str], settings: NearDuplicateRules) -> list[tuple[int, int]]:
    """(band, key) for each band of the MinHash signature; none for an empty text."""
    if not found:
        return []
    signature = MinHash(num_perm=settings.permutations, seed=1)
    signature.update_batch([s.encode("utf-8") for s in sorted(found)])
    rows = settings.rows_per_band
    values = signature.hashvalues
    return [
        (band, _key(values[band * rows : (band + 1) * rows].tobytes()))
        for band in range(settings.bands)
    ]


def _key(raw: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big", signed=True)
