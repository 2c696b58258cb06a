"""The demo's accounts: six channels and choices, four approved versions, one referral."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Team
from joinedup.web.demo.cast import Cast
from joinedup.web.demo.survivors import seed_survivors
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.survivors.models import Account, AnonymisedAccount, PoliceReferral
from joinedup.web.survivors.services.analysis import accounts_for_analysis

pytestmark = pytest.mark.django_db


def _cast(make_user: Callable[..., Any]) -> Cast:
    users = {role: make_user(role) for role in (
        "specialist_practitioner", "team_manager", "police_analyst", "health_safeguarding_lead",
        "school_safeguarding_lead", "inquiry_team", "core_participant", "survivor_panel",
    )}  # fmt: skip
    return Cast(
        *users.values(),
        team=Team.objects.create(name="Demo team"),
        agencies={},
        own_children=[],
        team_children=[],
        place=None,
        now=timezone.now(),
    )


def test_the_demo_accounts(make_user: Callable[..., Any], inquiry: Inquiry) -> None:
    cast = _cast(make_user)
    made = seed_survivors(cast, inquiry)
    assert len(made) == 6
    assert {a.channel for a in made} == {"online_form", "in_person", "phone", "video", "written"}
    approved = AnonymisedAccount.objects.filter(approved_at__isnull=False)
    assert approved.count() == 4
    decades = {v.period_start_year // 10 * 10 for v in approved if v.period_start_year}
    assert decades == {1990, 2000, 2010}
    assert max(v.period_end_year or 0 for v in approved) >= 2020
    assert all(v.approved_by != v.prepared_by for v in approved)
    assert accounts_for_analysis(inquiry).count() == 4
    assert PoliceReferral.objects.count() == 1
    assert seed_survivors(cast, inquiry) == sorted(made, key=lambda a: a.received_at)
    assert Account.objects.count() == 6
