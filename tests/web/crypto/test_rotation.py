"""Key rotation: a new key, every value re-encrypted in one transaction, old keys kept
for reading until then, retired afterwards; plaintext from before encryption converted."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.db import connection

from joinedup.cli.main import cli
from joinedup.errors import ConfigurationError
from joinedup.web.crypto import keys
from joinedup.web.crypto.cipher import looks_encrypted
from joinedup.web.crypto.keys import KeyUnavailable, fingerprint
from joinedup.web.crypto.rotation import key_usage, retire_older_keys, rotate_keys
from joinedup.web.records import models as m
from tests.web.crypto.conftest import make_event, new_key, raw_narrative, use_keys

pytestmark = pytest.mark.django_db

NARRATIVE = "Seen getting into a silver Astra outside the school at 15:20."


def file_keys(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line and not line.startswith("#")]


def invoke(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "240"}).invoke(cli, list(args))


def test_rotate_with_a_key_file_re_encrypts_under_a_new_key_and_keeps_the_old(
    key_file: Path,
) -> None:
    event = make_event(NARRATIVE)
    empty = make_event("")
    (old,) = file_keys(key_file)
    before = raw_narrative(event)
    done = rotate_keys()
    new, kept = file_keys(key_file)
    assert kept == old and done.newest == fingerprint(new) and done.older == [fingerprint(old)]
    assert done.rewritten["records.Event.narrative"] == 1
    after = raw_narrative(event)
    assert after != before
    assert Fernet(new).decrypt(after.encode()).decode() == NARRATIVE
    with pytest.raises(InvalidToken):
        Fernet(old).decrypt(after.encode())
    assert m.Event.objects.get(pk=event.pk).narrative == NARRATIVE
    assert raw_narrative(empty) == ""
    assert key_usage()["records.Event.narrative"] == {fingerprint(new): 1}


def test_retire_moves_older_keys_aside_and_values_still_read(key_file: Path) -> None:
    event = make_event(NARRATIVE)
    (old,) = file_keys(key_file)
    rotate_keys()
    assert retire_older_keys() == [fingerprint(old)]
    assert len(file_keys(key_file)) == 1 and old not in file_keys(key_file)
    retired = key_file.with_name("field_keys.retired")
    assert old in file_keys(retired)
    assert oct(retired.stat().st_mode & 0o777) == "0o600"
    keys.reload_keys()
    assert m.Event.objects.get(pk=event.pk).narrative == NARRATIVE


def test_retire_refuses_while_a_value_is_under_an_older_key(
    monkeypatch: pytest.MonkeyPatch, own_keys: str
) -> None:
    make_event(NARRATIVE)
    use_keys(monkeypatch, new_key(), own_keys)
    with pytest.raises(ConfigurationError, match="still encrypted under key"):
        retire_older_keys()


def test_rotate_with_keys_in_the_environment_uses_the_first(
    monkeypatch: pytest.MonkeyPatch, own_keys: str
) -> None:
    event = make_event(NARRATIVE)
    newer = new_key()
    use_keys(monkeypatch, newer, own_keys)
    done = rotate_keys()
    assert done.from_environment and done.newest == fingerprint(newer)
    assert Fernet(newer).decrypt(raw_narrative(event).encode()).decode() == NARRATIVE
    assert retire_older_keys() == [fingerprint(own_keys)]  # for the operator to remove


def test_rotation_is_all_or_nothing(monkeypatch: pytest.MonkeyPatch, own_keys: str) -> None:
    first = make_event(NARRATIVE)
    use_keys(monkeypatch, new_key())  # a key then lost
    make_event("written under a key nobody kept")
    use_keys(monkeypatch, new_key(), own_keys)
    before = raw_narrative(first)
    with pytest.raises(KeyUnavailable, match="cannot be decrypted with any configured field key"):
        rotate_keys()
    assert raw_narrative(first) == before


def set_raw_narrative(event: m.Event, text: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE records_event SET narrative = %s WHERE id = %s", [text, event.pk])


def test_plaintext_from_before_encryption_reads_and_is_encrypted_by_rotation() -> None:
    event = make_event("")
    set_raw_narrative(event, NARRATIVE)
    assert m.Event.objects.get(pk=event.pk).narrative == NARRATIVE
    assert key_usage()["records.Event.narrative"] == {"plaintext": 1}
    rotate_keys()
    assert looks_encrypted(raw_narrative(event))
    assert m.Event.objects.get(pk=event.pk).narrative == NARRATIVE


def test_migration_encrypts_existing_plaintext_and_reverses() -> None:
    migration = importlib.import_module("joinedup.web.records.migrations.0003_encrypt_narratives")
    event = make_event("")
    set_raw_narrative(event, NARRATIVE)
    migration.encrypt_existing(apps, None)
    assert looks_encrypted(raw_narrative(event))
    assert m.Event.objects.get(pk=event.pk).narrative == NARRATIVE
    migration.decrypt_existing(apps, None)
    assert raw_narrative(event) == NARRATIVE


def test_keys_commands(key_file: Path) -> None:
    event = make_event(NARRATIVE)
    (old,) = file_keys(key_file)
    status = invoke("keys", "status")
    assert status.exit_code == 0, status.output
    assert fingerprint(old) in status.output and "records.Event.narrative" in status.output
    rotated = invoke("keys", "rotate")
    assert rotated.exit_code == 0, rotated.output
    assert "1 value(s) re-encrypted" in rotated.output and "joinedup keys retire" in rotated.output
    keys.reload_keys()
    retired = invoke("keys", "retire")
    assert retired.exit_code == 0, retired.output
    assert f"Retired key(s) {fingerprint(old)}" in retired.output
    keys.reload_keys()
    assert m.Event.objects.get(pk=event.pk).narrative == NARRATIVE
    generated = invoke("keys", "generate").output.strip()
    Fernet(generated)


def test_wrong_key_makes_a_command_exit_2_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    make_event(NARRATIVE)
    use_keys(monkeypatch, new_key())
    result = invoke("keys", "rotate")
    assert result.exit_code == 2
    assert "cannot be decrypted with any configured field key" in result.output
