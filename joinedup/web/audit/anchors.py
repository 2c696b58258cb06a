"""Anchors: the chain head written to an append-only file outside the database.

Each line of the file is JSON: {"sequence": N, "hash": "...", "written_at": "..."}.
Someone able to rewrite the database (and its triggers) cannot also rewrite a
copy of this file kept elsewhere, so `joinedup audit verify` compares the chain
with every anchor. Copy the file off the machine, or keep it on WORM storage.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from joinedup import config
from joinedup.errors import InputError
from joinedup.web.audit.verification import Anchor, Head

__all__ = ["append_anchor", "default_anchor_file", "read_anchors"]


def default_anchor_file() -> Path:
    configured = config.get("JOINEDUP_AUDIT_ANCHOR_FILE")
    return Path(configured) if configured else config.data_dir() / "audit-anchors.jsonl"


def append_anchor(path: Path, head: Head) -> Anchor:
    """Append the head to the file (created if absent), flushed to disk."""
    anchor = Anchor(head.sequence, head.hash, datetime.now(UTC).isoformat(timespec="seconds"))
    line = json.dumps(
        {"sequence": anchor.sequence, "hash": anchor.hash, "written_at": anchor.written_at}
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(line + "\n")
        file.flush()
        os.fsync(file.fileno())
    return anchor


def read_anchors(path: Path) -> list[Anchor]:
    """Every anchor in the file; none if it does not exist yet."""
    if not path.exists():
        return []
    anchors = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            anchors.append(
                Anchor(int(data["sequence"]), str(data["hash"]), str(data["written_at"]))
            )
        except (ValueError, KeyError, TypeError):
            raise InputError(
                f"{path}, line {number}: expected an anchor "
                '{"sequence": N, "hash": "...", "written_at": "..."}'
            ) from None
    return anchors
