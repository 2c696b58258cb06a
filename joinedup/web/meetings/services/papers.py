"""Meeting papers: one PDF for the meeting, as the person asking may see it.

The papers open with a cover (handling marking OFFICIAL-SENSITIVE, the purpose, who
produced them and when, the meeting, the agenda as the requester sees it) and, for
each child on the agenda whose record the requester may open, the latest screening
prompts; then each such child's multi-agency chronology, produced by the chronology
core's own PDF layout (`joinedup.chronology.render_html`) with the requester's
entitlements. A child the requester may not open is listed as restricted and nothing
of them is included.

Producing the papers is audited in one transaction: `meetings.papers` on the meeting
(the children included and how many were restricted), and for each child included a
`person.view` with the purpose "Preparing for a MACE meeting", the basis of access and
the section `meeting_papers`, so an auditor following one child finds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from joinedup.chronology import Production, render_html
from joinedup.chronology.header import DEFAULT_MARKING
from joinedup.web.access import roles
from joinedup.web.access.services import access_to_person, entitlements_for
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.chronology import chronology_of
from joinedup.web.children.services.screening import SchemeScreening, screening_of
from joinedup.web.meetings.models import Meeting
from joinedup.web.meetings.services.pages import ItemView, meeting_page

__all__ = ["Papers", "meeting_papers"]

PURPOSE = "mace_preparation"
_CSS = Path(__file__).resolve().parents[1] / "templates" / "meetings" / "papers" / "papers.css"
_CHRONOLOGY_CSS = resources.files("joinedup.chronology").joinpath("templates", "chronology.css")


@dataclass(frozen=True)
class Papers:
    content: bytes
    filename: str
    children: tuple[str, ...]  # person ids included


@dataclass(frozen=True)
class ChildPaper:
    item: ItemView
    basis: str
    screening: list[SchemeScreening]


def meeting_papers(user: Any, meeting: Meeting, request: HttpRequest | None = None) -> Papers:
    """The PDF for the meeting, with what this user may see; audited."""
    page = meeting_page(user, meeting)
    production = Production(_producer(user), _purpose(meeting))
    children = [_child(user, i) for i in page.items if i.item.kind == "child" and not i.restricted]
    cover = render_to_string("meetings/papers/cover.html", {
        "page": page, "production": production, "children": children,
        "restricted": [i for i in page.items if i.restricted],
    })  # fmt: skip
    documents = [_render(cover, _CSS.read_text("utf-8"))]
    chronology_css = _CHRONOLOGY_CSS.read_text("utf-8")
    documents += [_render(_chronology_html(user, c, production), chronology_css)
                  for c in children]  # fmt: skip
    content = _merged(documents)
    with transaction.atomic():
        _audit(user, page.meeting, children, page.restricted, request)
    ids = tuple(c.item.item.person.person_id for c in children if c.item.item.person)
    return Papers(content, f"papers-{meeting.reference}.pdf", ids)


def _child(user: Any, item: ItemView) -> ChildPaper:
    person = item.item.person
    assert person is not None
    basis = access_to_person(user, person).basis or ""
    return ChildPaper(item, basis, screening_of(person, entitlements_for(user, person)))


def _chronology_html(user: Any, child: ChildPaper, production: Production) -> str:
    person = child.item.item.person
    assert person is not None
    return render_html(chronology_of(person, entitlements_for(user, person)), production)


def _purpose(meeting: Meeting) -> str:
    label = roles.purposes().get(PURPOSE, PURPOSE)
    when = timezone.localtime(meeting.starts_at)
    return f"{label}: {meeting.reference}, {when.day} {when:%B %Y}"


def _producer(user: Any) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.get_role_display()})"


def _render(html: str, stylesheet: str) -> Any:
    from weasyprint import CSS, HTML

    return HTML(string=html).render(stylesheets=[CSS(string=stylesheet)])


def _merged(documents: list[Any]) -> bytes:
    pages = [page for document in documents for page in document.pages]
    written: bytes = documents[0].copy(pages).write_pdf()
    return written


def _audit(user: Any, meeting: Meeting, children: list[ChildPaper], restricted: int,
           request: HttpRequest | None) -> None:  # fmt: skip
    ids = [c.item.item.person.person_id for c in children if c.item.item.person]
    record_event(user, "meetings.papers", target_type="meeting", target_id=meeting.reference,
                 purpose=PURPOSE, detail={"children": ids, "restricted_items": restricted,
                                          "marking": DEFAULT_MARKING},
                 request=request)  # fmt: skip
    for child, person_id in zip(children, ids, strict=True):
        record_event(user, "person.view", target_type="person", target_id=person_id,
                     purpose=PURPOSE, basis=child.basis,
                     detail={"section": "meeting_papers", "meeting": meeting.reference},
                     request=request)  # fmt: skip
