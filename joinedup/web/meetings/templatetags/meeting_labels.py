"""Labels from data/meetings.yaml for templates: `{{ meeting.status|meeting_status }}`."""

from __future__ import annotations

from django import template

from joinedup.web.meetings import vocabulary

register = template.Library()


@register.filter
def meeting_status(code: str) -> str:
    return vocabulary.status_label(code)


@register.filter
def attendance_status(code: str) -> str:
    return vocabulary.attendance_label(code)


@register.filter
def action_status(code: str) -> str:
    return vocabulary.action_status_label(code)


@register.filter
def meeting_kind(code: str) -> str:
    return vocabulary.kind(code).label
