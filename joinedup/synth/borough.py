"""`generate_borough`: a whole synthetic borough, written chunk by chunk.

Memory stays bounded: each chunk of households is generated, written to every
agency's export and the ground truth, then dropped. Only identifier counters, the
streets, schools and businesses carry from one chunk to the next.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from joinedup.synth.chunk import generate_chunk
from joinedup.synth.data import mapping_text
from joinedup.synth.exports.base import ExportWriter
from joinedup.synth.exports.education import EducationExport
from joinedup.synth.exports.health import HealthExport
from joinedup.synth.exports.licensing import LicensingExport
from joinedup.synth.exports.police import PoliceExport
from joinedup.synth.exports.social_care import SocialCareExport
from joinedup.synth.geography import build_geography
from joinedup.synth.households import Borough
from joinedup.synth.identifiers import IdentifierCounters
from joinedup.synth.truth import TruthWriter
from joinedup.synth.writing import write_chunk

__all__ = ["BoroughSummary", "generate_borough"]

CHILDREN_PER_CHUNK = 2000
Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class BoroughSummary:
    out_dir: Path
    children: int
    persons: dict[str, int] = field(default_factory=dict)
    """Source person records per agency code."""
    events: dict[str, int] = field(default_factory=dict)
    exploited_children: int = 0
    networks: int = 0
    elapsed_seconds: float = 0.0

    @property
    def source_person_records(self) -> int:
        return sum(self.persons.values())

    def describe(self) -> str:
        agencies = ", ".join(f"{code} {count:,}" for code, count in self.persons.items())
        return (
            f"{self.children:,} children; {self.source_person_records:,} source person records "
            f"({agencies}); {sum(self.events.values()):,} events; "
            f"{self.exploited_children:,} exploited children in {self.networks:,} networks; "
            f"{self.elapsed_seconds:.1f}s"
        )


def _open_exports(out_dir: Path, borough: Borough) -> list[ExportWriter]:
    """The exports in manifest order; no agency's records refer to another's."""
    return [
        PoliceExport(out_dir, borough.counters),
        SocialCareExport(out_dir),
        HealthExport(out_dir),
        EducationExport(out_dir),
        LicensingExport(out_dir, borough.geography.taxi_firms),
    ]


def _write_manifest(
    out_dir: Path,
    exports: list[ExportWriter],
    files: list[list[str]],
    seed: int,
    children: int,
    years: tuple[int, int],
) -> None:
    entries = []
    for export, paths in zip(exports, files, strict=True):
        mapping = f"{export.folder_name}/{export.folder_name}.mapping.yaml"
        (out_dir / mapping).write_text(mapping_text(export.folder_name), encoding="utf-8")
        entries.append(
            {
                "agency": export.agency,
                "name": export.name,
                "kind": export.kind,
                "format": export.file_format,
                "files": paths,
                "mapping": mapping,
            }
        )
    manifest = {
        "generator": "joinedup synth",
        "version": 1,
        "seed": seed,
        "children": children,
        "years": list(years),
        "exports": entries,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def generate_borough(
    out_dir: Path,
    children: int,
    years: tuple[int, int] = (1985, 2025),
    seed: int = 1,
    progress: Progress | None = None,
) -> BoroughSummary:
    """Write a synthetic borough of `children` children into `out_dir`: one export per
    agency with its mapping file, manifest.json, and the ground truth in truth/."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counters = IdentifierCounters()
    geography = build_geography(random.Random(f"{seed}:geography"), children, counters)
    borough = Borough(years, geography, counters)
    exports = _open_exports(out_dir, borough)
    truth = TruthWriter(out_dir / "truth")
    summary = BoroughSummary(out_dir, children)
    done, index = 0, 0
    while done < children:
        size = min(CHILDREN_PER_CHUNK, children - done)
        chunk = generate_chunk(borough, random.Random(f"{seed}:chunk:{index}"), size)
        write_chunk(chunk, exports, truth, random.Random(f"{seed}:write:{index}"), borough)
        summary.exploited_children += len(chunk.outcomes)
        summary.networks += len(chunk.networks)
        done, index = done + size, index + 1
        if progress:
            progress("Generating the borough", done, children)
    files = [export.close() for export in exports]
    truth.close()
    _write_manifest(out_dir, exports, files, seed, children, years)
    summary.persons = {e.agency: e.people for e in exports}
    summary.events = {e.agency: e.events for e in exports}
    summary.elapsed_seconds = round(time.perf_counter() - started, 2)
    return summary
