"""On an imported synthetic borough: every record is typed and dated, and a real record
(with its events, versions and links as the import and linkage wrote them) is destroyed."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.people.models import PersonLink
from joinedup.web.records.models import EventParticipant, RecordVersion, SourcePerson
from joinedup.web.retention.services.decisions import Choice, approve, decide
from joinedup.web.retention.services.due import current_record, records_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from joinedup.synth import generate_borough
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    monkeypatch.setenv("JOINEDUP_DATA_DIR", str(tmp_path / "data"))
    generate_borough(tmp_path, children=6, years=(1995, 2025), seed=11)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for export in manifest["exports"]:
        files = [tmp_path / f for f in export["files"]]
        import_export(export["agency"], tmp_path / export["mapping"], files, user="test")
    link_everyone("test")


def test_an_imported_record_is_typed_dated_and_destroyed(
    imported: None, make_user: Callable[..., Any]
) -> None:
    far = records_due(date(2200, 1, 1))
    assert len(far) == SourcePerson.objects.exclude(dob="").count()
    assert {d.record.record_type for d in far} >= {"health_record", "police_record"}
    due_now = [d.record for d in records_due(timezone.localdate()) if d.record.subject_person_id]
    assert due_now, "a borough from 1995 has records past their date"
    record = due_now[0]
    assert current_record(record.kind, record.key, timezone.localdate()) == record
    source = SourcePerson.objects.get(agency__code=record.agency,
                                      source_id=record.key.split(":", 1)[1])  # fmt: skip
    taking_part = EventParticipant.objects.filter(person=source).count()
    decision = decide(make_user("administrator"), record, Choice("destroy", "Test"))
    log = approve(make_user("administrator"), decision, "Checked")
    assert log.counts.get("records.EventParticipant", 0) >= taking_part
    assert not SourcePerson.objects.filter(pk=source.pk).exists()
    assert not EventParticipant.objects.filter(person_id=source.pk).exists()
    assert not PersonLink.objects.filter(source_person_id=source.pk).exists()
    assert not RecordVersion.objects.filter(agency=source.agency, kind="person",
                                            source_id=source.source_id).exists()  # fmt: skip
