"""`joinedup demo`'s casework, then its inquiry and public site (joinedup/web/demo): a
tiny borough, seeded once for the module, has what the demo promises in each app, all
audited as a demo seed, and a second run adds nothing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from joinedup.web.accounts.demo import DEMO_TEAM, create_demo_users
from joinedup.web.accounts.models import User
from joinedup.web.analysis.models import NetworkRun
from joinedup.web.audit.models import AuditEntry
from joinedup.web.audit.services import detail_added, record_event
from joinedup.web.cases.models import Case, CaseFlag, CaseNote, Plan
from joinedup.web.demo import Seeded, seed_demo_casework
from joinedup.web.demo.recommendations import EXAMPLE_CSV, dates_moved
from joinedup.web.frontdoor.models import Contact, DutyRota
from joinedup.web.frontdoor.services.timescales import due_at
from joinedup.web.intelligence.models import IntelligenceItem
from joinedup.web.intelligence.services.imports import reports_not_logged
from joinedup.web.meetings.models import Action as MeetingAction
from joinedup.web.meetings.models import Meeting
from joinedup.web.recommendations.models import Action, Recommendation
from joinedup.web.recommendations.services import awaiting_sign_off
from joinedup.web.sharing.models import SharingDecision

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Seeded, int]]:
    """A borough of 100 children, imported, linked, screened and charted, then seeded;
    with the audit sequence before the seed."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("demo-data")))
        _borough(tmp_path_factory.mktemp("demo-borough"))
        create_demo_users()
        before = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True)[0]
        made = seed_demo_casework(seed=2026)
        assert made is not None
        yield made, before
        _forget_cached_tables()
        call_command("flush", interactive=False, verbosity=0)


def _borough(folder: Path) -> None:
    from joinedup.synth import generate_borough
    from joinedup.web.analysis.network import network_everyone
    from joinedup.web.analysis.screening import screen_everyone
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    generate_borough(folder, children=100, years=(1995, 2025), seed=2026)
    manifest = json.loads((folder / "manifest.json").read_text())
    for export in manifest["exports"]:
        files = [folder / f for f in export["files"]]
        import_export(export["agency"], folder / export["mapping"], files, user="test")
    link_everyone("test")
    screen_everyone("test", as_of=date(2025, 12, 31))
    network_everyone("test", min_children=2)


def _forget_cached_tables() -> None:
    from joinedup.web.children.services.contexts import forget_cached_contexts
    from joinedup.web.children.services.tables import forget_cached_tables

    forget_cached_tables()
    forget_cached_contexts()


def _user(name: str) -> User:
    return User.objects.get(username=f"demo.{name}")


def test_demo_manager_is_on_duty_now(seeded: tuple[Seeded, int]) -> None:
    now = timezone.now()
    on_duty = DutyRota.objects.filter(starts_at__lte=now, ends_at__gt=now)
    assert [d.manager.username for d in on_duty] == ["demo.manager"]


def test_contacts_wait_from_police_school_and_health_one_urgent_one_late(
    seeded: tuple[Seeded, int],
) -> None:
    waiting = Contact.objects.exclude(status=Contact.DECIDED)
    referrers = sorted(c.referred_by.username for c in waiting)
    assert referrers == ["demo.health", "demo.police", "demo.school"]
    urgent = waiting.get(urgent=True)
    assert urgent.urgent_told == ["demo.manager"]
    assert [c.form for c in waiting if due_at(c) < timezone.now()] == [Contact.SCHOOL_FORM]


def test_one_contact_was_decided_and_opened_a_case(seeded: tuple[Seeded, int]) -> None:
    decided = Contact.objects.get(status=Contact.DECIDED)
    assert decided.decision == "open_case" and decided.case is not None
    assert decided.case.person == decided.person


def test_cases_of_the_practitioner_each_flagged_planned_and_noted(
    seeded: tuple[Seeded, int],
) -> None:
    cases = Case.objects.filter(worker=_user("practitioner"), team__name=DEMO_TEAM)
    assert cases.filter(subject_kind=Case.CHILD).count() == 3
    assert cases.filter(subject_kind=Case.CONTEXT, context_kind="place").count() == 1
    for case in cases:
        assert CaseFlag.objects.filter(case=case, flag__in=["cse", "cce"]).exists()
        assert Plan.objects.filter(case=case).exists()
        assert CaseNote.objects.filter(case=case, status=CaseNote.FINAL).exists()
    overdue = Plan.objects.filter(case__in=cases, review_date__lt=timezone.localdate())
    assert overdue.count() == 1


def test_the_context_case_is_a_place_the_network_alerts_name(seeded: tuple[Seeded, int]) -> None:
    context = Case.objects.get(subject_kind=Case.CONTEXT)
    run = NetworkRun.objects.first()
    assert run is not None and context.place is not None
    named = {a["entity_id"] for a in run.alerts} | {m for n in run.networks.values() for m in n}
    assert context.place.entity_id in named


def test_a_meeting_next_week_and_a_past_one_with_approved_minutes(
    seeded: tuple[Seeded, int],
) -> None:
    upcoming = Meeting.objects.get(status="planned")
    assert upcoming.organised_by == _user("manager") and upcoming.kind == "operational"
    assert timezone.localdate(upcoming.starts_at) == timezone.localdate() + timedelta(days=7)
    assert sorted(i.kind for i in upcoming.items.all()) == ["child", "child", "location"]
    assert {"POL", "HLT", "EDU"} <= {a.code for a in upcoming.invited_agencies.all()}
    past = Meeting.objects.get(status="minutes_approved")
    assert past.starts_at < timezone.now() and past.minutes_approved_by == _user("manager")
    assert past.attendance.exists() and past.items.filter(decisions__isnull=False).exists()


def test_the_past_meetings_police_action_is_overdue(seeded: tuple[Seeded, int]) -> None:
    overdue = MeetingAction.objects.filter(status="open", due_on__lt=timezone.localdate())
    assert [a.owner.username for a in overdue] == ["demo.police"]
    assert MeetingAction.objects.filter(status="done").count() == 1


def test_every_imported_report_is_logged_and_some_are_demo_polices(
    seeded: tuple[Seeded, int],
) -> None:
    made, _ = seeded
    assert made.intelligence.imported > 0 and not reports_not_logged().exists()
    police = IntelligenceItem.objects.filter(owner=_user("police"))
    assert police.count() == len(made.intelligence.assigned) + 1
    assert police.get(status=IntelligenceItem.RESPONDED).decision == "mace"
    late = police.filter(decide_by__lt=timezone.now()).exclude(status=IntelligenceItem.RESPONDED)
    assert [i.reference for i in late] == [made.intelligence.overdue]


def test_two_sharing_decisions_one_shared_one_not_with_its_reason(
    seeded: tuple[Seeded, int],
) -> None:
    shared = SharingDecision.objects.get(outcome=SharingDecision.SHARED)
    refused = SharingDecision.objects.get(outcome=SharingDecision.NOT_SHARED)
    assert shared.person is not None and shared.recipient_agency.code == "POL"  # type: ignore[union-attr]
    assert refused.subject_kind == SharingDecision.CONTEXT and "greater risk" in refused.reason


def test_recommendations_from_the_example_with_one_awaiting_sign_off(
    seeded: tuple[Seeded, int],
) -> None:
    assert Recommendation.objects.count() == 3 and Action.objects.count() == 6
    assert [a.number for a in awaiting_sign_off(_user("inquiry"))] == ["1.1"]
    assert Action.objects.filter(status="in_progress").count() == 2
    first = Action.objects.order_by("due").first()
    assert first is not None and first.due == timezone.localdate() - timedelta(days=30)


def test_everything_seeded_is_audited_as_a_demo_seed_by_demo_users(
    seeded: tuple[Seeded, int],
) -> None:
    _, before = seeded
    entries = AuditEntry.objects.filter(sequence__gt=before)
    assert entries.count() > 50
    assert all(e.detail.get("seed") == "demo" for e in entries)
    assert {e.actor_username for e in entries} <= {
        u.username for u in User.objects.filter(is_demo=True)
    }
    assert entries.filter(action="cases.open").count() == 4


def test_a_second_run_adds_nothing(seeded: tuple[Seeded, int]) -> None:
    counts = _counts()
    assert seed_demo_casework(seed=2026) is None
    assert _counts() == counts


def _counts() -> list[int]:
    models: list[Any] = [Contact, Case, CaseNote, Meeting, IntelligenceItem, SharingDecision]
    models += [Action, MeetingAction, DutyRota, Recommendation]
    return [m.objects.count() for m in models] + [AuditEntry.objects.count()]


def test_detail_added_marks_entries_only_inside_the_block(db: None) -> None:
    with detail_added(seed="demo"):
        inside = record_event(None, "demo.test", detail={"n": 1})
    outside = record_event(None, "demo.test", detail={"n": 2})
    assert inside.detail == {"n": 1, "seed": "demo"} and outside.detail == {"n": 2}


def test_example_csv_dates_move_together_to_the_first_due_day() -> None:
    moved = dates_moved(EXAMPLE_CSV.read_bytes(), date(2030, 1, 1))
    rows = list(csv.DictReader(io.StringIO(moved.decode())))
    dues = sorted(date.fromisoformat(r["due"]) for r in rows if r["due"])
    original = list(csv.DictReader(io.StringIO(EXAMPLE_CSV.read_text("utf-8-sig"))))
    gaps = sorted(date.fromisoformat(r["due"]) for r in original if r["due"])
    assert dues[0] == date(2030, 1, 1)
    assert [d - dues[0] for d in dues] == [d - gaps[0] for d in gaps]


# --- The inquiry and the public site, seeded after the casework (issues 7 and 8) -------
@pytest.fixture(scope="module")
def inquiry_seeded(seeded: tuple[Seeded, int], django_db_blocker: Any) -> tuple[list[str], int]:
    """`seed_demo_inquiry` once, after the casework; with the audit sequence before it."""
    from joinedup.web.demo import seed_demo_inquiry

    with django_db_blocker.unblock():
        before = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True)[0]
        lines = seed_demo_inquiry()
    assert lines is not None
    return lines, before


def test_the_inquiry_is_seeded_with_requests_documents_accounts_coding_and_a_panel(
    inquiry_seeded: tuple[list[str], int],
) -> None:
    from joinedup.web.documents.models import Document
    from joinedup.web.inquiry.models import EvidenceRequest, Inquiry
    from joinedup.web.panel.models import Proposal
    from joinedup.web.survivors.models import Account
    from joinedup.web.themes.models import Coding

    lines, _ = inquiry_seeded
    inquiry = Inquiry.objects.get()
    assert lines[0] == f"inquiry: {inquiry.title}"
    assert EvidenceRequest.objects.filter(inquiry=inquiry).count() >= 4
    assert Document.objects.filter(inquiry=inquiry, request__isnull=False).exists()
    assert Account.objects.filter(inquiry=inquiry).count() == 6
    assert Coding.objects.exists()
    assert Proposal.objects.count() == 3


def test_a_document_is_released_to_core_participants_and_one_to_the_public(
    inquiry_seeded: tuple[list[str], int], client: Any
) -> None:
    from joinedup.web.redaction.models import Release
    from joinedup.web.redaction.services.publication import published_documents

    lines, _ = inquiry_seeded
    assert Release.objects.filter(stage="core_participants").count() >= 2
    public = published_documents()
    assert len(public) == 1
    assert any("released to inquiry_team, core_participants, public" in line for line in lines)
    listed = client.get("/public/documents/").content.decode()
    assert public[0].reference in listed
    pdf = client.get(f"/public/documents/{public[0].reference}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    said = client.get("/public/you-said-we-did/").content.decode()
    assert "Panel member" not in said and "demo.panel" not in said


def test_the_public_site_shows_published_figures_of_the_demo_borough(
    inquiry_seeded: tuple[list[str], int], client: Any
) -> None:
    from joinedup.web.transparency.models import Publication

    assert Publication.objects.count() >= 2
    home = client.get("/public/")
    assert home.status_code == 200
    assert "Referrals" in home.content.decode() or "referrals" in home.content.decode()


def test_the_inquiry_seed_is_audited_as_a_seed_and_runs_once(
    inquiry_seeded: tuple[list[str], int],
) -> None:
    from joinedup.web.demo import seed_demo_inquiry

    _, before = inquiry_seeded
    written = AuditEntry.objects.filter(sequence__gt=before)
    assert written.exists()
    assert all(e.detail.get("seed") == "demo" for e in written if e.action != "audit.view")
    assert seed_demo_inquiry() is None
