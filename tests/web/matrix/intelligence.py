"""The intelligence log's pages (joinedup/web/intelligence, docs/intelligence.md).

The item the pages use is logged by a police analyst the role's user is not, so only
its owner could start its review or respond (nobody here: 403 for every role), and
only a holder of `allocate_cases` (the team manager) may assign, reopen or add
subjects to it. The import button is a POST that shows the managers' list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tests.web.matrix.common import LOGIN, NO, OK, START, Borough

LOGGERS = (LOGIN, OK, OK, OK, NO, NO, NO, NO, NO)
MANAGERS = (LOGIN, NO, OK, NO, NO, NO, NO, NO, NO)
OWNER_ONLY = (LOGIN, NO, NO, NO, NO, NO, NO, NO, NO)
# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    #                             anon   prac   mgr    police health school inq    audit  admin
    "intelligence:log":          LOGGERS,
    "intelligence:new":          LOGGERS,
    "intelligence:oversight":    MANAGERS,
    "intelligence:import":       (START, NO,    OK,    NO,    NO,    NO,    NO,    NO,    NO),
    "intelligence:item":         LOGGERS,
    "intelligence:assign":       MANAGERS,
    "intelligence:start-review": (START, NO,    NO,    NO,    NO,    NO,    NO,    NO,    NO),
    "intelligence:respond":      OWNER_ONLY,
    "intelligence:reopen":       MANAGERS,
    "intelligence:add-person":   MANAGERS,
    "intelligence:add-place":    MANAGERS,
}
# fmt: on
POSTED = {"intelligence:import", "intelligence:start-review"}
PAGE_ARGS = {
    name: {"reference": "intelligence_item"}
    for name in (
        "intelligence:item",
        "intelligence:assign",
        "intelligence:start-review",
        "intelligence:respond",
        "intelligence:reopen",
        "intelligence:add-person",
        "intelligence:add-place",
    )
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    from joinedup.web.intelligence.services.logbook import NewItem, log_item
    from joinedup.web.records.models import Agency

    police = Agency.objects.get(code="POL")
    item = log_item(
        make_user("police_analyst", agency=police),
        NewItem(
            received_on=date(2026, 3, 2),
            source_agency=police,
            source_type="member_of_public",
            grade_source="2",
            grade_intelligence="C",
            grade_handling="P",
            summary="Adult seen collecting children from school",
        ),
    )
    return {"intelligence_item": item.reference}
