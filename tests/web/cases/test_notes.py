"""Case notes: a draft kept as the worker types (autosave, or Save draft without
JavaScript) and found again after the session expired; final notes never change;
corrections are new notes linked to the old; the text is encrypted at rest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from joinedup.web.cases.models import Case, CaseNote
from joinedup.web.cases.services.notes import finalise_note

pytestmark = pytest.mark.django_db

TEXT = "Met the child at school with the safeguarding lead. Agreed a safe adult to call."


def test_save_draft_without_javascript_keeps_the_text_for_the_next_session(
    child_case: Case, manager: Any, client_of: Callable[..., Any], audit: Callable[..., Any]
) -> None:
    url = f"/cases/{child_case.reference}/notes/new/"
    saved = client_of(manager).post(url, {"text": TEXT, "action": "draft"})
    assert saved.status_code == 200 and "Draft saved at" in saved.text
    # The session expires; the worker signs in again in a new session.
    again = client_of(manager)
    assert "Continue your draft note" in again.get(f"/cases/{child_case.reference}/").text
    editor = again.get(url)
    assert TEXT in editor.text and "This is your draft" in editor.text
    assert len(audit("cases.note_draft_saved")) == 1
    assert audit("cases.view")[-1].detail["draft_restored"] is True


def test_autosave_keeps_the_draft_and_is_audited_only_when_first_made(
    child_case: Case, manager: Any, client_of: Callable[..., Any], audit: Callable[..., Any]
) -> None:
    client = client_of(manager)
    url = f"/cases/{child_case.reference}/notes/draft/"
    first = client.post(url, {"text": "Met the child"})
    second = client.post(url, {"text": TEXT})
    assert first.status_code == second.status_code == 200
    assert second.text.startswith("Draft saved at")
    draft = CaseNote.objects.get()
    assert (draft.status, draft.text, draft.author) == ("draft", TEXT, manager)
    assert len(audit("cases.note_draft_saved")) == 1
    assert client.post(url, {"text": "x" * 20_001}).status_code == 400
    assert CaseNote.objects.get().text == TEXT


def test_an_empty_autosave_makes_no_draft(
    child_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    client_of(manager).post(f"/cases/{child_case.reference}/notes/draft/", {"text": "  "})
    assert not CaseNote.objects.exists()


def test_autosave_after_the_session_ended_is_sent_to_sign_in_and_keeps_the_last_draft(
    child_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    client = client_of(manager)
    client.post(f"/cases/{child_case.reference}/notes/draft/", {"text": TEXT})
    client.logout()
    late = client.post(f"/cases/{child_case.reference}/notes/draft/", {"text": "lost?"})
    assert late.status_code == 302 and "/sign-in/" in late["Location"]
    assert CaseNote.objects.get().text == TEXT


def test_adding_the_note_makes_the_draft_final_and_it_cannot_change(
    child_case: Case, manager: Any, client_of: Callable[..., Any], audit: Callable[..., Any]
) -> None:
    client = client_of(manager)
    client.post(f"/cases/{child_case.reference}/notes/draft/", {"text": "Met the child"})
    added = client.post(
        f"/cases/{child_case.reference}/notes/new/", {"text": TEXT, "action": "final"}
    )
    assert added.status_code == 302
    note = CaseNote.objects.get()
    assert (note.status, note.text) == ("final", TEXT) and note.finalised_at is not None
    assert audit("cases.note_added")[0].detail["note_id"] == note.pk
    note.text = "Changed afterwards"
    with pytest.raises(ValueError, match="cannot be changed"):
        note.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        note.delete()
    assert CaseNote.objects.get().text == TEXT


def test_an_empty_note_is_refused_with_an_error_summary(
    child_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    posted = client_of(manager).post(
        f"/cases/{child_case.reference}/notes/new/", {"text": " ", "action": "final"}
    )
    assert posted.status_code == 400 and "Enter the case note" in posted.text
    assert not CaseNote.objects.filter(status="final").exists()


def test_a_correction_is_a_new_note_linked_to_the_old(
    child_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    old = finalise_note(child_case, manager, "Met on Tuesday at the station")
    client = client_of(manager)
    editor = client.get(f"/cases/{child_case.reference}/notes/new/?corrects={old.pk}")
    assert "Correct a case note" in editor.text and "Met on Tuesday at the station" in editor.text
    client.post(
        f"/cases/{child_case.reference}/notes/new/",
        {"text": "It was Wednesday", "corrects": old.pk, "action": "final"},
    )
    correction = CaseNote.objects.exclude(pk=old.pk).get()
    assert correction.corrects == old
    old.refresh_from_db()
    assert old.text == "Met on Tuesday at the station"


def test_discarding_the_draft_deletes_it(
    child_case: Case, manager: Any, client_of: Callable[..., Any], audit: Callable[..., Any]
) -> None:
    client = client_of(manager)
    client.post(f"/cases/{child_case.reference}/notes/draft/", {"text": TEXT})
    client.post(f"/cases/{child_case.reference}/notes/new/", {"text": TEXT, "action": "discard"})
    assert not CaseNote.objects.exists()
    assert len(audit("cases.note_draft_discarded")) == 1


def test_note_text_is_encrypted_at_rest(child_case: Case, manager: Any) -> None:
    finalise_note(child_case, manager, TEXT)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_casenote")
        [(stored,)] = cursor.fetchall()
    assert "safeguarding" not in stored and stored


def test_the_editor_loads_its_script_from_a_file_and_has_no_inline_script(
    child_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    page = client_of(manager).get(f"/cases/{child_case.reference}/notes/new/").text
    assert 'src="/static/cases/note-autosave.js"' in page
    assert f'data-autosave-url="/cases/{child_case.reference}/notes/draft/"' in page
    assert "<script>" not in page and "style=" not in page
