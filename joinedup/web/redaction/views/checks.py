"""The second reviewer's check of each decision (QC)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.redaction.forms import CheckForm
from joinedup.web.redaction.services import pages
from joinedup.web.redaction.services.review import check as check_decision
from joinedup.web.redaction.views.common import find_redaction, show_error, signed_in


@capability_required("inquiry_work")
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, redaction_id: int) -> HttpResponse:
    found = find_redaction(redaction_id)
    form = CheckForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agree = data["decision"] == "agree"
        try:
            check_decision(signed_in(request), found, agree, data["note"], data["version"], request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, "Decision agreed" if agree else "Decision sent back")
            after = pages.next_to_check(found.document_version, request.user, found.start)
            if after is not None:
                return redirect("redaction:check", after.pk)
            return redirect("redaction:version", found.document_version_id)
    refusal = ""
    if found.status == found.SUGGESTED:
        refusal = "This suggestion has not been decided yet: there is nothing to check."
    elif found.decided_by_id == request.user.pk:
        refusal = "You made this decision: a second reviewer must check it."
    context = {
        "form": form,
        "redaction": found,
        "version": found.document_version,
        "shown": pages.in_context(found),
        "category": pages.category_label(found.category),
        "ground": pages.ground_label(found.ground),
        "refusal": refusal,
    }
    return render(request, "redaction/check.html", context)
