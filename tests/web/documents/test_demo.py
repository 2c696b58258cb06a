"""The demo's documents: twelve, of several formats, some under requests, one
near-duplicate, tagged; a second run adds nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from joinedup.web.accounts.models import Team
from joinedup.web.demo.cast import Cast
from joinedup.web.demo.documents import seed_documents
from joinedup.web.documents.models import DocumentTag, DuplicatePair
from tests.web.documents.conftest import Setting


def _cast(setting: Setting, make_user: Callable[..., Any]) -> Cast:
    other = make_user("specialist_practitioner")
    return Cast(
        practitioner=other, manager=other, police=other, health=other, school=other,
        inquiry=setting.user, participant=make_user("core_participant"),
        panel=make_user("survivor_panel"), team=Team.objects.create(name="Invented team"),
        agencies={"CSC": setting.council, "POL": setting.police}, own_children=[],
        team_children=[], place=None, now=timezone.now(),
    )  # fmt: skip


def test_the_demo_documents_are_seeded_once(
    setting: Setting, make_user: Callable[..., Any]
) -> None:
    cast = _cast(setting, make_user)
    made = seed_documents(cast, setting.inquiry)
    assert len(made) == 12
    sources = {d.versions.get().text_from for d in made}
    assert {"docx", "eml", "utf-8"} <= sources
    assert any(d.request == setting.request for d in made)
    assert DuplicatePair.objects.filter(kind=DuplicatePair.NEAR).exists()
    assert DocumentTag.objects.count() == 12
    assert seed_documents(cast, setting.inquiry) == made
    assert len(made) == 12
