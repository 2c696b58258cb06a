"""Exact and near duplicates between documents (ANCHORS.md §3: de-duplication).

Exact: two documents hold a version with the same stored file (same SHA-256).
Near: their versions' texts share a MinHash band and the Jaccard similarity of their
word shingles is at least the threshold in data/documents.yaml. Each pair found is
kept (DuplicatePair) when a version is added; groups join the pairs transitively.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from joinedup.web.documents.models import (
    Document,
    DocumentVersion,
    DuplicatePair,
    ShingleBand,
)
from joinedup.web.documents.services.rules import rules
from joinedup.web.documents.services.shingles import band_keys, jaccard, shingles

__all__ = [
    "DuplicateGroup",
    "PossibleDuplicate",
    "duplicate_groups",
    "find_duplicates_of",
    "possible_duplicates",
]


@dataclass(frozen=True)
class PossibleDuplicate:
    document: Document
    version_number: int
    other_version_number: int
    kind: str
    similarity: float

    @property
    def percent(self) -> int:
        return int(self.similarity * 100)


@dataclass(frozen=True)
class DuplicateGroup:
    documents: list[Document]
    exact: bool
    least_similarity: float

    @property
    def percent(self) -> int:
        return int(self.least_similarity * 100)


def find_duplicates_of(version: DocumentVersion) -> list[DuplicatePair]:
    """Record this version's bands and the pairs it makes with other documents' versions."""
    settings = rules().near_duplicates
    own = shingles(version.text, settings.shingle_words)
    keys = band_keys(own, settings)
    ShingleBand.objects.bulk_create(ShingleBand(version=version, band=b, key=k) for b, k in keys)
    found = {v.pk: (DuplicatePair.EXACT, 1.0) for v in _same_file(version)}
    for candidate in _candidates(version, keys):
        if candidate.pk not in found:
            similarity = jaccard(own, shingles(candidate.text, settings.shingle_words))
            if similarity >= settings.threshold:
                found[candidate.pk] = (DuplicatePair.NEAR, similarity)
    return [_pair(version.pk, other, kind, s) for other, (kind, s) in sorted(found.items())]


def _same_file(version: DocumentVersion) -> list[DocumentVersion]:
    return list(
        DocumentVersion.objects.filter(file_id=version.file_id).exclude(
            document_id=version.document_id
        )
    )


def _candidates(version: DocumentVersion, keys: list[tuple[int, int]]) -> list[DocumentVersion]:
    if not keys:
        return []
    sharing = reduce(or_, (Q(bands__band=b, bands__key=k) for b, k in keys))
    return list(
        DocumentVersion.objects.filter(sharing)
        .exclude(document_id=version.document_id)
        .distinct()
        .order_by("pk")
    )


def _pair(one: int, other: int, kind: str, similarity: float) -> DuplicatePair:
    first, second = sorted((one, other))
    pair, _ = DuplicatePair.objects.get_or_create(
        first_id=first,
        second_id=second,
        defaults={"kind": kind, "similarity": similarity, "found_at": timezone.now()},
    )
    return pair


def possible_duplicates(document: Document) -> list[PossibleDuplicate]:
    """The other documents one of whose versions duplicates one of this one's."""
    pairs = DuplicatePair.objects.filter(
        Q(first__document=document) | Q(second__document=document)
    ).select_related("first__document", "second__document")
    found = []
    for pair in pairs:
        own, other = (
            (pair.first, pair.second)
            if pair.first.document_id == document.pk
            else (pair.second, pair.first)
        )
        found.append(
            PossibleDuplicate(other.document, own.number, other.number, pair.kind, pair.similarity)
        )
    return sorted(found, key=lambda p: (-p.similarity, p.document.reference))


def duplicate_groups() -> list[DuplicateGroup]:
    """Documents joined by any duplicate pair, largest groups first."""
    pairs = list(
        DuplicatePair.objects.values_list(
            "first__document", "second__document", "kind", "similarity"
        )
    )
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second, _, _ in pairs:
        parent[root(first)] = root(second)
    grouped: dict[int, list[tuple[int, int, str, float]]] = {}
    for pair in pairs:
        grouped.setdefault(root(pair[0]), []).append(pair)
    documents = Document.objects.in_bulk(list(parent))
    groups = [
        DuplicateGroup(
            documents=sorted(
                {documents[n] for p in inside for n in p[:2]}, key=lambda d: d.reference
            ),
            exact=all(p[2] == DuplicatePair.EXACT for p in inside),
            least_similarity=min(p[3] for p in inside),
        )
        for inside in grouped.values()
    ]
    return sorted(groups, key=lambda g: (-len(g.documents), g.documents[0].reference))
