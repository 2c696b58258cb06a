"""The dashboard's "To do" panels and `joinedup remind`, over the casework apps' own data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Notification
from joinedup.web.audit.models import AuditEntry
from joinedup.web.audit.services import CommandLineActor
from joinedup.web.cases.models import Case
from joinedup.web.cases.services.allocation import allocate_case
from joinedup.web.cases.services.plans import add_plan
from joinedup.web.home.services.casework import casework_panels
from joinedup.web.home.services.reminders import REMINDERS, send_all_reminders
from tests.web.cases.conftest import (  # noqa: F401  (fixtures)
    child,
    child_case,
    make_child,
    manager,
    team,
    worker,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_review(child_case: Case, manager: Any, worker: Any, team: Any) -> Case:  # noqa: F811
    """The child's case allocated to the worker, with a plan review a week overdue."""
    allocate_case(child_case, seen_version=child_case.version, team=team, worker=worker,
                  by=manager)  # fmt: skip
    child_case.refresh_from_db()
    today = timezone.localdate()
    add_plan(
        child_case, seen_version=child_case.version, by=worker, plan_type="safety_plan",
        aims="Keep her safe from the men at the takeaway.",
        start_date=today - timedelta(days=60), review_date=today - timedelta(days=7),
    )  # fmt: skip
    return child_case


def _to_do(text: str) -> str:
    assert 'id="to-do"' in text, "the dashboard has no To do section"
    return text.split('id="to-do"')[1].split('<h2 class="govuk-heading-l"')[0]


def test_a_worker_sees_their_overdue_plan_review_and_the_child_is_audited(
    overdue_review: Case,
    worker: Any,  # noqa: F811
    signed_in_client: Callable[..., Any],
) -> None:
    page = signed_in_client(user=worker).get("/")
    panel = _to_do(page.text)
    assert "Cases" in panel and "plan review" in panel.lower()
    assert overdue_review.reference in panel and "P-0000100" in panel
    assert "govuk-tag--red" in panel and "Overdue" in panel
    seen = AuditEntry.objects.filter(action="dashboard.view", actor_username=worker.username)
    assert "P-0000100" in seen.get().detail["persons"]


def test_each_panel_appears_only_for_roles_with_its_capability(
    overdue_review: Case, make_user: Callable[..., Any]
) -> None:
    auditor, admin = make_user("auditor"), make_user("administrator")
    assert casework_panels(auditor) == []
    titles = [panel.title for panel in casework_panels(make_user("inquiry_team"))]
    assert "Cases" not in titles and "Front door" not in titles
    assert all(panel.items for panel in casework_panels(admin)), "an empty panel is shown"


def test_a_manager_is_told_of_cases_waiting_to_be_allocated(
    child_case: Case,  # noqa: F811
    manager: Any,  # noqa: F811
) -> None:
    cards = {panel.title: panel for panel in casework_panels(manager)}
    assert "Open cases waiting to be allocated: 1" in [i.text for i in cards["Cases"].items]
    assert cards["Cases"].items[0].href == "/cases/?tab=unallocated"


def test_an_auditor_has_no_to_do_section(signed_in_client: Callable[..., Any]) -> None:
    assert 'id="to-do"' not in signed_in_client("auditor").get("/").text


def test_remind_sends_each_reminder_once_a_day_and_is_audited(
    overdue_review: Case,
    worker: Any,  # noqa: F811
    manager: Any,  # noqa: F811
) -> None:
    now = timezone.now()
    first = send_all_reminders(CommandLineActor("cron"), now)
    cases = first.sent["cases: plan reviews due or overdue"]
    assert cases >= 2, "the worker and, for an overdue review, the team manager are told"
    assert Notification.objects.filter(recipient=worker).exists()
    assert Notification.objects.filter(recipient=manager).exists()
    again = send_all_reminders(CommandLineActor("cron"), now)
    assert again.sent["cases: plan reviews due or overdue"] == 0
    entries = AuditEntry.objects.filter(action="reminders.sent").order_by("sequence")
    assert [e.detail["cases: plan reviews due or overdue"] for e in entries] == [cases, 0]
    assert set(first.sent) == {what for what, _ in REMINDERS}


def test_the_remind_command_prints_what_it_sent(overdue_review: Case) -> None:
    from click.testing import CliRunner

    from joinedup.cli.main import cli

    as_of = (date.today() + timedelta(days=1)).isoformat()
    result = CliRunner().invoke(cli, ["remind", "--as-of", as_of])
    assert result.exit_code == 0, result.output
    assert "cases: plan reviews due or overdue" in result.output
    assert "Imported intelligence reports logged for triage: 0" in result.output
