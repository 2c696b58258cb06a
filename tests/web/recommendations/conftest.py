"""A small tracker for tests/web/recommendations: agencies, a source, a recommendation
and an action owned by a practitioner of children's social care (CSC).

- `agencies`: CSC, POL and LIC (code -> Agency).
- `tracker`: a `Tracker` with the manager, the owner, the source, recommendation and action.
- `make_action(number, due=..., owner=..., agency=...)`: another action.
- Evidence files go to a fresh data folder for each test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.recommendations.models import Action, Recommendation, Source
from joinedup.web.recommendations.services import tracker as services
from joinedup.web.records.models import Agency

AGENCIES = {
    "CSC": ("Children's social care", "childrens_social_care"),
    "POL": ("Police", "police"),
    "LIC": ("Licensing", "licensing"),
}


@dataclass
class Tracker:
    manager: Any
    owner: Any
    source: Source
    recommendation: Recommendation
    action: Action


@pytest.fixture(autouse=True)
def _evidence_folder(settings: Any, tmp_path: Any) -> None:
    settings.DATA_DIR = tmp_path


@pytest.fixture
def agencies(db: None) -> dict[str, Agency]:
    return {
        code: Agency.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})[0]
        for code, (name, kind) in AGENCIES.items()
    }


@pytest.fixture
def tracker(agencies: dict[str, Agency], make_user: Callable[..., Any]) -> Tracker:
    manager = make_user("team_manager", agency=agencies["CSC"])
    owner = make_user("specialist_practitioner", agency=agencies["CSC"])
    source = services.add_source(manager, "Invented inquiry into exploitation (2031)", None, "")
    draft = services.RecommendationDraft(
        "1", "Publish yearly figures", "recording", agencies["CSC"]
    )
    recommendation = services.add_recommendation(manager, source, draft)
    due = timezone.localdate() + timedelta(days=60)
    action = services.add_action(
        manager,
        recommendation,
        services.ActionDraft("1.1", "Agree how to count", agencies["CSC"], due, owner, "Agreed"),
    )
    return Tracker(manager, owner, source, recommendation, action)


@pytest.fixture
def make_action(tracker: Tracker, agencies: dict[str, Agency]) -> Callable[..., Action]:
    def make(
        number: str, *, due: date | None = None, owner: Any = None, agency: str = "CSC"
    ) -> Action:
        draft = services.ActionDraft(
            number, f"Action {number}", agencies[agency], due or timezone.localdate(), owner
        )
        return services.add_action(tracker.manager, tracker.recommendation, draft)

    return make
