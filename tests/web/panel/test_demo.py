"""The demo's panel: three members, three proposals, an answered draft, published items; once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Team, User
from joinedup.web.demo.cast import Cast
from joinedup.web.demo.panel import seed_panel
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.panel.models import DraftComment, PanelMember, Proposal
from joinedup.web.panel.services import you_said_we_did

pytestmark = pytest.mark.django_db


def _cast(make_user: Callable[..., Any]) -> Cast:
    users = {role: make_user(role) for role in ("inquiry_team", "core_participant")}
    panel = make_user("survivor_panel", first_name="Rowan", last_name="Ellis")
    other = make_user("specialist_practitioner")
    return Cast(
        practitioner=other, manager=other, police=other, health=other, school=other,
        inquiry=users["inquiry_team"], participant=users["core_participant"], panel=panel,
        team=Team.objects.create(name="Invented team"), agencies={}, own_children=[],
        team_children=[], place=None, now=timezone.now(),
    )  # fmt: skip


def test_the_demo_panel_is_seeded_once(make_user: Callable[..., Any]) -> None:
    cast = _cast(make_user)
    inquiry = Inquiry.objects.create(
        title="Invented inquiry", created_at=cast.now, created_by=cast.inquiry
    )
    lines = seed_panel(cast, inquiry)
    assert lines and seed_panel(cast, inquiry) == []
    assert PanelMember.objects.get(user=cast.panel).display_name == "Panel member 1"
    others = User.objects.filter(username__startswith="panel.member")
    assert others.count() == 2
    assert all(not u.is_demo and not u.has_usable_password() for u in others)
    statuses = sorted(Proposal.objects.values_list("status", flat=True))
    assert statuses == ["accepted", "not_taken_forward", "open"]
    assert Proposal.objects.get(status="accepted").line is not None
    assert DraftComment.objects.filter(responded_at__isnull=False).count() == 2
    published = you_said_we_did()
    assert len(published) == 3
    for item in published:
        text = f"{item.said} {item.did}".lower()
        assert "panel member" not in text and "rowan" not in text and "ellis" not in text
