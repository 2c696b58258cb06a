"""Records managers are told once when records fall due; the dashboard's items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Notification
from joinedup.web.retention.models import RetentionDecision
from joinedup.web.retention.services import dashboard_items, send_reminders
from joinedup.web.retention.services.decisions import Choice, decide
from joinedup.web.retention.services.due import current_record
from tests.web.retention.conftest import MakeRecord

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 3, 7, tzinfo=UTC)


def test_records_managers_are_told_once_of_records_newly_due(
    make_record: MakeRecord, make_user: Callable[..., Any]
) -> None:
    admins = [make_user("administrator"), make_user("administrator")]
    make_user("team_manager")
    make_record("HLT", "H-1", dob="1990-01-01")  # due on the 26th birthday, 2016
    assert send_reminders(NOW) == 2
    told = Notification.objects.filter(kind="retention_due")
    assert sorted(n.recipient_id for n in told) == sorted(a.pk for a in admins)
    assert "1 record newly due" in told[0].subject
    assert send_reminders(NOW) == 0
    assert send_reminders(NOW + timedelta(days=1)) == 0
    make_record("HLT", "H-2", dob="1991-01-01")
    assert send_reminders(NOW + timedelta(days=1)) == 2
    assert Notification.objects.filter(kind="retention_due").count() == 4


def test_a_record_kept_for_longer_is_noticed_again_at_its_review_date(
    make_record: MakeRecord, make_user: Callable[..., Any]
) -> None:
    admin = make_user("administrator")
    make_record("HLT", "H-1", dob="1990-01-01")
    today = timezone.localdate()
    assert send_reminders(timezone.now()) == 1
    record = current_record("agency_record", "HLT:H-1", today)
    assert record is not None
    decide(admin, record, Choice("retain", "A claim is expected", today + timedelta(days=10)))
    assert send_reminders(timezone.now()) == 0
    assert send_reminders(timezone.now() + timedelta(days=10)) == 1


def test_the_dashboard_shows_what_waits_for_each_role(
    make_record: MakeRecord, make_user: Callable[..., Any]
) -> None:
    deciding, approving = make_user("administrator"), make_user("administrator")
    make_record("HLT", "H-1", dob="1990-01-01")
    make_record("HLT", "H-2", dob="1990-01-01")
    record = current_record("agency_record", "HLT:H-1", timezone.localdate())
    assert record is not None
    decide(deciding, record, Choice("destroy", "Past its period"))
    items = {i.label: (i.count, i.href) for i in dashboard_items(approving)}
    assert items["Records due for review"] == (1, "/retention/due/")
    assert items["Destructions awaiting your approval"] == (1, "/retention/approvals/")
    assert items["Legal holds in place"] == (0, "/retention/holds/")
    mine = {i.label: i.count for i in dashboard_items(deciding)}
    assert mine["Destructions awaiting your approval"] == 0
    assert [i.label for i in dashboard_items(make_user("inquiry_team"))] == ["Legal holds in place"]
    assert dashboard_items(make_user("specialist_practitioner")) == []
    assert RetentionDecision.objects.count() == 1
