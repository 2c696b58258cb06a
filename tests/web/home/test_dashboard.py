"""The dashboard: prompts, alerts, reviews due, allocated children, links waiting and
notifications, each among what the signed-in user may see.

The small borough is imported, linked, screened and put through `joinedup network`
once for this module (and emptied after it), so the sections show what real runs left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape

from joinedup.web.access.models import Allocation
from joinedup.web.access.services import grant_break_glass
from joinedup.web.accounts.models import Notification, Team
from joinedup.web.analysis import grades
from joinedup.web.analysis.models import AgreedGrade, NetworkRun, ScreeningResult
from joinedup.web.audit.models import AuditEntry
from joinedup.web.home.services.children import names_of
from joinedup.web.people import models as pm
from joinedup.web.records.models import Event
from tests.web.children.conftest import _import_link_and_screen
from tests.web.conftest import SignedInClient

pytestmark = pytest.mark.django_db

SERAF = ["not_at_risk", "mild", "moderate", "significant"]


@dataclass(frozen=True)
class Screened:
    prompted: tuple[str, ...]  # person ids at a prompt grade, highest grade first
    alert: dict[str, Any]  # a stored network alert about a place, vehicle or phone


@pytest.fixture(scope="module")
def screened(
    django_db_setup: None,
    django_db_blocker: Any,
    small_borough: Path,
    manifest: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Screened]:
    from joinedup.web.analysis.network import network_everyone

    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("dashboard-data")))
        _import_link_and_screen(small_borough, manifest)
        run = network_everyone("test").run
        results = ScreeningResult.objects.filter(suggested_grade__in=["moderate", "significant"])
        prompted = sorted(results, key=lambda r: -SERAF.index(r.suggested_grade))
        alert = next((a for a in run.alerts if a["entity_kind"] != "person"), None)
        assert len(prompted) >= 2, "the small borough should have two children at a prompt grade"
        assert alert is not None, "the small borough should raise an alert on a place or vehicle"
        yield Screened(tuple(r.person.person_id for r in prompted), alert)
        call_command("flush", interactive=False, verbosity=0)


def _allocate(person_id: str, user: Any = None, team: Any = None) -> Allocation:
    person = pm.Person.objects.get(person_id=person_id)
    return Allocation.objects.create(person=person, user=user, team=team,
                                     allocated_from=date(2025, 1, 1))  # fmt: skip


def _section(text: str, anchor: str) -> str:
    return text.split(f'id="{anchor}"')[1].split('<h2 class="govuk-heading-l"')[0]


def _name(person_id: str) -> str:
    from joinedup.chronology import Entitlements

    return escape(names_of([person_id], Entitlements.everything())[person_id])


def _purpose_link(person_id: str, section: str) -> str:
    target = f"/people/{person_id}/{section}".rstrip("/") + "/"
    return f"/people/{person_id}/purpose/?next={target.replace('/', '%2F')}"


def test_a_practitioner_sees_the_prompts_of_their_allocated_children_only(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    mine, other = screened.prompted[:2]
    client = signed_in_client()
    _allocate(mine, user=client.user)
    text = client.get("/").text
    prompts = _section(text, "prompts")
    assert _name(mine) in prompts and mine in prompts
    assert _purpose_link(mine, "screening") in prompts
    assert "No grade agreed yet" in prompts
    assert other not in text and _name(other) not in text


def test_a_team_manager_sees_the_prompts_of_children_allocated_to_their_team(
    signed_in_client: Callable[..., SignedInClient], make_user: Callable[..., Any],
    screened: Screened,
) -> None:  # fmt: skip
    client = signed_in_client("team_manager")
    team = Team.objects.create(name="Exploitation team", manager=client.user)
    member = make_user("specialist_practitioner", team=team)
    _allocate(screened.prompted[0], team=team)
    _allocate(screened.prompted[1], user=member)
    text = client.get("/").text
    prompts = _section(text, "prompts")
    assert screened.prompted[0] in prompts and screened.prompted[1] in prompts
    caseload = _section(text, "my-children")
    assert "To your team, Exploitation team" in caseload and screened.prompted[0] in caseload
    assert screened.prompted[1] not in caseload, "a member's own caseload is theirs"


def test_the_inquiry_team_sees_every_prompt(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    prompts = _section(signed_in_client("inquiry_team").get("/").text, "prompts")
    found = [pid for pid in screened.prompted if pid in prompts]
    assert found == list(screened.prompted), "all prompts, highest grade first"


def test_an_agreed_grade_settles_a_prompt_until_the_suggestion_rises(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    child = screened.prompted[0]
    client = signed_in_client()
    _allocate(child, user=client.user)
    person = pm.Person.objects.get(person_id=child)
    agreed = grades.record_agreed_grade(person, "seraf", "moderate", "Met the family", "pat",
                                        SERAF)  # fmt: skip
    assert child not in _section(client.get("/").text, "prompts")
    AgreedGrade.objects.filter(pk=agreed.pk).update(suggested_grade="mild")
    prompts = _section(client.get("/").text, "prompts")
    assert child in prompts
    assert "Suggested grade rose from Mild risk (6-10) since the grade was agreed" in prompts


def test_agreed_grades_due_for_review_are_listed_with_overdue_ones_marked(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    soon, late = screened.prompted[:2]
    client = signed_in_client()
    today = timezone.localdate()
    for child in (soon, late):
        _allocate(child, user=client.user)
        person = pm.Person.objects.get(person_id=child)
        due = today + timedelta(days=5)
        grades.record_agreed_grade(person, "seraf", "moderate", "Agreed at MACE", "pat", SERAF, due)
    AgreedGrade.objects.filter(person__person_id=late).update(review_due=today - timedelta(days=2))
    due = _section(client.get("/").text, "reviews-due")
    assert "2 agreed grades due for review" in due
    rows = due.split("<tbody")[1].split("</tr>")[:-1]
    assert late in rows[0] and "Overdue" in rows[0]
    assert soon in rows[1] and "Overdue" not in rows[1]
    assert _purpose_link(soon, "screening") in rows[1]


def test_network_alerts_name_only_the_children_the_user_may_open(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    alert = screened.alert
    mine, *others = alert["children"]
    client = signed_in_client()
    _allocate(mine, user=client.user)
    alerts = _section(client.get("/").text, "alerts")
    assert escape(alert["label"]) in alerts
    assert _purpose_link(mine, "network") in alerts
    assert f"and {len(others)} you may not open" in alerts
    for other in others:
        assert _purpose_link(other, "network") not in alerts


def test_without_a_network_run_the_dashboard_says_how_to_build_one(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    NetworkRun.objects.all().delete()
    alerts = _section(signed_in_client().get("/").text, "alerts")
    assert "joinedup network" in alerts


def test_allocated_children_show_the_latest_event_the_user_may_see(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    child = screened.prompted[0]
    client = signed_in_client()
    _allocate(child, user=client.user)
    latest = Event.objects.filter(participants__person__link__person__person_id=child).aggregate(
        latest=Max("occurred_on"))["latest"]  # fmt: skip
    mine = _section(client.get("/").text, "my-children")
    assert "1 child allocated to you or your team" in mine
    assert _purpose_link(child, "") in mine
    assert f"{latest.day} {latest:%B %Y}" in mine


def test_reviewers_see_how_many_links_wait_and_others_do_not(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    people = pm.ReviewPair.objects.filter(status="open").count()
    links = _section(signed_in_client("police_analyst").get("/").text, "links")
    assert f"{people} pair" in links and 'href="/review/"' in links
    assert 'id="links"' not in signed_in_client("school_safeguarding_lead").get("/").text


def test_a_manager_is_told_of_break_glass_use_and_can_mark_it_read(
    signed_in_client: Callable[..., SignedInClient], make_user: Callable[..., Any],
    screened: Screened,
) -> None:  # fmt: skip
    client = signed_in_client("team_manager")
    team = Team.objects.create(name="Front door", manager=client.user)
    member = make_user("specialist_practitioner", team=team)
    person = pm.Person.objects.get(person_id=screened.prompted[0])
    grant_break_glass(member, person, "Out of hours call from the police about this child")
    text = client.get("/").text
    assert "You have 1 unread notification" in text
    assert f"Break-glass access used by {member.username}" in text
    note = Notification.objects.get(recipient=client.user)
    done = client.post(f"/notifications/{note.pk}/read/")
    assert done.status_code == 302 and done["Location"] == "/"
    assert "unread notification" not in client.get("/").text
    other = signed_in_client("team_manager")
    assert other.post(f"/notifications/{note.pk}/read/").status_code == 404


def test_children_named_on_the_dashboard_are_audited(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    client = signed_in_client()
    _allocate(screened.prompted[0], user=client.user)
    client.get("/")
    entry = AuditEntry.objects.get(action="dashboard.view")
    assert entry.actor_username == client.user.username
    assert screened.prompted[0] in entry.detail["persons"]
    signed_in_client("administrator").get("/")
    assert AuditEntry.objects.filter(action="dashboard.view").count() == 1


def test_roles_without_children_see_notifications_and_records_held_only(
    signed_in_client: Callable[..., SignedInClient], screened: Screened
) -> None:
    text = signed_in_client("auditor").get("/").text
    assert 'id="prompts"' not in text and 'id="my-children"' not in text
    assert 'href="/records/"' in text


def test_the_number_of_queries_does_not_grow_with_the_caseload(
    signed_in_client: Callable[..., SignedInClient],
    screened: Screened,
    django_assert_max_num_queries: Any,
) -> None:
    client = signed_in_client("inquiry_team")
    children = list(pm.Person.objects.filter(age_group="child").values_list("person_id", flat=True))
    _allocate(children[0], user=client.user)
    client.get("/")
    with django_assert_max_num_queries(30) as few:
        client.get("/")
    for person_id in children[1:20]:
        _allocate(person_id, user=client.user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        text = client.get("/").text
    assert "20 children allocated to you" in text
