"""What several views share: the guidance context of the decision form, the layout of a
child's sharing pages, the purpose step and the way to a decision's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from joinedup.web.children.services.chronology import purpose_text
from joinedup.web.children.services.identity import headline
from joinedup.web.children.services.opening import Opening
from joinedup.web.children.views.page import SECTIONS
from joinedup.web.people.models import Person
from joinedup.web.sharing.forms import DecisionForm
from joinedup.web.sharing.services.vocabulary import conditions, guidance

__all__ = ["form_context", "record_context", "to_decision", "to_purpose_step"]

SECTION_LABEL = "Sharing decisions"


def form_context(form: DecisionForm, agency_kind: str) -> dict[str, Any]:
    """The form with the guidance to show beside it: golden rules, each basis's and
    condition's use, and the Caldicott prompt (health) or the Part 3 note (police)."""
    return {
        "form": form,
        "guidance": guidance(),
        "basis_items": [(b.code, b.label, b.when) for b in form.bases_offered()],
        "condition_items": [(c.code, c.label, c.when) for c in conditions().values()],
        "health_decider": agency_kind == "health",
        "police_decider": agency_kind == "police",
    }


def record_context(opening: Opening, **more: Any) -> dict[str, Any]:
    """What `children/person/base.html` needs around a sharing page of a child's record."""
    person_id = opening.person.person_id
    return {
        "opening": opening, "person": opening.person,
        "headline": headline(opening.person, opening.reader),
        "purpose": purpose_text(opening.purpose),
        "sections": [{"href": reverse(name, args=[person_id]), "label": label,
                      "current": name == "sharing:child"} for name, label in SECTIONS],
        "section_label": SECTION_LABEL, **more,
    }  # fmt: skip


def to_purpose_step(request: HttpRequest, person: Person) -> HttpResponse:
    url = reverse("access:purpose", args=[person.person_id])
    return redirect(url + "?" + urlencode({"next": request.get_full_path()}))


def to_decision(reference: str) -> HttpResponse:
    return redirect("sharing:decision", reference=reference)
