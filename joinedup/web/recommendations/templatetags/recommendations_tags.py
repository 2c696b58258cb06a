"""Labels and tag colours from data/tracker.yaml and data/themes.yaml, for templates."""

from __future__ import annotations

from django import template

from joinedup.web.recommendations.services import vocabulary

register = template.Library()


@register.filter
def status_label(status: str) -> str:
    return vocabulary.status_label(status)


@register.filter
def status_tag(status: str) -> str:
    return vocabulary.status_tag(status)


@register.filter
def theme_label(theme: str) -> str:
    return vocabulary.theme_label(theme)


@register.filter
def lookup(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key, "")


@register.filter
def step_label(kind: str) -> str:
    return STEP_LABELS.get(kind, kind)


STEP_LABELS = {
    "added": "Action added",
    "progress": "Progress update",
    "evidence": "Evidence added",
    "completed": "Marked completed",
    "signed_off": "Signed off",
    "returned": "Returned without sign-off",
}
