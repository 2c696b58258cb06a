"""Import time and peak memory for a synthetic borough, on SQLite or PostgreSQL.

    python benchmarks/records/bench_import.py --borough DIR [--database-url URL]

Runs `joinedup import --manifest DIR/manifest.json` in a fresh data folder (and, for
PostgreSQL, a freshly emptied database) as a child process, and prints one JSON line:
seconds, peak RSS of the child, records per kind.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def reset_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def run(borough: Path, database_url: str | None) -> dict[str, object]:
    env = dict(os.environ)
    env["JOINEDUP_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-import-")
    env.pop("DATABASE_URL", None)
    if database_url:
        reset_postgres(database_url)
        env["DATABASE_URL"] = database_url
    joinedup = [sys.executable, "-m", "joinedup"]
    subprocess.run([*joinedup, "manage", "migrate", "-v0"], env=env, check=True)
    start = time.perf_counter()
    subprocess.run(
        [*joinedup, "import", "--manifest", str(borough / "manifest.json")],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    status = subprocess.run(
        [*joinedup, "status", "--json"], env=env, check=True, capture_output=True, text=True
    )
    totals = json.loads(status.stdout)["totals"]
    return {
        "database": "postgresql" if database_url else "sqlite",
        "seconds": round(seconds, 1),
        "peak_rss_mib": round(peak_kib / 1024),
        "records": totals,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--borough", type=Path, required=True)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    print(json.dumps(run(args.borough, args.database_url)))


if __name__ == "__main__":
    main()
