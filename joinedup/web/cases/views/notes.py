"""The case note editor: a draft kept as the worker types, finalised into a note.

Without JavaScript the worker presses *Save draft* or *Add note*; with it,
static/cases/note-autosave.js also posts the text to `cases:note-autosave` every few
seconds and when the session warning appears. The draft is shown again whenever the
worker comes back, so nothing typed is lost when a session expires.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from joinedup.web.access.services import capability_required
from joinedup.web.cases.forms import NoteForm
from joinedup.web.cases.models import Case, CaseNote
from joinedup.web.cases.services.cases import record_view
from joinedup.web.cases.services.notes import discard_draft, draft_of, finalise_note, save_draft
from joinedup.web.cases.services.vocabularies import autosave_seconds
from joinedup.web.cases.views.common import acting_user, load_case


def _corrected(case: Case, note_id: int | None) -> CaseNote | None:
    if not note_id:
        return None
    return case.notes.filter(pk=note_id, status=CaseNote.FINAL).first()


@require_http_methods(["GET", "POST"])
@capability_required("work_cases")
def note(request: HttpRequest, reference: str) -> HttpResponse:
    case, user = load_case(request, reference), acting_user(request)
    draft = draft_of(case, user)
    if request.method == "POST":
        return _posted(request, case, draft)
    corrects = draft.corrects if draft else _corrected(case, _int(request.GET.get("corrects")))
    initial = {"text": draft.text if draft else "", "corrects": corrects.pk if corrects else None}
    record_view(user, case, request, section="note", draft_restored=draft is not None)
    return _editor(request, case, NoteForm(initial=initial), draft, corrects)


def _posted(request: HttpRequest, case: Case, draft: CaseNote | None) -> HttpResponse:
    form, user = NoteForm(request.POST), acting_user(request)
    if request.POST.get("action") == "discard":
        discard_draft(case, user, request)
        messages.success(request, "Draft note discarded.")
        return redirect("cases:case", case.reference)
    corrects = _corrected(case, _int(request.POST.get("corrects")))
    if form.is_valid():
        text = form.cleaned_data["text"]
        try:
            if request.POST.get("action") == "draft":
                saved = save_draft(
                    case, user, text, corrects=corrects, audited=True, request=request
                )
                return _editor(request, case, form, saved, corrects, saved_now=True)
            finalise_note(case, user, text, corrects=corrects, request=request)
        except ValidationError as error:
            form.add_error("text", error.messages[0])
        else:
            messages.success(
                request, "Case note added. It cannot be changed: add a correction if needed."
            )
            return redirect("cases:case", case.reference)
    return _editor(request, case, form, draft, corrects)


def _editor(
    request: HttpRequest,
    case: Case,
    form: NoteForm,
    draft: CaseNote | None,
    corrects: CaseNote | None,
    *,
    saved_now: bool = False,
) -> HttpResponse:
    context = {
        "case": case,
        "form": form,
        "draft": draft,
        "corrects": corrects,
        "saved_now": saved_now,
        "autosave_seconds": autosave_seconds(),
    }
    return render(request, "cases/note.html", context, status=400 if form.errors else 200)


@require_POST
@capability_required("work_cases")
def autosave(request: HttpRequest, reference: str) -> HttpResponse:
    """Keep the text typed as the worker's draft; answers a line for the status area."""
    case, user = load_case(request, reference), acting_user(request)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            "Your draft is too long to save.", status=400, content_type="text/plain"
        )
    text = form.cleaned_data["text"]
    if not text.strip() and draft_of(case, user) is None:
        return HttpResponse("", content_type="text/plain")
    corrects = _corrected(case, form.cleaned_data["corrects"])
    saved = save_draft(case, user, text, corrects=corrects, request=request)
    at = timezone.localtime(saved.saved_at)
    return HttpResponse(f"Draft saved at {at:%H:%M:%S}", content_type="text/plain")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
