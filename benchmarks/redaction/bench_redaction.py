"""Redaction benchmark: recall, precision and speed on synthetic documents.

    python benchmarks/redaction/bench_redaction.py [--dir BOROUGH] [--children 150]
        [--documents 1000] [--seed 1] [--presidio] [--show 20]

Builds a synthetic borough (or reads `--dir`), takes its people as the index
(`known_people_from_borough`), writes `--documents` synthetic documents about them and
runs the Redactor over each. A true span counts as found when every non-space character
of it is covered by suggestions; a suggestion is correct when at least half of its
non-space characters are truly identifying (joinedup.disclosure.redaction.evaluation).
Speed is in pages per second, a page being 3,000 characters, after the Redactor is built
(the build time is printed too). Prints one JSON line per configuration (known people and
patterns; known people only; patterns only; with --presidio also Presidio's patterns
alone and everything together), each followed by its first `--show` misses and wrong
suggestions on stderr. Targets: recall >= 0.99, precision >= 0.9.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from joinedup.disclosure.redaction import Redactor
from joinedup.disclosure.redaction.evaluation import Score, score_document
from joinedup.synth import generate_borough
from joinedup.synth.documents import (
    SyntheticDocument,
    generate_documents,
    known_people_from_borough,
)

PAGE = 3_000


def measure(
    redactor: Redactor, documents: list[SyntheticDocument], label: str, built_s: float
) -> tuple[dict[str, object], Score]:
    total = Score()
    started = time.perf_counter()
    suggestions = [redactor.suggest(document.text) for document in documents]
    elapsed = time.perf_counter() - started
    for document, suggested in zip(documents, suggestions, strict=True):
        total.add(score_document(document.text, document.spans, suggested))
    characters = sum(len(document.text) for document in documents)
    row: dict[str, object] = {
        "configuration": label,
        "documents": len(documents),
        "pages": round(characters / PAGE, 1),
        "true_spans": sum(total.true.values()),
        "recall": round(total.recall(), 4),
        "precision": round(total.precision(), 4),
        "pages_per_s": round(characters / PAGE / elapsed, 1),
        "build_s": round(built_s, 2),
        "by_category": {
            category: {
                "true": total.true[category],
                "recall": round(total.recall(category), 4),
                "suggested": total.suggested[category],
                "precision": round(total.precision(category), 4),
            }
            for category in total.categories()
        },
    }
    return row, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="an existing `joinedup synth` borough")
    parser.add_argument("--children", type=int, default=150)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--presidio", action="store_true", help="also with Presidio patterns")
    parser.add_argument("--show", type=int, default=20, help="misses and errors to print")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.dir
        if folder is None:
            folder = Path(scratch)
            generate_borough(folder, children=args.children, years=(1995, 2025), seed=args.seed)
        known = known_people_from_borough(folder)
    documents = generate_documents(known, args.documents, seed=args.seed)
    configurations: list[tuple[str, bool, dict[str, bool]]] = [
        ("known people and patterns", True, {}),
        ("known people only", True, {"patterns": False}),
        ("patterns only", False, {}),
    ]
    if args.presidio:
        configurations += [
            ("Presidio patterns only", False, {"patterns": False, "presidio": True}),
            ("known people, patterns and Presidio", True, {"presidio": True}),
        ]
    for label, with_known, options in configurations:
        started = time.perf_counter()
        redactor = Redactor(known if with_known else (), **options)
        built = time.perf_counter() - started
        row, total = measure(redactor, documents, label, built)
        row["known_people"] = len(known) if with_known else 0
        sys.stdout.write(json.dumps(row) + "\n")
        for category, context in total.missed[: args.show]:
            sys.stderr.write(f"missed  {category:22} {context}\n")
        for category, context in total.wrong[: args.show]:
            sys.stderr.write(f"wrong   {category:22} {context}\n")


if __name__ == "__main__":
    main()
