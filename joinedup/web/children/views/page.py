"""What every page of a child's record shows around its section: who the child is, on
what basis and for what purpose the record is open, and the sections to move between."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from joinedup.web.children.services.chronology import purpose_text
from joinedup.web.children.services.identity import headline
from joinedup.web.children.services.opening import Opening

__all__ = ["SECTIONS", "render_record"]

SECTIONS = (
    ("people:person", "Identity"),
    ("people:chronology", "Chronology"),
    ("people:screening", "Screening and agreed grade"),
    ("people:network", "Network"),
    ("people:contexts", "Contexts"),
    ("sharing:child", "Sharing decisions"),
)


def render_record(
    request: HttpRequest, opening: Opening, section: str, template: str, **context: Any
) -> HttpResponse:
    """Render one section of the record inside the record's layout."""
    person_id = opening.person.person_id
    sections = [
        {"href": reverse(name, args=[person_id]), "label": label, "current": name == section}
        for name, label in SECTIONS
    ]
    return render(request, template, {
        "opening": opening,
        "person": opening.person,
        "headline": headline(opening.person, opening.reader),
        "purpose": purpose_text(opening.purpose),
        "sections": sections,
        "section_label": dict(SECTIONS)[section],
        **context,
    })  # fmt: skip
