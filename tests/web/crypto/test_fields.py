"""Narratives are encrypted in the database, read back as text, and fail clearly on a wrong key."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from joinedup.errors import ConfigurationError
from joinedup.web.crypto.cipher import looks_encrypted
from joinedup.web.crypto.keys import KeyUnavailable
from joinedup.web.records import models as m
from joinedup.web.records.importing import import_export
from tests.web.crypto.conftest import make_event, new_key, raw_narrative, stored, use_keys
from tests.web.records.conftest import TinyExport

pytestmark = pytest.mark.django_db

SECRET = "Child disclosed that the man at the takeaway gave her alcohol."


def test_database_holds_a_token_not_the_narrative() -> None:
    event = make_event(SECRET)
    raw = raw_narrative(event)
    assert SECRET not in raw and "takeaway" not in raw
    assert looks_encrypted(raw)
    assert m.Event.objects.get(pk=event.pk).narrative == SECRET
    assert m.Event.objects.values_list("narrative", flat=True).get() == SECRET


@pytest.mark.parametrize("text", ["x", "Not needed.", "fifteen bytes!!", "sixteen bytes!!!"])
def test_short_narratives_read_back_as_typed(text: str) -> None:
    """Under 16 bytes the token is the shortest Fernet makes (73 bytes, 100 characters)."""
    event = make_event(text)
    assert looks_encrypted(raw_narrative(event))
    assert m.Event.objects.get(pk=event.pk).narrative == text


def test_empty_narrative_stays_empty() -> None:
    event = make_event("")
    assert raw_narrative(event) == ""
    assert m.Event.objects.get(pk=event.pk).narrative == ""


def test_wrong_key_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    event = make_event(SECRET)
    use_keys(monkeypatch, new_key())
    with pytest.raises(KeyUnavailable, match="cannot be decrypted with any configured field key"):
        m.Event.objects.get(pk=event.pk)


def test_older_key_still_reads_after_a_new_one_is_added(
    monkeypatch: pytest.MonkeyPatch, own_keys: str
) -> None:
    event = make_event(SECRET)
    use_keys(monkeypatch, new_key(), own_keys)
    assert m.Event.objects.get(pk=event.pk).narrative == SECRET


def test_import_encrypts_narrative_in_the_record_and_its_history(tiny: TinyExport) -> None:
    text = tiny.mapping.read_text().replace(
        "      summary: SUMMARY\n", "      summary: SUMMARY\n      narrative: SUMMARY\n"
    )
    tiny.mapping.write_text(text)
    import_export("TST", tiny.mapping, tiny.files, user="analyst.one")
    event = m.Event.objects.get(source_id="O2")
    assert event.narrative == "Child found in adult's car"
    raw_event = raw_narrative(event)
    raw_history = stored(
        "SELECT content FROM records_recordversion WHERE kind = 'event' AND source_id = 'O2'"
    )
    assert "adult's car" not in str(raw_event)
    stored_history = json.loads(raw_history) if isinstance(raw_history, str) else raw_history
    assert isinstance(stored_history, dict)
    assert looks_encrypted(stored_history["narrative"])  # the summary is not restricted
    history = m.RecordVersion.objects.get(kind="event", source_id="O2")
    assert history.content["narrative"] == "Child found in adult's car"
    assert history.content["summary"] == "Child found in adult's car"


def test_key_file_is_generated_at_first_use_readable_only_by_its_owner(key_file: Path) -> None:
    event = make_event(SECRET)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len([line for line in key_file.read_text().splitlines() if line[:1] != "#"]) == 1
    assert m.Event.objects.get(pk=event.pk).narrative == SECRET


def test_a_key_that_is_not_a_fernet_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    use_keys(monkeypatch, "not-a-key")
    with pytest.raises(ConfigurationError, match="key 1 is not a Fernet key"):
        make_event(SECRET)
