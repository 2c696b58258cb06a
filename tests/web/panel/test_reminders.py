"""Reminders: members who have not commented, once, as a draft's deadline nears; staff,
once a day, for a proposal unanswered after 28 days."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Notification
from joinedup.web.panel import services
from joinedup.web.panel.models import Draft, Proposal
from tests.web.panel.conftest import Panel

pytestmark = pytest.mark.django_db


def _at(days: int) -> datetime:
    return timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=days), time(7))
    )


def test_members_who_have_not_commented_are_reminded_once(panel: Panel, draft: Draft) -> None:
    services.comment_on_draft(panel.members[0], draft, None, "Done already.")
    services.end_membership(panel.staff, panel.members[2], withdraw=False)
    assert services.send_reminders(_at(0)) == 0, "ten days before the deadline: nothing yet"
    assert services.send_reminders(_at(7)) == 1, "three days before: only member 2"
    assert services.send_reminders(_at(7)) == 0
    assert services.send_reminders(_at(8)) == 0, "a member is reminded once per draft"
    note = Notification.objects.get()
    assert note.recipient == panel.members[1].user and note.kind == "panel.draft_closing"


def test_staff_are_reminded_daily_of_a_proposal_waiting_28_days(
    panel: Panel, proposal: Proposal
) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(proposed_at=_at(-27))
    assert services.send_reminders(_at(0)) == 0
    Proposal.objects.filter(pk=proposal.pk).update(proposed_at=_at(-28))
    assert services.send_reminders(_at(0)) == 1
    assert services.send_reminders(_at(0)) == 0, "once a day"
    assert services.send_reminders(_at(1)) == 1
    assert Notification.objects.filter(recipient=panel.staff).count() == 2
    services.answer_proposal(panel.staff, proposal, services.Answer("partly", "Some.", "Part."))
    assert services.send_reminders(_at(2)) == 0
