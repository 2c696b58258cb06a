"""The chain format, with no Django: how an entry's hash is computed.

    hash = SHA-256( prev_hash ‖ canonical JSON of the entry's fields )

`prev_hash` is the hex hash of the entry before (GENESIS for the first), the
canonical JSON has sorted keys, no spaces, UTF-8 text and whole-number floats as
integers, and the timestamp is UTC ISO 8601 with microseconds. docs/audit.md
describes the format for anyone who wants to check the chain with their own tools.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "GENESIS",
    "HASHED_FIELDS",
    "canonical_json",
    "entry_hash",
    "normalise_detail",
    "timestamp_text",
]

GENESIS = "0" * 64

HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_role",
    "action",
    "target_type",
    "target_id",
    "purpose",
    "basis",
    "detail",
    "ip_address",
    "user_agent",
)


def canonical_json(value: object) -> str:
    """Sorted keys, no spaces, UTF-8 text, and whole-number floats written as integers
    (PostgreSQL's jsonb gives 1e20 back as 100000000000000000000)."""
    return json.dumps(
        _whole_floats_as_ints(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def _whole_floats_as_ints(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole_floats_as_ints(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_floats_as_ints(v) for v in value]
    return value


def normalise_detail(detail: Mapping[str, Any] | None) -> dict[str, Any]:
    """The detail as plain JSON types (dates and other values become their text)."""
    text = json.dumps(dict(detail or {}), ensure_ascii=False, default=str, allow_nan=False)
    loaded: dict[str, Any] = json.loads(canonical_json(json.loads(text)))
    return loaded


def timestamp_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    """The hash of one entry from the hash before it and its fields."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    if isinstance(payload["occurred_at"], datetime):
        payload["occurred_at"] = timestamp_text(payload["occurred_at"])
    digest = hashlib.sha256(prev_hash.encode("ascii"))
    digest.update(canonical_json(payload).encode("utf-8"))
    return digest.hexdigest()
