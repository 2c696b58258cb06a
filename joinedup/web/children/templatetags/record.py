"""Template filters for the child's record: turning point labels and match confidence."""

from __future__ import annotations

from django import template

from joinedup.chronology.turning import STRENGTH, flag_label

register = template.Library()

_NOT_MARKED = frozenset({"gap", "birth"})


@register.filter
def turning_points(flags: tuple[str, ...]) -> list[dict[str, object]]:
    """The entry's turning points and strengths: [{'label': ..., 'strength': bool}]."""
    return [
        {"label": flag_label(flag), "strength": flag == STRENGTH}
        for flag in flags
        if flag not in _NOT_MARKED
    ]


@register.filter
def sensitivity(code: str) -> str:
    """'special_category' -> 'Special-category data'."""
    return code.replace("_", "-").capitalize() + " data"


@register.filter
def confidence(probability: float | None) -> str:
    """0.9874 -> '98.7%'; None -> the reason there is no probability."""
    if probability is None:
        return "Not scored: the only record of this person"
    if 0.999 <= probability < 1:
        return "Over 99.9%"
    return f"{probability * 100:.1f}%"
