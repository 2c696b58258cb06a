"""The meeting papers: a PDF of the agenda, and each child's screening prompts and
chronology as the person asking may see them; audited (services/papers.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from joinedup.web.access.services import capability_required
from joinedup.web.meetings.services.papers import meeting_papers
from joinedup.web.meetings.views.common import meeting_or_404


@require_GET
@capability_required("attend_meetings")
def papers(request: HttpRequest, reference: str) -> HttpResponse:
    made = meeting_papers(request.user, meeting_or_404(request, reference), request)
    response = HttpResponse(made.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    response["Cache-Control"] = "no-store"
    return response
