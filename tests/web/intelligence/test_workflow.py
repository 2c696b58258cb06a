"""An item's life: assigned, under review, responded (closed), reopened; illegal
transitions refused; who may do each; every change in the history and the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from joinedup.web.accounts.models import Team
from joinedup.web.audit.models import AuditEntry
from joinedup.web.intelligence.models import IntelligenceItem, ItemHistory
from joinedup.web.intelligence.services.workflow import (
    Response,
    TransitionRefused,
    assign,
    reopen,
    respond,
    start_review,
)
from tests.web.conftest import SignedInClient
from tests.web.intelligence.conftest import Index

pytestmark = pytest.mark.django_db

Log = Callable[..., IntelligenceItem]
NFA = Response("no_further_action", "Known to be false: the car was sold in 2024.")


def _refresh(item: IntelligenceItem) -> IntelligenceItem:
    return IntelligenceItem.objects.get(pk=item.pk)


def test_a_manager_assigns_an_item_and_the_new_owner_responds(
    signed_in_client: Callable[..., SignedInClient], make_user: Any, log: Log, index: Index
) -> None:
    analyst = make_user("police_analyst", agency=index.pol)
    item = log(analyst)
    manager = signed_in_client("team_manager")
    owner = make_user("specialist_practitioner")
    assigned = manager.post(
        f"/intelligence/{item.reference}/assign/",
        {"owner": owner.pk, "reason": "Known to your team"},
    )
    assert assigned.status_code == 302
    assert (_refresh(item).owner, _refresh(item).status) == (owner, "assigned")
    worker = signed_in_client(user=owner)
    assert worker.post(f"/intelligence/{item.reference}/start-review/").status_code == 302
    responded = worker.post(
        f"/intelligence/{item.reference}/respond/",
        {
            "decision": "disrupt",
            "tactic": "cawn",
            "rationale": "Adult named by two sources",
            "actions_taken": "CAWN served on 4 March",
        },
    )
    assert responded.status_code == 302
    done = _refresh(item)
    assert (done.status, done.decision, done.tactic, done.responded_by) == (
        "responded",
        "disrupt",
        "cawn",
        owner,
    )
    assert done.rationale == "Adult named by two sources"
    actions = list(ItemHistory.objects.filter(item=item).values_list("action", flat=True))
    assert actions == ["logged", "assigned", "review_started", "responded"]
    audited = AuditEntry.objects.filter(target_id=item.reference).values_list("action", flat=True)
    assert {
        "intelligence.assigned",
        "intelligence.review_started",
        "intelligence.responded",
    } <= set(audited)


def test_the_item_closes_only_with_a_decision_and_rationale(
    signed_in_client: Callable[..., SignedInClient], log: Log
) -> None:
    client = signed_in_client("specialist_practitioner")
    item = start_review(client.user, log(client.user))
    url = f"/intelligence/{item.reference}/respond/"
    for posted, error in (
        ({"rationale": "x"}, "Select a decision"),
        (
            {"decision": "no_further_action", "rationale": "  "},
            "Enter the rationale for the decision",
        ),
        ({"decision": "share", "rationale": "x"}, "Select the agency it is shared with"),
        ({"decision": "case", "rationale": "x"}, "Enter the case reference"),
        ({"decision": "disrupt", "rationale": "x"}, "Select the disruption tactic"),
    ):
        page = client.post(url, posted)
        assert page.status_code == 200 and error in page.text, error
        assert "govuk-error-summary" in page.text
    assert _refresh(item).status == "under_review"


def test_sharing_with_a_partner_records_the_agency(
    signed_in_client: Callable[..., SignedInClient], log: Log, index: Index
) -> None:
    client = signed_in_client("specialist_practitioner")
    item = start_review(client.user, log(client.user))
    client.post(
        f"/intelligence/{item.reference}/respond/",
        {"decision": "share", "share_agency": "CSC", "rationale": "For the MASH"},
    )
    assert (_refresh(item).decision, _refresh(item).share_agency) == ("share", index.csc)


@pytest.mark.parametrize(
    ("status", "change"),
    [
        ("logged", "respond"),
        ("assigned", "respond"),
        ("under_review", "start_review"),
        ("responded", "assign"),
        ("responded", "start_review"),
        ("responded", "respond"),
        ("logged", "reopen"),
        ("under_review", "reopen"),
    ],
)
def test_illegal_transitions_are_refused(
    make_user: Any, log: Log, status: str, change: str
) -> None:
    manager = make_user("team_manager")
    item = log(manager)
    IntelligenceItem.objects.filter(pk=item.pk).update(status=status)
    item = _refresh(item)
    calls = {
        "respond": lambda: respond(manager, item, NFA),
        "start_review": lambda: start_review(manager, item),
        "assign": lambda: assign(manager, item, manager),
        "reopen": lambda: reopen(manager, item, "New information about the car"),
    }
    with pytest.raises(TransitionRefused):
        calls[change]()
    assert _refresh(item).status == status
    assert ItemHistory.objects.filter(item=item).count() == 1


def test_only_the_owner_works_the_item_and_only_owner_or_manager_assigns(
    signed_in_client: Callable[..., SignedInClient], make_user: Any, log: Log, index: Index
) -> None:
    item = log(make_user("police_analyst", agency=index.pol))
    other = signed_in_client("specialist_practitioner")
    assert other.post(f"/intelligence/{item.reference}/start-review/").status_code == 403
    assert other.get(f"/intelligence/{item.reference}/respond/").status_code == 403
    assert other.get(f"/intelligence/{item.reference}/assign/").status_code == 403
    with pytest.raises(PermissionDenied):
        start_review(other.user, item)
    assert _refresh(item).status == "logged"


def test_an_item_cannot_be_assigned_to_someone_who_cannot_own_it(make_user: Any, log: Log) -> None:
    manager = make_user("team_manager")
    item = log(manager)
    with pytest.raises(Exception, match="cannot own intelligence items"):
        assign(manager, item, make_user("school_safeguarding_lead"))


def test_reopening_needs_a_reason_and_gives_a_new_deadline(
    signed_in_client: Callable[..., SignedInClient], log: Log
) -> None:
    client = signed_in_client("team_manager")
    item = respond(client.user, start_review(client.user, log(client.user)), NFA)
    IntelligenceItem.objects.filter(pk=item.pk).update(decide_by=item.logged_at)
    url = f"/intelligence/{item.reference}/reopen/"
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "Enter why the item is being reopened" in refused.text
    assert client.post(url, {"reason": "The same car was seen again"}).status_code == 302
    reopened = _refresh(item)
    assert reopened.status == "under_review" and reopened.decide_by > timezone.now()
    note = ItemHistory.objects.get(item=item, action="reopened").note
    assert note == "The same car was seen again"
    assert AuditEntry.objects.filter(action="intelligence.reopened").count() == 1


def test_the_item_page_shows_it_closed_with_its_history(
    signed_in_client: Callable[..., SignedInClient], log: Log
) -> None:
    client = signed_in_client("team_manager", team=Team.objects.create(name="CATE"))
    item = respond(client.user, start_review(client.user, log(client.user)), NFA)
    page = client.get(f"/intelligence/{item.reference}/")
    assert "Responded (closed)" in page.text and "No further action" in page.text
    history = page.text.split("Every change to this item")[1]
    for action in ("Logged", "Review started", "Response recorded"):
        assert action in history
    assert "Known to be false: the car was sold in 2024." in history
