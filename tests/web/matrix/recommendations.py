"""Permission-matrix rows for the recommendations tracker (/recommendations/).

Every signed-in role reads the tracker (it holds no personal data). Managing sources,
recommendations and actions needs `manage_recommendations` (team manager, administrator);
progress and evidence need `update_recommendations` and the action's owning agency
(the matrix's action belongs to CSC: the practitioner's and manager's agency); sign-off
needs `sign_off_recommendations` (the inquiry team).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.matrix.common import LOGIN, NO, OK, Borough

EVERYONE = (LOGIN, OK, OK, OK, OK, OK, OK, OK, OK)
MANAGERS = (LOGIN, NO, OK, NO, NO, NO, NO, NO, OK)
OWNING_AGENCY = (LOGIN, OK, OK, NO, NO, NO, NO, NO, NO)
UPDATERS = (LOGIN, OK, OK, OK, OK, OK, NO, NO, NO)
SIGN_OFF = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO)

# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    # columns: anon, prac, mgr, police, health, school, inq, audit, admin (see the tuples above)
    "recommendations:index": EVERYONE,
    "recommendations:source-add": MANAGERS,
    "recommendations:source": EVERYONE,
    "recommendations:recommendation-add": MANAGERS,
    "recommendations:import": MANAGERS,
    "recommendations:recommendation": EVERYONE,
    "recommendations:action-add": MANAGERS,
    "recommendations:action": EVERYONE,
    "recommendations:owner": MANAGERS,
    "recommendations:progress": OWNING_AGENCY,
    "recommendations:evidence-add": OWNING_AGENCY,
    "recommendations:sign-off": SIGN_OFF,
    "recommendations:evidence-file": EVERYONE,
    "recommendations:sign-off-queue": SIGN_OFF,
    "recommendations:mine": UPDATERS,
    "recommendations:report": EVERYONE,
    "recommendations:report-csv": EVERYONE,
}
# fmt: on
PAGE_ARGS: dict[str, dict[str, str]] = {
    "recommendations:source": {"source_id": "recommendation_source"},
    "recommendations:recommendation-add": {"source_id": "recommendation_source"},
    "recommendations:import": {"source_id": "recommendation_source"},
    "recommendations:recommendation": {"recommendation_id": "recommendation"},
    "recommendations:action-add": {"recommendation_id": "recommendation"},
    "recommendations:action": {"action_id": "recommendation_action"},
    "recommendations:owner": {"action_id": "recommendation_action"},
    "recommendations:progress": {"action_id": "open_recommendation_action"},
    "recommendations:evidence-add": {"action_id": "open_recommendation_action"},
    "recommendations:sign-off": {"action_id": "recommendation_action"},
    "recommendations:evidence-file": {"evidence_id": "recommendation_evidence"},
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """A source, a recommendation, an action of CSC completed by its owner (with a file
    as evidence), and an open one."""
    from joinedup.web.recommendations.services import add_evidence, record_progress
    from joinedup.web.recommendations.services import tracker as services
    from joinedup.web.records.models import Agency

    csc = Agency.objects.get(code="CSC")
    manager = make_user("team_manager", agency=csc)
    owner = make_user("specialist_practitioner", agency=csc)
    source = services.add_source(manager, "Matrix inquiry (2031)", None, "")
    draft = services.RecommendationDraft("1", "Invented recommendation", "other", csc)
    recommendation = services.add_recommendation(manager, source, draft)
    done, still_open = (
        services.add_action(
            manager,
            recommendation,
            services.ActionDraft(n, "Invented action", csc, date(2031, 1, 1), owner),
        )
        for n in ("1.1", "1.2")
    )
    upload = SimpleUploadedFile("minutes.txt", b"Invented minutes\n")
    evidence = add_evidence(owner, done, "Minutes", upload=upload)
    done.refresh_from_db()
    record_progress(owner, done, "completed", "Done")
    return {
        "recommendation_source": str(source.pk),
        "recommendation": str(recommendation.pk),
        "recommendation_action": str(done.pk),
        "open_recommendation_action": str(still_open.pk),
        "recommendation_evidence": str(evidence.pk),
    }
