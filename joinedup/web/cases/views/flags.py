"""Setting and removing the CSE and CCE flags (`work_cases`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from joinedup.web.access.services import capability_required
from joinedup.web.cases.forms import FlagForm, ReasonForm
from joinedup.web.cases.services.flags import flags_not_set, remove_flag, set_flag
from joinedup.web.cases.services.vocabularies import flag_definitions
from joinedup.web.cases.views.common import acting_user, edit_page, load_case, posted


@require_http_methods(["GET", "POST"])
@capability_required("work_cases")
def flag_set(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    form = FlagForm(posted(request), flags_not_set(case), initial={"version": case.version})

    def save(data: dict[str, Any]) -> None:
        set_flag(
            case,
            seen_version=data["version"],
            by=acting_user(request),
            flag=data["flag"],
            reason=data["reason"],
            request=request,
        )

    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/flag_set.html",
        success="Flag set.",
        definitions=flag_definitions(),
    )


@require_http_methods(["GET", "POST"])
@capability_required("work_cases")
def flag_remove(request: HttpRequest, reference: str, flag_id: int) -> HttpResponse:
    case = load_case(request, reference)
    flag = case.flags.filter(pk=flag_id, removed_at__isnull=True).first()
    if flag is None:
        raise Http404("No such flag set on this case")
    flag.case = case
    form = ReasonForm(
        posted(request),
        "Why the flag is being removed",
        "Enter why the flag is being removed",
        initial={"version": case.version},
    )

    def save(data: dict[str, Any]) -> None:
        remove_flag(
            flag,
            seen_version=data["version"],
            by=acting_user(request),
            reason=data["reason"],
            request=request,
        )

    definition = flag_definitions().get(flag.flag)
    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/flag_remove.html",
        success="Flag removed. It stays in the case's history.",
        flag=flag,
        definition=definition,
    )
