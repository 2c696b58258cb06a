"""The inquiry's own work is audited in the same chain, but listed only to the inquiry.

Issue 7: council staff cannot see the inquiry's work. An app whose data/audit_actions.yaml
says `area: inquiry` writes entries that the council's auditor pages leave out and the
inquiry's audit page (/audit/inquiry/) lists; the inquiry's openings of agency records
stay council entries, seen by the council's auditors like anyone else's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.services import record_event
from joinedup.web.audit.vocabulary import actions_in_area, known_actions

pytestmark = pytest.mark.django_db

SignIn = Callable[..., Any]
INQUIRY_APPS = ("inquiry", "documents", "redaction", "survivors", "themes", "panel")


def test_every_inquiry_app_writes_inquiry_area_actions_only() -> None:
    ours = actions_in_area("inquiry")
    for app in INQUIRY_APPS:
        named = {a for a in known_actions() if a.startswith(f"{app}.")}
        assert named, f"the {app} app names no audit action"
        assert named <= ours, f"{app}: actions outside the inquiry area: {named - ours}"
    assert not {a for a in ours if a.startswith(("person.", "audit.", "access."))}


def test_the_council_auditor_does_not_see_the_inquirys_work(
    signed_in_client: SignIn, make_user: Callable[..., Any]
) -> None:
    inquirer = make_user("inquiry_team", "ines.inquiry")
    work = sorted(actions_in_area("inquiry"))[0]
    record_event(inquirer, work, target_type="document", target_id="INQ-SECRET-1")
    record_event(inquirer, "person.view", target_type="person", target_id="P-0000042")
    auditor = signed_in_client("auditor")

    council = auditor.get("/audit/", {"username": "ines.inquiry"}).content.decode()
    assert "INQ-SECRET-1" not in council
    assert "P-0000042" in council  # the inquiry's reading of a child's record is seen
    chosen = auditor.get("/audit/", {"action": work})
    assert chosen.status_code == 200 and "INQ-SECRET-1" not in chosen.content.decode()
    assert auditor.get("/audit/inquiry/").status_code == 403


def test_the_inquiry_reads_its_own_audit_log(
    signed_in_client: SignIn, make_user: Callable[..., Any]
) -> None:
    colleague = make_user("inquiry_team", "ola.inquiry")
    work = sorted(actions_in_area("inquiry"))[0]
    record_event(colleague, work, target_type="document", target_id="INQ-SECRET-2")
    record_event(colleague, "person.view", target_type="person", target_id="P-0000043")

    page = signed_in_client("inquiry_team").get("/audit/inquiry/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "INQ-SECRET-2" in html and "P-0000043" not in html
