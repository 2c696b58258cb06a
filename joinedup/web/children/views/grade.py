"""Recording or changing the agreed grade (roles with `record_agreed_grades` only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import person_capability_required
from joinedup.web.analysis.grades import REVIEW_AFTER
from joinedup.web.children.forms import AgreedGradeForm
from joinedup.web.children.gate import record_page
from joinedup.web.children.services import grades
from joinedup.web.children.services.opening import Opening
from joinedup.web.children.services.rule_files import default_scheme
from joinedup.web.children.services.screening import screening_of
from joinedup.web.children.views.page import render_record


@require_http_methods(["GET", "POST"])
@person_capability_required("record_agreed_grades")
@record_page("grade")
def record_grade(request: HttpRequest, opening: Opening) -> HttpResponse:
    scheme = request.POST.get("scheme") or request.GET.get("scheme") or default_scheme()
    choices = grades.grade_choices(scheme)
    if not choices:
        raise Http404("No shipped rule file has this scheme")
    form = AgreedGradeForm(request.POST if request.method == "POST" else None, choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        choice = (scheme, data["grade"], data["rationale"], data["review_due"])
        try:
            agreed = grades.record_grade(opening, choice, request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            due = agreed.review_due
            messages.success(request, f"Agreed grade recorded. Review by {due.day} {due:%B %Y}.")
            return redirect("people:screening", person_id=opening.person.person_id)
    return render_record(
        request,
        opening,
        "people:screening",
        "children/person/grade_form.html",
        **_context(opening, form, scheme),
    )


def _context(opening: Opening, form: AgreedGradeForm, scheme: str) -> dict[str, Any]:
    """The form, the scheme and what to weigh: the suggestion and the grade agreed now."""
    schemes = dict(grades.scheme_choices())
    due = timezone.localdate() + REVIEW_AFTER
    return {
        "form": form, "scheme": scheme, "scheme_title": schemes.get(scheme, scheme),
        "other_schemes": [(s, t) for s, t in schemes.items() if s != scheme],
        "review_hint": f"Leave empty to review in three months, by {due.day} {due:%B %Y}. "
                       f"Or enter a date, for example {due.day} {due.month} {due.year}.",
        "screening": next((s for s in screening_of(opening.person, opening.reader)
                           if s.scheme == scheme), None),
        "current": next((g.current for g in grades.agreed_grades_of(opening.person)
                         if g.scheme == scheme), None),
    }  # fmt: skip
