"""Locust users for bench_child_page.py: practitioners reading one child's record.

Each simulated user has its own signed-in, two-factor-verified session (made by the
benchmark, which also recorded a purpose for the child in it), and alternately opens
the child's identity page and chronology, pausing 0.5-1.5 s between pages. A page
counts as a failure unless it answers 200 (no redirect followed) with the child's id.

Read by `locust -f benchmarks/web/locustfile.py`; the benchmark passes the sessions
in the JSON file named by BENCH_SESSIONS:
{"cookie_name": ..., "cookies": [...], "person_id": ...}.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from locust import HttpUser, between, task

SESSIONS = json.loads(Path(os.environ["BENCH_SESSIONS"]).read_text("utf-8"))
PERSON_ID: str = SESSIONS["person_id"]
_next_session = itertools.count()


class Practitioner(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        cookie = SESSIONS["cookies"][next(_next_session) % len(SESSIONS["cookies"])]
        self.client.headers["Cookie"] = f"{SESSIONS['cookie_name']}={cookie}"

    @task
    def identity(self) -> None:
        self._page(f"/people/{PERSON_ID}/", "identity")

    @task
    def chronology(self) -> None:
        self._page(f"/people/{PERSON_ID}/chronology/", "chronology")

    def _page(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} {r.headers.get('Location', '')}")
            elif PERSON_ID not in r.text:
                r.failure("the page does not name the child")
