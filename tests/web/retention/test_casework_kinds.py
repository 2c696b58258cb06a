"""The casework record kinds: front-door contacts, intelligence items, sharing decisions
and MACE meetings. Each is found due (or not yet), destroyed exactly, logged without
personal data, refused while still needed, and kept off the list by a legal hold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from joinedup.web.access.models import Allocation
from joinedup.web.cases.models import Case
from joinedup.web.frontdoor.models import Contact, ReminderSent
from joinedup.web.frontdoor.services.decisions import decide_contact
from joinedup.web.frontdoor.services.intake import receive_contact
from joinedup.web.frontdoor.services.screening import (
    rate_contact,
    record_not_in_index,
    start_screening,
)
from joinedup.web.intelligence.models import IntelligenceItem, ItemHistory, ItemSubject
from joinedup.web.intelligence.services.logbook import NewItem, log_item
from joinedup.web.intelligence.services.subjects import subject_for_person
from joinedup.web.intelligence.services.workflow import Response, reopen, respond, start_review
from joinedup.web.meetings.models import Action, ActionUpdate, AgendaItem, Meeting
from joinedup.web.meetings.services.arranging import change_status, create_meeting
from joinedup.web.meetings.services.minutes import approve_minutes, save_minutes
from joinedup.web.meetings.services.recording import add_action, record_decision
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency
from joinedup.web.retention.models import DestructionLog, LegalHold, RetentionDecision
from joinedup.web.retention.registry import DestructionRefused, kinds
from joinedup.web.retention.services.decisions import Choice, approve, decide
from joinedup.web.retention.services.due import current_record, records_due
from joinedup.web.sharing.models import CaldicottAdvice, ImmutableError, SharingDecision
from joinedup.web.sharing.services import Correction, DecisionInput, Subject
from joinedup.web.sharing.services import record_decision as record_sharing
from tests.web.retention.conftest import MakeRecord

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(1995, 6, 1, 10, 0, tzinfo=UTC)
DESTROY = Choice("destroy", "Past its period under the schedule; no hold")


def _today() -> date:
    return timezone.localdate()


def _listed(kind: str) -> set[str]:
    return {d.record.key for d in records_due(_today(), kind)}


def _decided(kind: str, key: str, decider: Any) -> RetentionDecision:
    record = current_record(kind, key, _today())
    assert record is not None
    return decide(decider, record, DESTROY)


def _destroyed(kind: str, key: str, managers: tuple[Any, Any]) -> DestructionLog:
    record = current_record(kind, key, _today())
    assert record is not None
    return approve(managers[1], decide(managers[0], record, DESTROY), "Checked")


def _refused(kind: str, key: str, managers: tuple[Any, Any], why: str) -> None:
    record = current_record(kind, key, _today())
    assert record is not None
    decision = decide(managers[0], record, DESTROY)
    with pytest.raises(DestructionRefused, match=why):
        approve(managers[1], decision, "Checked")
    assert RetentionDecision.objects.get(pk=decision.pk).status == "awaiting"
    assert not DestructionLog.objects.exists()


def _nothing_personal(log: DestructionLog, *personal: str) -> None:
    kept = repr(model_to_dict(log)) + repr(model_to_dict(RetentionDecision.objects.get()))
    for text in personal:
        assert text not in kept


def _hold_on(person_id: str, user: Any) -> LegalHold:
    return LegalHold.objects.create(name="Survivor request 7", purpose="survivor_interest",
                                    reason="Asked for their records", scope="persons",
                                    person_ids=[person_id], placed_by=user,
                                    placed_at=timezone.now())  # fmt: skip


def test_the_four_casework_kinds_are_registered() -> None:
    codes = {k.code for k in kinds()}
    assert {"frontdoor_contact", "intelligence_item", "sharing_decision", "mace_meeting"} <= codes


# --- Front-door contacts ------------------------------------------------------------
def _contact(user: Any, decision: str = "no_further_action", *, dob: str = "1990-01-01",
             at: datetime = LONG_AGO, age: int | None = None) -> Contact:  # fmt: skip
    details = {
        "child_forenames": "Sam", "child_surname": "Testchild", "child_dob": dob,
        "child_age": age, "concerns": "Seen with older adults late at night.",
        "family_aware": "no", "consent": "not_sought_risk", "referrer_name": "Pat Referrer",
        "referrer_phone": "01632 960000",
    }  # fmt: skip
    contact = receive_contact(user, details, now=at)
    contact = start_screening(user, contact, version=None, now=at)
    contact = record_not_in_index(user, contact, version=None, now=at)
    contact = rate_contact(user, contact, "green", "Known to services", version=None, now=at)
    return decide_contact(user, contact, decision, "Nothing more needed", version=None, now=at)


def test_a_decided_contact_is_due_by_its_decision_and_one_decided_now_is_not(
    make_user: Callable[..., Any],
) -> None:
    screener = make_user("specialist_practitioner")
    nfa, referred = _contact(screener), _contact(screener, "early_help")
    recent = _contact(screener, at=timezone.now(), dob="2015-05-04")
    due = {d.record.key: d.record for d in records_due(_today(), "frontdoor_contact")}
    assert set(due) == {nfa.reference, referred.reference}
    assert due[nfa.reference].record_type == "front_door_nfa"
    assert due[referred.reference].record_type == "front_door_referral"
    assert due[nfa.reference].due == date(2011, 1, 1)  # the 21st birthday is later
    record = current_record("frontdoor_contact", recent.reference, _today())
    assert record is not None and record.due == date(2036, 5, 4)
    assert "Testchild" not in due[nfa.reference].description


def test_a_contact_with_only_an_age_counts_from_the_latest_birthday_it_allows(
    make_user: Callable[..., Any],
) -> None:
    contact = _contact(make_user("specialist_practitioner"), dob="", age=14)
    record = current_record("frontdoor_contact", contact.reference, _today())
    assert record is not None and record.trigger == date(1981, 6, 1)
    assert record.due == date(2002, 6, 1)


def test_destroying_a_contact_deletes_it_and_its_reminders_only(
    make_user: Callable[..., Any], records_managers: tuple[Any, Any]
) -> None:
    screener = make_user("specialist_practitioner")
    contact, other = _contact(screener), _contact(screener)
    ReminderSent.objects.create(contact=contact, day=date(1995, 6, 2), sent_at=LONG_AGO)
    log = _destroyed("frontdoor_contact", contact.reference, records_managers)
    assert list(Contact.objects.all()) == [other]
    assert log.counts == {"frontdoor.Contact": 1, "frontdoor.ReminderSent": 1}
    assert (log.kind, log.record_type, log.source_key) == (
        "frontdoor_contact", "front_door_nfa", contact.reference)  # fmt: skip
    _nothing_personal(log, "Testchild", "Sam", "1990-01-01", "Pat Referrer")


def _case_for(contact: Contact, user: Any, status: str) -> Case:
    person = Person.objects.get(person_id="P-0000001")
    case = Case.objects.create(reference="CASE-000901", subject_kind="child", status=status,
                               person=person, opened_at=LONG_AGO, opened_by=user,
                               closed_at=LONG_AGO if status == "closed" else None)  # fmt: skip
    Contact.objects.filter(pk=contact.pk).update(case=case, person=person)
    return case


def test_a_contact_that_opened_a_case_is_kept_while_the_case_is(
    make_user: Callable[..., Any], make_record: MakeRecord, records_managers: tuple[Any, Any]
) -> None:
    make_record("CSC", "C-1", dob="1960-01-01", person_id="P-0000001")
    screener = make_user("specialist_practitioner")
    contact = _contact(screener)
    _case_for(contact, screener, "closed")
    assert contact.reference not in _listed("frontdoor_contact")
    _refused("frontdoor_contact", contact.reference, records_managers, "kept while the case is")
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_destroying_the_case_destroys_the_contact_that_opened_it(
    make_user: Callable[..., Any], make_record: MakeRecord, records_managers: tuple[Any, Any]
) -> None:
    make_record("CSC", "C-1", dob="1960-01-01", person_id="P-0000001")
    screener = make_user("specialist_practitioner")
    contact = _contact(screener)
    _case_for(contact, screener, "closed")
    log = _destroyed("case", "CASE-000901", records_managers)
    assert log.counts == {"frontdoor.Contact": 1, "cases.Case": 1}
    assert not Contact.objects.exists() and not Case.objects.exists()


def test_a_hold_on_the_child_keeps_the_contact_off_the_list(
    make_user: Callable[..., Any], make_record: MakeRecord
) -> None:
    make_record("CSC", "C-1", dob="1960-01-01", person_id="P-0000001")
    contact = _contact(make_user("specialist_practitioner"))
    Contact.objects.filter(pk=contact.pk).update(person=Person.objects.get(person_id="P-0000001"))
    assert contact.reference in _listed("frontdoor_contact")
    _hold_on("P-0000001", make_user("inquiry_team"))
    assert contact.reference not in _listed("frontdoor_contact")


# --- Intelligence items -------------------------------------------------------------
def _item(user: Any, agency: Agency, *persons: Person, at: datetime = LONG_AGO,
          responded: bool = True) -> IntelligenceItem:  # fmt: skip
    new = NewItem(received_on=at.date(), source_agency=agency, source_type="member_of_public",
                  grade_source="2", grade_intelligence="C", grade_handling="P",
                  summary="Adult seen collecting children from school",
                  text="A silver car waits outside the school.",
                  subjects=[subject_for_person(p, "victim") for p in persons])  # fmt: skip
    item = log_item(user, new, now=at)
    if responded:
        item = start_review(user, item)
        item = respond(user, item, Response("no_further_action", "Known to be false."))
    return item


@pytest.fixture
def police(make_record: MakeRecord) -> Agency:
    make_record("POL", "X-1", dob="2000-01-01", person_id="P-0000001")
    make_record("POL", "X-2", dob="2000-01-01", person_id="P-0000002")
    return Agency.objects.get(code="POL")


def test_a_responded_item_is_due_25_years_after_it_was_recorded(
    make_user: Callable[..., Any], police: Agency
) -> None:
    user = make_user("police_analyst", agency=police)
    old, recent = _item(user, police), _item(user, police, at=timezone.now())
    still_open = _item(user, police, responded=False)
    due = {d.record.key: d.record for d in records_due(_today(), "intelligence_item")}
    assert set(due) == {old.reference}
    assert (due[old.reference].trigger, due[old.reference].due) == (
        date(1995, 6, 1), date(2020, 6, 1))  # fmt: skip
    assert due[old.reference].agency == "POL"
    assert "school" not in due[old.reference].description
    assert current_record("intelligence_item", still_open.reference, _today()) is None
    record = current_record("intelligence_item", recent.reference, _today())
    assert record is not None and record.due > _today()


def test_destroying_an_item_deletes_its_subjects_and_history_only(
    make_user: Callable[..., Any], police: Agency, records_managers: tuple[Any, Any]
) -> None:
    user = make_user("police_analyst", agency=police)
    child = Person.objects.get(person_id="P-0000001")
    item, other = _item(user, police, child), _item(user, police, child)
    history = ItemHistory.objects.filter(item=item).count()
    log = _destroyed("intelligence_item", item.reference, records_managers)
    assert list(IntelligenceItem.objects.all()) == [other]
    assert ItemSubject.objects.filter(item=other).count() == 1
    assert log.counts == {"intelligence.IntelligenceItem": 1, "intelligence.ItemSubject": 1,
                          "intelligence.ItemHistory": history}  # fmt: skip
    assert Person.objects.filter(pk=child.pk).exists()
    _nothing_personal(log, "silver car", "Adult seen", "P-0000001")


def test_a_reopened_item_is_not_destroyed(
    make_user: Callable[..., Any], police: Agency, records_managers: tuple[Any, Any]
) -> None:
    user = make_user("police_analyst", agency=police)
    item = _item(user, police)
    decision = _decided("intelligence_item", item.reference, records_managers[0])
    reopen(make_user("team_manager"), item, "New information about the car")
    with pytest.raises(DestructionRefused, match="no longer held"):
        approve(records_managers[1], decision, "Checked")
    assert IntelligenceItem.objects.filter(pk=item.pk).exists()


def test_a_hold_on_any_person_the_item_is_about_keeps_it(
    make_user: Callable[..., Any], police: Agency, records_managers: tuple[Any, Any]
) -> None:
    user = make_user("police_analyst", agency=police)
    first, second = (Person.objects.get(person_id=p) for p in ("P-0000001", "P-0000002"))
    item = _item(user, police, first, second)
    decision = _decided("intelligence_item", item.reference, records_managers[0])
    _hold_on("P-0000002", make_user("inquiry_team"))
    assert item.reference not in _listed("intelligence_item")
    with pytest.raises(DestructionRefused, match="Survivor request 7"):
        approve(records_managers[1], decision, "Checked")
    assert IntelligenceItem.objects.filter(pk=item.pk).exists()


# --- Sharing decisions --------------------------------------------------------------
def _share(user: Any, person: Person | None = None, *, at: datetime = LONG_AGO,
           correcting: SharingDecision | None = None) -> SharingDecision:  # fmt: skip
    subject = Subject(person, "", "") if person else Subject(None, "place", "Example Park")
    made = record_sharing(user, subject, DecisionInput(
        categories=("whereabouts",), information="Where the child was found.",
        recipient_person="DC Sam Example", purpose="protect_child", lawful_basis="public_task",
        outcome="not_shared", reason="Already known to the police.",
        recipient_agency=Agency.objects.get(code="POL"),
    ), correction=Correction(correcting, "Wrong recipient") if correcting else None)  # fmt: skip
    SharingDecision.objects.filter(pk=made.pk).update(decided_at=at)
    return SharingDecision.objects.get(pk=made.pk)


@pytest.fixture
def sharer(make_user: Callable[..., Any], police: Agency) -> Any:
    user = make_user("specialist_practitioner")
    for person in Person.objects.all():
        Allocation.objects.create(person=person, user=user, allocated_from=date(2025, 1, 1))
    return user


def test_a_chain_of_corrections_is_one_record_due_from_its_latest_decision(
    sharer: Any,
) -> None:
    child = Person.objects.get(person_id="P-0000001")
    first = _share(sharer, child)
    _share(sharer, child, at=datetime(2022, 3, 3, tzinfo=UTC), correcting=first)
    context = _share(sharer)
    recent = _share(sharer, at=timezone.now())
    due = {d.record.key: d.record for d in records_due(_today(), "sharing_decision")}
    assert set(due) == {context.reference}
    record = current_record("sharing_decision", first.reference, _today())
    assert record is not None and record.due == date(2028, 3, 3)  # 25th birthday: 2025-01-01
    assert record.subject_person_id == "P-0000001" and "corrected 1 times" in record.description
    later = current_record("sharing_decision", recent.reference, _today())
    assert later is not None and later.due > _today()


def test_destroying_a_chain_deletes_every_link_and_its_advice(
    sharer: Any, records_managers: tuple[Any, Any]
) -> None:
    child = Person.objects.get(person_id="P-0000001")
    first = _share(sharer, child, at=datetime(1996, 1, 1, tzinfo=UTC))
    second = _share(sharer, child, correcting=first)
    CaldicottAdvice.objects.create(decision=second, advice="Share the address only",
                                   adviser="Caldicott Guardian", advised_on=date(1995, 6, 1),
                                   recorded_by=sharer, recorded_at=LONG_AGO)  # fmt: skip
    kept = _share(sharer)
    log = _destroyed("sharing_decision", first.reference, records_managers)
    assert list(SharingDecision.objects.all()) == [kept]
    assert not CaldicottAdvice.objects.exists()
    assert log.counts == {"sharing.SharingDecision": 2, "sharing.CaldicottAdvice": 1}
    _nothing_personal(log, "DC Sam Example", "Where the child", "P-0000001")


def test_a_correction_alone_is_not_destroyed_and_decisions_stay_immutable(
    sharer: Any, records_managers: tuple[Any, Any]
) -> None:
    first = _share(sharer)
    second = _share(sharer, correcting=first)
    assert current_record("sharing_decision", second.reference, _today()) is None
    with pytest.raises(ImmutableError):
        first.delete()
    with pytest.raises(ImmutableError):
        second.save()
    assert SharingDecision.objects.count() == 2


def test_a_hold_on_a_child_in_the_chain_keeps_it(
    sharer: Any, make_user: Callable[..., Any]
) -> None:
    child = Person.objects.get(person_id="P-0000001")
    first = _share(sharer, child, at=datetime(1996, 1, 1, tzinfo=UTC))
    assert first.reference in _listed("sharing_decision")
    _hold_on("P-0000001", make_user("inquiry_team"))
    assert first.reference not in _listed("sharing_decision")


# --- MACE meetings ------------------------------------------------------------------
def _meeting(chair: Any, *, at: datetime = LONG_AGO, person: Person | None = None,
             approved: bool = True) -> Meeting:  # fmt: skip
    meeting = create_meeting(chair, kind="operational", starts_at=at, venue="Room 2",
                             chair=chair, agencies=Agency.objects.all())  # fmt: skip
    AgendaItem.objects.create(meeting=meeting, position=1, kind="child" if person else "theme",
                              person=person, theme="" if person else "Taxi ranks",
                              discussion="Seen at the taxi rank with an older man.",
                              added_by=chair, added_at=at)  # fmt: skip
    meeting = change_status(chair, change_status(chair, meeting, "in_progress"), "held")
    if approved:
        meeting = save_minutes(chair, meeting, "Minutes: the taxi rank.", meeting.version)
        meeting = approve_minutes(chair, meeting)
    return meeting


def test_a_meeting_with_approved_minutes_or_cancelled_is_due_35_years_on(
    make_user: Callable[..., Any], police: Agency
) -> None:
    chair = make_user("team_manager")
    approved, held = _meeting(chair), _meeting(chair, approved=False)
    cancelled = create_meeting(chair, kind="operational", starts_at=LONG_AGO, venue="Room 2",
                               chair=chair, agencies=[])  # fmt: skip
    change_status(chair, cancelled, "cancelled", "Chair unwell")
    recent = _meeting(chair, at=timezone.now())
    assert _listed("mace_meeting") == set()  # 1995 + 35 = 2030
    later = date(2030, 6, 2)
    found = {r.key: r for r in kinds_due(later)}
    assert set(found) == {approved.reference, cancelled.reference}
    assert found[approved.reference].record_type == "mace_minutes"
    assert found[approved.reference].trigger == date(1995, 6, 1)
    assert current_record("mace_meeting", held.reference, _today()) is None
    record = current_record("mace_meeting", recent.reference, _today())
    assert record is not None and record.due.year == _today().year + 35


def kinds_due(as_of: date) -> list[Any]:
    return [d.record for d in records_due(as_of, "mace_meeting")]


OLDER = datetime(1985, 6, 1, 10, 0, tzinfo=UTC)


def test_destroying_a_meeting_deletes_all_it_holds_once_its_actions_are_done(
    make_user: Callable[..., Any], police: Agency, records_managers: tuple[Any, Any]
) -> None:
    chair = make_user("team_manager")
    child = Person.objects.get(person_id="P-0000001")
    Allocation.objects.create(person=child, user=chair, allocated_from=date(2025, 1, 1))
    meeting = create_meeting(chair, kind="operational", starts_at=OLDER, venue="Room 2",
                             chair=chair, agencies=Agency.objects.all())  # fmt: skip
    item = AgendaItem.objects.create(
        meeting=meeting, position=1, kind="child", person=child, discussion="Discussed.",
        added_by=chair, added_at=OLDER,
    )  # fmt: skip
    meeting = change_status(chair, meeting, "in_progress")
    record_decision(chair, item, "Refer to the specialist team")
    action = add_action(chair, item, description="Visit the family", owner=chair,
                        agency=police, due_on=date(1985, 7, 1))  # fmt: skip
    kept = _meeting(chair, at=OLDER)
    meeting = change_status(chair, meeting, "held")
    meeting = approve_minutes(chair, save_minutes(chair, meeting, "Minutes.", meeting.version))
    _refused("mace_meeting", meeting.reference, records_managers, "still open")
    RetentionDecision.objects.all().delete()
    Action.objects.filter(pk=action.pk).update(status="done")
    ActionUpdate.objects.create(action=action, status="done", note="Visited", by=chair, at=OLDER)
    log = _destroyed("mace_meeting", meeting.reference, records_managers)
    assert list(Meeting.objects.all()) == [kept]
    assert not Action.objects.exists() and AgendaItem.objects.filter(meeting=kept).count() == 1
    assert log.counts["meetings.Meeting"] == 1 and log.counts["meetings.Action"] == 1
    assert log.counts["meetings.AgendaItem"] == 1 and log.counts["meetings.Decision"] == 1
    assert log.counts["meetings.ActionUpdate"] == 1
    _nothing_personal(log, "Visit the family", "Discussed", "P-0000001", "Minutes.")


def test_a_hold_on_a_person_on_the_agenda_keeps_the_meeting(
    make_user: Callable[..., Any], police: Agency
) -> None:
    chair = make_user("team_manager")
    child = Person.objects.get(person_id="P-0000002")
    meeting = _meeting(chair, at=OLDER, person=child)
    assert meeting.reference in _listed("mace_meeting")
    _hold_on("P-0000002", make_user("inquiry_team"))
    assert meeting.reference not in _listed("mace_meeting")
