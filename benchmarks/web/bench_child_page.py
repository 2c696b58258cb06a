"""p50 and p95 of the child's page for a child with 2,000 events, under 20 users.

    python benchmarks/web/bench_child_page.py                       # SQLite
    python benchmarks/web/bench_child_page.py --database-url postgres://postgres@127.0.0.1:5432/bench

Steps (docs/web.md, "Load benchmark"):

1. A fresh data folder and, with --database-url, a freshly emptied PostgreSQL database
   (its public schema is dropped: use a scratch database).
2. A synthetic borough of --children children is imported and linked through the normal
   paths. One child known to children's services is then given more episodes, in an
   extra file of that agency's export (episodes-bench.jsonl, imported with the rest of
   the export), until they have --events events in all.
3. --users specialist practitioners, each allocated the child, each with a confirmed
   authenticator and a signed-in, two-factor-verified session in which a purpose was
   recorded for the child (so the pages answer 200, as after the purpose step).
4. `joinedup serve` (waitress) starts on a free port; each page is fetched once to warm
   the caches, then locust (benchmarks/web/locustfile.py) runs headless for --duration
   seconds with --users users, each alternating the identity page and the chronology
   (first page of 100 entries) with 0.5-1.5 s between pages.
5. One JSON line: per page p50 and p95 (ms, as locust rounds them), requests, failures
   and requests per second; the load average before and after (the machine is shared);
   the working folder (data, serve.log, locust.log), which is kept.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PAGES = ("identity", "chronology")
EPISODE_TYPES = ("CONTACT", "REFERRAL", "ASSESS", "STRAT", "S47", "MISSING", "RHI",
                 "CE_SCREEN", "MACE", "PLACEMENT_MOVE")  # fmt: skip
SUMMARIES = (
    "Contact from school; information and advice given.",
    "Missing overnight; returned the next morning.",
    "Return home interview completed.",
    "Strategy discussion held with police and health.",
    "Seen getting into a car with an older male.",
    "Placement move after a disruption.",
    "Discussed at the MACE meeting.",
)


def reset_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def prepare(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Build the borough, the busy child and the users' sessions; return the sessions."""
    from joinedup.synth import generate_borough
    from joinedup.web.bootstrap import setup_django

    setup_django(migrate=True)
    from joinedup.web.people.linking import link_everyone

    borough = work / "borough"
    generate_borough(borough, children=args.children, years=(1995, 2025), seed=args.seed)
    manifest = json.loads((borough / "manifest.json").read_text())
    for export in manifest["exports"]:
        _import(borough, export)
    link_everyone("benchmark")
    person_id, csc_id, born = _busiest_child_known_to_csc()
    _give_events(borough, manifest, person_id, csc_id, born, args.events, args.seed)
    sessions = _signed_in_sessions(person_id, args.users)
    from django.db import connections

    connections.close_all()
    return sessions


def _import(borough: Path, export: dict[str, Any], extra: list[Path] | None = None) -> None:
    from joinedup.web.records.importing import import_export

    files = [borough / f for f in export["files"]] + (extra or [])
    import_export(export["agency"], borough / export["mapping"], files, user="benchmark")


def _busiest_child_known_to_csc() -> tuple[str, str, date]:
    from django.db.models import Count

    from joinedup.web.records.models import SourcePerson

    record = (
        SourcePerson.objects.filter(agency__code="CSC", link__person__age_group="child")
        .annotate(event_count=Count("events"))
        .order_by("-event_count", "pk")
        .select_related("link__person")
        .first()
    )
    if record is None:
        raise SystemExit("the borough has no child known to children's services")
    born = date.fromisoformat(record.dob) if len(record.dob) == 10 else date(2008, 1, 1)
    return record.link.person.person_id, record.source_id, born


def _events_of(person_id: str) -> int:
    from joinedup.web.records.models import Event

    return (
        Event.objects.filter(participants__person__link__person__person_id=person_id)
        .distinct()
        .count()
    )


def _give_events(
    borough: Path,
    manifest: dict[str, Any],
    person_id: str,
    csc_id: str,
    born: date,
    events: int,
    seed: int,
) -> None:
    """Write the missing episodes into an extra export file and import the export again."""
    missing = events - _events_of(person_id)
    export = next(e for e in manifest["exports"] if e["agency"] == "CSC")
    extra = borough / Path(export["mapping"]).parent / "episodes-bench.jsonl"
    rng = random.Random(seed)
    span = (date(2025, 6, 30) - born).days
    with extra.open("w", encoding="utf-8") as out:
        for n in range(max(missing, 0)):
            summary = rng.choice(SUMMARIES)
            episode = {
                "episodeId": f"BENCH{n:06d}",
                "personId": csc_id,
                "type": EPISODE_TYPES[n % len(EPISODE_TYPES)],
                "date": (born + timedelta(days=span * (n + 1) // (missing + 1))).isoformat(),
                "summary": summary,
                "detail": f"{summary} Recorded by the allocated social worker.",
            }
            out.write(json.dumps(episode) + "\n")
    _import(borough, export, [extra])
    found = _events_of(person_id)
    if found != events:
        raise SystemExit(f"{person_id} has {found} events after the import, not {events}")


def _signed_in_sessions(person_id: str, users: int) -> dict[str, Any]:
    """One signed-in, code-verified session per user, with a purpose for the child."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from joinedup.web.access import purposes
    from joinedup.web.access.models import Allocation
    from joinedup.web.access.services import record_purpose
    from joinedup.web.accounts import sessions
    from joinedup.web.accounts.models import User
    from joinedup.web.accounts.signing_in import MODEL_BACKEND
    from joinedup.web.people.models import Person

    person = Person.objects.get(person_id=person_id)
    cookies = []
    for n in range(users):
        user = User(username=f"bench.practitioner.{n}", role="specialist_practitioner")
        user.set_unusable_password()
        user.save()
        device = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
        Allocation.objects.create(person=person, user=user, allocated_from=date(2025, 1, 1))
        opened = record_purpose(user, person, "case_work")
        client = Client()
        client.force_login(user, backend=MODEL_BACKEND)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        sessions.mark_started(session)
        session[purposes.SESSION_KEY] = {person_id: opened.pk}
        session.save()
        cookies.append(session.session_key)
    return {"cookie_name": settings.SESSION_COOKIE_NAME, "cookies": cookies,
            "person_id": person_id}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"joinedup serve stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/health/", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"joinedup serve did not answer {url}/health/ in {timeout:.0f} s")


def warm_up(url: str, sessions: dict[str, Any]) -> None:
    cookie = f"{sessions['cookie_name']}={sessions['cookies'][0]}"
    for path in (
        f"/people/{sessions['person_id']}/",
        f"/people/{sessions['person_id']}/chronology/",
    ):
        request = urllib.request.Request(url + path, headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=120) as answer:
            if answer.status != 200 or answer.geturl() != url + path:
                raise SystemExit(f"warm-up: {path} answered {answer.status} at {answer.geturl()}")


def run_locust(url: str, sessions_file: Path, args: argparse.Namespace, work: Path) -> Path:
    locust = Path(sys.executable).parent / "locust"
    if not locust.exists():
        raise SystemExit("locust is not installed: pip install -e '.[dev]'")
    prefix = work / "locust"
    command = [
        str(locust), "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary",
        "-u", str(args.users), "-r", str(args.users), "-t", f"{args.duration}s",
        "--reset-stats", "--host", url, "--csv", str(prefix), "--loglevel", "WARNING",
    ]  # fmt: skip
    env = {**os.environ, "BENCH_SESSIONS": str(sessions_file)}
    with (work / "locust.log").open("wb") as log:  # its summary table, for a closer look
        subprocess.run(command, env=env, check=False, stdout=log, stderr=log)
    return Path(f"{prefix}_stats.csv")


def read_stats(path: Path) -> dict[str, dict[str, float]]:
    found = {}
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            if row["Name"] in PAGES:
                found[row["Name"]] = {
                    "p50_ms": float(row["50%"]),
                    "p95_ms": float(row["95%"]),
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "requests_per_s": round(float(row["Requests/s"]), 2),
                }
    missing = set(PAGES) - set(found)
    if missing:
        raise SystemExit(f"locust reported nothing for {', '.join(sorted(missing))}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="a scratch PostgreSQL database (emptied)")
    parser.add_argument("--children", type=int, default=30, help="borough size [30]")
    parser.add_argument("--events", type=int, default=2000, help="the child's events [2000]")
    parser.add_argument("--users", type=int, default=20, help="concurrent users [20]")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load [60]")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads [8]")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-child-page-"))
    os.environ["JOINEDUP_DATA_DIR"] = str(work / "data")
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        reset_postgres(args.database_url)
        os.environ["DATABASE_URL"] = args.database_url
    started = time.perf_counter()
    sessions = prepare(args, work)
    built_s = time.perf_counter() - started
    sessions_file = work / "sessions.json"
    sessions_file.write_text(json.dumps(sessions), "utf-8")

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    serve = [sys.executable, "-m", "joinedup", "serve", "--port", str(port),
             "--threads", str(args.threads)]  # fmt: skip
    with (work / "serve.log").open("wb") as log:
        server = subprocess.Popen(serve, env=dict(os.environ), stdout=log, stderr=log)
        try:
            wait_until_up(url, server)
            warm_up(url, sessions)
            load_before = os.getloadavg()
            stats = read_stats(run_locust(url, sessions_file, args, work))
            load_after = os.getloadavg()
        finally:
            server.terminate()
            server.wait(timeout=30)
    result = {
        "benchmark": "child_page",
        "database": "postgresql" if args.database_url else "sqlite",
        "person_id": sessions["person_id"],
        "events": args.events,
        "users": args.users,
        "duration_s": args.duration,
        "server_threads": args.threads,
        "pages": stats,
        "build_s": round(built_s, 1),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "cpus": os.cpu_count(),
        "work_dir": str(work),  # the data, serve.log and locust.log, kept for a closer look
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
