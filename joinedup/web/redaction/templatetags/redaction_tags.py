"""Labels from the redaction protocol and the redaction core's categories."""

from __future__ import annotations

from django import template

from joinedup.web.redaction.services import pages
from joinedup.web.redaction.services.protocol import stages

register = template.Library()


@register.filter
def stage_label(key: str) -> str:
    found = stages().get(key)
    return found.label if found else key


@register.filter
def category_label(category: str) -> str:
    return pages.category_label(category)


@register.filter
def ground_label(ground: str) -> str:
    return pages.ground_label(ground)
