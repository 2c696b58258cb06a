"""Template filters for the front door: times in GOV.UK style, durations, percentages."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone

from joinedup.web.frontdoor.services.timescales import describe_duration

register = template.Library()


@register.filter
def when(moment: datetime | None) -> str:
    """'2:05pm on 3 March 2026' in UK time; '' for none."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'} on {_day(local)}"


@register.filter
def day(moment: datetime | None) -> str:
    """'3 March 2026' in UK time."""
    return _day(timezone.localtime(moment)) if moment is not None else ""


def _day(local: datetime) -> str:
    return f"{local.day} {local:%B %Y}"


@register.filter
def duration(length: timedelta | None) -> str:
    """'3 hours 20 minutes'; '' for none."""
    return describe_duration(length) if length is not None else ""


@register.filter
def hours(length: timedelta) -> str:
    """timedelta(hours=4) -> '4 hours'."""
    count = length.total_seconds() / 3600
    return f"{count:g} hour{'' if count == 1 else 's'}"


@register.filter
def percent(value: float | None) -> str:
    """92.345 -> '92%'; None -> 'None decided'."""
    return "None decided" if value is None else f"{value:.0f}%"
