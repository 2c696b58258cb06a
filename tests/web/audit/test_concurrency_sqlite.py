"""Several processes appending to one SQLite file never fork the chain (IMMEDIATE transactions)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

WRITER = """
from joinedup.web.bootstrap import setup_django
setup_django(migrate=False)
from joinedup.web.audit.services import record_event
for i in range(25):
    record_event(None, "person.search", detail={"writer": {n}, "i": i})
"""


def test_processes_writing_at_once_keep_one_chain(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["JOINEDUP_DATA_DIR"] = str(tmp_path)
    python = [sys.executable, "-c"]
    subprocess.run([*python, "from joinedup.web.bootstrap import setup_django; setup_django()"],
                   env=env, check=True)  # fmt: skip
    writers = [
        subprocess.Popen([*python, WRITER.replace("{n}", str(n))], env=env) for n in range(4)
    ]
    assert [w.wait(timeout=300) for w in writers] == [0, 0, 0, 0]
    done = subprocess.run(
        [sys.executable, "-m", "joinedup", "audit", "verify"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Audit log intact: 100 entries" in done.stdout
