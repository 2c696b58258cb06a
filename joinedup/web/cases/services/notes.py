"""Case notes: drafts saved as the worker types, final notes that never change.

Each worker has at most one draft note on a case. The note editor saves it every few
seconds with JavaScript (static/cases/note-autosave.js), when the session warning
appears, and with the *Save draft* button without JavaScript, so nothing typed is lost
when a session expires: the draft is there when the worker comes back. Finalising turns
the draft into a note that cannot be changed; a correction is a new note linked to the
one it corrects. Note text is encrypted at rest.

Audit: `cases.note_added` for every final note. `cases.note_draft_saved` when a draft
is first saved and each time the worker presses *Save draft*; the autosaves between
are not audited one by one: they write only the worker's own words back to their own
draft and read nothing (docs/cases.md).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case, CaseNote

__all__ = ["discard_draft", "draft_of", "finalise_note", "final_notes", "save_draft"]

MAX_NOTE = 20_000


def draft_of(case: Case, author: User) -> CaseNote | None:
    return CaseNote.objects.filter(case=case, author=author, status=CaseNote.DRAFT).first()


def final_notes(case: Case) -> QuerySet[CaseNote]:
    """The case's final notes, newest first, with what each corrects."""
    found = case.notes.filter(status=CaseNote.FINAL)
    return found.select_related("author", "corrects").prefetch_related("corrections")


def save_draft(
    case: Case,
    author: User,
    text: str,
    *,
    corrects: CaseNote | None = None,
    audited: bool = False,
    request: HttpRequest | None = None,
) -> CaseNote:
    """Keep what the author has typed as their draft (made if they have none)."""
    _check_note(case, text, corrects)
    now = timezone.now()
    with transaction.atomic():
        draft = (
            CaseNote.objects.select_for_update()
            .filter(case=case, author=author, status=CaseNote.DRAFT)
            .first()
        )
        first = draft is None
        if draft is None:
            draft = CaseNote(case=case, author=author, status=CaseNote.DRAFT, created_at=now)
        draft.text = text  # type: ignore[assignment]
        draft.saved_at = now
        draft.corrects = corrects if corrects is not None else draft.corrects
        draft.save()
        if first or audited:
            _audit(author, "cases.note_draft_saved", draft, request)
    return draft


def finalise_note(
    case: Case,
    author: User,
    text: str,
    *,
    corrects: CaseNote | None = None,
    request: HttpRequest | None = None,
) -> CaseNote:
    """Make the author's note final (their draft, if any, becomes it); audited."""
    if not text.strip():
        raise ValidationError("Enter the case note")
    _check_note(case, text, corrects)
    with transaction.atomic():
        note = save_draft(case, author, text.strip(), corrects=corrects)
        note.status, note.finalised_at = CaseNote.FINAL, timezone.now()
        note.save(update_fields=["status", "finalised_at"])
        _audit(author, "cases.note_added", note, request)
    return note


def discard_draft(case: Case, author: User, request: HttpRequest | None = None) -> bool:
    """Delete the author's draft; whether there was one. Audited."""
    with transaction.atomic():
        draft = draft_of(case, author)
        if draft is None:
            return False
        _audit(author, "cases.note_draft_discarded", draft, request)
        draft.delete()
    return True


def _check_note(case: Case, text: str, corrects: CaseNote | None) -> None:
    if len(text) > MAX_NOTE:
        raise ValidationError(f"The case note must be {MAX_NOTE:,} characters or fewer")
    if corrects is not None and (corrects.case_id != case.pk or corrects.status != CaseNote.FINAL):
        raise ValidationError("A correction must be of a final note of this case")


def _audit(author: User, action: str, note: CaseNote, request: HttpRequest | None) -> None:
    record_event(
        author,
        action,
        target_type="case",
        target_id=note.case.reference,
        detail={
            "note_id": note.pk,
            "characters": len(note.text),
            "corrects": note.corrects_id or "",
        },
        request=request,
    )
