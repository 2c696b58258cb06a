"""Time and peak memory to generate a synthetic borough.

    python benchmarks/synth/bench_generate.py --children N [--out DIR] [--seed S]

Prints one JSON line: seconds, peak RSS (MB) of this process, and record counts.
About 2.7 source person records are written per child.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from joinedup.synth import generate_borough


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-synth-"))
    started = time.perf_counter()
    summary = generate_borough(out, children=args.children, seed=args.seed)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "children": args.children,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "source_person_records": summary.source_person_records,
        "persons": summary.persons,
        "events": summary.events,
        "exploited_children": summary.exploited_children,
        "networks": summary.networks,
        "out": str(out),
    }
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
