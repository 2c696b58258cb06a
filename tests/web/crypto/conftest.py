"""Crypto fixtures: keys of the test's own (environment or key file), an event, raw reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from joinedup.web.crypto import keys
from joinedup.web.records import models as m
from tests.web.records.conftest import tiny  # noqa: F401  (shared fixture)


def new_key() -> str:
    return Fernet.generate_key().decode()


def use_keys(monkeypatch: pytest.MonkeyPatch, *configured: str) -> None:
    monkeypatch.setenv("JOINEDUP_FIELD_KEYS", ",".join(configured))
    keys.reload_keys()


@pytest.fixture(autouse=True)
def own_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each test starts with one fresh key of its own in JOINEDUP_FIELD_KEYS."""
    key = new_key()
    use_keys(monkeypatch, key)
    yield key
    monkeypatch.undo()
    keys.reload_keys()


@pytest.fixture
def key_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Keys from a key file of the test's own (not yet written) instead of the environment."""
    path = tmp_path / "keys" / "field_keys"
    monkeypatch.delenv("JOINEDUP_FIELD_KEYS")
    monkeypatch.setenv("JOINEDUP_FIELD_KEY_FILE", str(path))
    keys.reload_keys()
    return path


def stored(sql: str, *params: object) -> object:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def raw_narrative(event: m.Event) -> str:
    value = stored("SELECT narrative FROM records_event WHERE id = %s", event.pk)
    assert isinstance(value, str)
    return value


_numbers = iter(range(1, 10_000))


def make_event(narrative: str) -> m.Event:
    agency, _ = m.Agency.objects.get_or_create(code="TST", name="Test", kind="police")
    batch = m.ImportBatch.objects.create(
        agency=agency, imported_by="t", started_at="2025-01-01T00:00Z",
        finished_at="2025-01-01T00:00Z", mapping_path="m.yaml", mapping_sha256="0" * 64,
    )  # fmt: skip
    return m.Event.objects.create(
        agency=agency, source_id=f"E{next(_numbers)}", content_hash="h", imported_in=batch,
        updated_in=batch, event_type="missing_episode", occurred="2025-01-01",
        occurred_precision="day", occurred_on="2025-01-01", narrative=narrative,
    )  # fmt: skip
