"""Labels for the panel's templates: a proposal's status and its GOV.UK tag colour, a
proposal's kind, a comment's response, how a recorded proposal was given."""

from __future__ import annotations

from django import template

from joinedup.web.panel.services import vocabulary

register = template.Library()


@register.filter
def panel_status(status: str) -> str:
    return vocabulary.status_label(status)


@register.filter
def panel_status_tag(status: str) -> str:
    return vocabulary.status_tag(status)


@register.filter
def panel_kind(kind: str) -> str:
    return vocabulary.proposal_kinds().get(kind, (kind, ""))[0]


@register.filter
def panel_response(changed: bool | None) -> str:
    return vocabulary.response_label(changed)


@register.filter
def panel_given_from(given_by: str) -> str:
    return vocabulary.given_from(given_by)
