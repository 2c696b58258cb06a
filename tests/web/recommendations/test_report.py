"""The progress report: counts, overdue and stalled actions, past days, CSV, no personal data."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.recommendations.models import Action, ActionUpdate
from joinedup.web.recommendations.services import progress_report, record_progress, record_sign_off
from tests.web.recommendations.conftest import Tracker

pytestmark = pytest.mark.django_db


def _age(action: Action, days: int) -> None:
    """Move the action's whole history `days` into the past."""
    then = timezone.now() - timedelta(days=days)
    ActionUpdate.objects.filter(action=action).update(made_at=then)
    Action.objects.filter(pk=action.pk).update(added_at=then, last_update_at=then)
    action.recommendation.__class__.objects.filter(pk=action.recommendation_id).update(
        added_at=then
    )


def test_the_headline_counts_signed_off_in_progress_and_overdue(
    tracker: Tracker, make_action: Callable[..., Action], make_user: Callable[..., Any]
) -> None:
    today = timezone.localdate()
    late = make_action("1.2", due=today - timedelta(days=3))
    done = make_action("1.3", owner=tracker.owner)
    record_progress(tracker.owner, late, "in_progress", "Started late")
    record_progress(tracker.owner, done, "completed", "Done")
    record_sign_off(make_user("inquiry_team"), Action.objects.get(pk=done.pk), True, "")
    report = progress_report()
    assert (
        report.headline() == "1 recommendation, 3 actions: 1 signed off, 1 in progress, 1 overdue"
    )
    assert [line.number for line in report.overdue] == ["1.2"]
    assert report.overdue[0].days_overdue == 3
    assert report.recommendation_states["in_progress"] == 1
    (theme,) = report.by_theme
    assert (theme.name, theme.recommendations, theme.actions.total) == (
        "Recording, data and performance",
        1,
        3,
    )
    (lead,) = report.by_lead_agency
    assert lead.name.endswith("(CSC)") and lead.actions.by_status["signed_off"] == 1


def test_an_open_action_with_no_update_for_90_days_is_stalled(
    tracker: Tracker, make_action: Callable[..., Action]
) -> None:
    quiet = make_action("1.2", due=timezone.localdate() + timedelta(days=200))
    _age(quiet, 90)
    _age(tracker.action, 89)
    report = progress_report()
    assert [line.number for line in report.stalled] == ["1.2"]
    assert report.stalled[0].days_since_update == 90
    record_progress(tracker.owner, Action.objects.get(pk=quiet.pk), "in_progress", "Restarted")
    assert progress_report().stalled == []


def test_a_past_day_is_reported_as_it_stood_then(tracker: Tracker) -> None:
    _age(tracker.action, 10)
    record_progress(tracker.owner, tracker.action, "in_progress", "Now started")
    earlier = progress_report(timezone.localdate() - timedelta(days=5))
    assert (
        earlier.actions.by_status["not_started"] == 1
        and earlier.actions.by_status["in_progress"] == 0
    )
    assert progress_report().actions.by_status["in_progress"] == 1
    before_it_existed = progress_report(timezone.localdate() - timedelta(days=20))
    assert (before_it_existed.recommendations, before_it_existed.actions.total) == (0, 0)


def test_the_report_as_data_holds_no_personal_data(tracker: Tracker) -> None:
    record_progress(tracker.owner, tracker.action, "in_progress", "Started")
    data = progress_report().as_dict()
    text = json.dumps(data)
    assert tracker.owner.username not in text and tracker.manager.username not in text
    assert data["recommendations"] == 1 and data["actions"]["by_status"]["in_progress"] == 1
    assert data["as_of"] == timezone.localdate().isoformat()


def test_the_page_and_csv_downloads_show_the_same_figures(
    signed_in_client: Callable[..., Any], tracker: Tracker, make_action: Callable[..., Action]
) -> None:
    make_action("1.2", due=timezone.localdate() - timedelta(days=1))
    client = signed_in_client("auditor")
    page = client.get(f"/recommendations/report/?source={tracker.source.pk}")
    assert page.status_code == 200
    assert "1 recommendation, 2 actions: 0 signed off, 0 in progress, 1 overdue" in page.text
    summary = list(
        csv.DictReader(io.StringIO(client.get("/recommendations/report/download/").text))
    )
    assert (
        summary[0]["table"] == "all"
        and summary[0]["actions"] == "2"
        and summary[0]["overdue"] == "1"
    )
    assert {row["table"] for row in summary} == {"all", "lead_agency", "theme", "owning_agency"}
    actions = client.get("/recommendations/report/download/?what=actions")
    assert "attachment" in actions["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(actions.text)))
    assert [(r["list"], r["action"]) for r in rows] == [("overdue", "1.2")]


def test_a_formula_in_an_action_is_not_run_by_a_spreadsheet(
    signed_in_client: Callable[..., Any], tracker: Tracker, make_action: Callable[..., Action]
) -> None:
    action = make_action("1.2", due=timezone.localdate() - timedelta(days=1))
    Action.objects.filter(pk=action.pk).update(text="=HYPERLINK(1)")
    text = signed_in_client().get("/recommendations/report/download/?what=actions").text
    assert "'=HYPERLINK(1)" in text


def test_a_report_day_that_is_not_a_date_reshows_the_form_with_an_error(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    page = signed_in_client().get(
        "/recommendations/report/?as_of_day=31&as_of_month=2&as_of_year=2026"
    )
    assert page.status_code == 200 and "There is a problem" in page.text
