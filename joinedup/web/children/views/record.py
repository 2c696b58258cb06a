"""The sections of a child's record that only read: identity, screening, network, contexts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from joinedup.web.access.services import has_capability
from joinedup.web.children.gate import record_page
from joinedup.web.children.services.contexts import contexts_of
from joinedup.web.children.services.grades import agreed_grades_of
from joinedup.web.children.services.identity import identity_of
from joinedup.web.children.services.network import ego_network
from joinedup.web.children.services.opening import Opening
from joinedup.web.children.services.screening import screening_of
from joinedup.web.children.views.page import render_record


@require_GET
@record_page("identity")
def identity(request: HttpRequest, opening: Opening) -> HttpResponse:
    found = identity_of(opening.person, opening.reader)
    return render_record(request, opening, "people:person", "children/person/identity.html",
                         identity=found)  # fmt: skip


@require_GET
@record_page("screening")
def screening(request: HttpRequest, opening: Opening) -> HttpResponse:
    return render_record(
        request, opening, "people:screening", "children/person/screening.html",
        screenings=screening_of(opening.person, opening.reader),
        grades=agreed_grades_of(opening.person),
        may_record=has_capability(request.user, "record_agreed_grades"),
    )  # fmt: skip


@require_GET
@record_page("network")
def network(request: HttpRequest, opening: Opening) -> HttpResponse:
    found = ego_network(opening.person, opening.reader)
    return render_record(request, opening, "people:network", "children/person/network.html",
                         network=found, elements=found.elements())  # fmt: skip


@require_GET
@record_page("contexts")
def contexts(request: HttpRequest, opening: Opening) -> HttpResponse:
    found = contexts_of(opening.person, opening.reader)
    return render_record(request, opening, "people:contexts", "children/person/contexts.html",
                         contexts=found)  # fmt: skip
