"""The roles table: what each role may do, read from data/roles.yaml."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from joinedup.web.access import roles
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import Role

# The table in docs/security.md, as the test expects it. X: the role has it.
MATRIX = """
role                      children narr special criminal links grades audit admin glass
specialist_practitioner   X        X    X       X        X     X      .     .     X
team_manager              X        X    X       X        X     X      .     .     X
police_analyst            X        X    .       X        X     .      .     .     X
health_safeguarding_lead  X        X    X       .        .     .      .     .     X
school_safeguarding_lead  X        .    .       .        .     .      .     .     X
inquiry_team              X        X    X       X        .     .      .     .     .
auditor                   .        .    .       .        .     .      X     .     .
administrator             .        .    .       .        .     .      .     X     .
core_participant          .        .    .       .        .     .      .     .     .
survivor_panel            .        .    .       .        .     .      .     .     .
"""
# The casework table in docs/security.md (issue 6), the capabilities after break_glass.
CASEWORK_MATRIX = """
role                     refr scrn case allo attd run  intl shar updt mang sign keep hold pub
specialist_practitioner  X    X    X    .    X    X    X    X    X    .    .    .    .    .
team_manager             X    X    X    X    X    X    X    X    X    X    .    .    .    X
police_analyst           X    .    .    .    X    .    X    X    X    .    .    .    .    .
health_safeguarding_lead X    .    .    .    X    .    .    X    X    .    .    .    .    .
school_safeguarding_lead X    .    .    .    X    .    .    X    X    .    .    .    .    .
inquiry_team             .    .    .    .    .    .    .    .    .    .    X    .    X    .
auditor                  .    .    .    .    .    .    .    .    .    .    .    .    .    .
administrator            .    .    .    .    .    .    .    .    .    X    .    X    X    X
core_participant         .    .    .    .    .    .    .    .    .    .    .    .    .    .
survivor_panel           .    .    .    .    .    .    .    .    .    .    .    .    .    .
"""
# The inquiry table in docs/security.md (issue 7).
INQUIRY_MATRIX = """
role                      work  released panel
specialist_practitioner   .     .        .
team_manager              .     .        .
police_analyst            .     .        .
health_safeguarding_lead  .     .        .
school_safeguarding_lead  .     .        .
inquiry_team              X     X        X
auditor                   .     .        .
administrator             .     .        .
core_participant          .     X        .
survivor_panel            .     .        X
"""
RECORDS = roles.CAPABILITIES[: roles.CAPABILITIES.index("break_glass") + 1]
INQUIRY = roles.CAPABILITIES[roles.CAPABILITIES.index("inquiry_work") :]
CASEWORK = roles.CAPABILITIES[len(RECORDS) : len(roles.CAPABILITIES) - len(INQUIRY)]


def _granted(table: str, capabilities: tuple[str, ...]) -> dict[str, set[str]]:
    granted = {}
    for line in table.strip().splitlines()[1:]:
        role, *marks = line.split()
        pairs = zip(capabilities, marks, strict=True)
        granted[role] = {cap for cap, mark in pairs if mark == "X"}
    return granted


def test_every_role_has_a_row_and_every_row_a_role() -> None:
    assert set(roles.roles()) == set(Role.values)


def test_capabilities_match_the_documented_matrix() -> None:
    records, casework = _granted(MATRIX, RECORDS), _granted(CASEWORK_MATRIX, CASEWORK)
    inquiry = _granted(INQUIRY_MATRIX, INQUIRY)
    for role in roles.roles():
        assert roles.capabilities(role) == records[role] | casework[role] | inquiry[role], role


def test_the_security_doc_shows_the_same_matrix() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "security.md").read_text()
    for role in Role.values:
        rows = [line for line in doc.splitlines() if line.startswith(f"| {Role(role).label} |")]
        rows = rows[:3]  # the capability tables come first, then the sharing agreement
        documented = set()
        for row, capabilities in zip(rows, (RECORDS, CASEWORK, INQUIRY), strict=True):
            cells = [c.strip() for c in row.strip("|").split("|")][1 : 1 + len(capabilities)]
            documented |= {cap for cap, cell in zip(capabilities, cells, strict=True) if cell}
        assert documented == roles.capabilities(role), role


@pytest.mark.django_db
def test_inactive_and_anonymous_users_have_no_capability(make_user: Callable[..., Any]) -> None:
    user = make_user("administrator")
    assert has_capability(user, "administer")
    user.is_active = False
    assert not has_capability(user, "administer")
    with pytest.raises(ValueError, match="unknown capability"):
        has_capability(user, "fly")


@pytest.mark.django_db
def test_administration_pages_are_for_administrators_only(
    signed_in_client: Callable[..., Client],
) -> None:
    assert signed_in_client("administrator").get("/admin/").status_code == 200
    page = signed_in_client("auditor").get("/admin/", follow=True)
    assert page.status_code == 403
    assert "You cannot see this page" in page.text
    assert (
        signed_in_client("administrator").get("/admin/access/sharingagreement/").status_code == 200
    )


def test_the_security_doc_shows_the_shipped_sharing_agreement() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "security.md").read_text()
    table = doc.split("| role | children's social care |")[1].split("\n\n")[0]
    kinds = ["childrens_social_care", "police", "health", "education", "youth_service"]
    kinds += ["housing", "licensing", "voluntary"]
    by_label = {Role(r).label.lower(): r for r in Role.values}
    seen = set()
    for row in table.strip().splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        for label in cells[0].lower().split(", "):
            role = by_label[label]
            seen.add(role)
            levels = {kind: roles.default_level(role, kind) for kind in kinds}
            assert levels == dict(zip(kinds, cells[1:], strict=True)), role
    assert seen == set(Role.values)


def test_a_bad_roles_file_is_refused_naming_the_role(monkeypatch: pytest.MonkeyPatch) -> None:
    from joinedup.errors import ConfigurationError

    bad = {
        "version": 1,
        "capabilities": {c: c for c in roles.CAPABILITIES},
        "roles": {"auditor": {"sees_children_by": "everyone", "capabilities": ["fly"]}},
    }
    monkeypatch.setattr(roles, "_read", lambda name: bad)
    with pytest.raises(ConfigurationError, match="role auditor"):
        roles._roles.__wrapped__()
