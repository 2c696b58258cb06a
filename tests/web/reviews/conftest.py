"""The small synthetic borough, imported, linked and screened once for tests/web/reviews
(the fixture of tests/web/children), so the queue holds the pairs a real run left.

- `open_pairs()`: the open person pairs in queue order (oldest run, most likely first).
- `hide_agency(role, code)`: take an agency out of a role's sharing agreement.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.access.models import SharingAgreement
from joinedup.web.people import models as pm
from joinedup.web.records.models import Agency
from tests.web.children.conftest import borough  # noqa: F401  (package-scoped fixture)


@pytest.fixture
def open_pairs(borough: Any) -> Callable[[], list[pm.ReviewPair]]:  # noqa: F811
    def pairs() -> list[pm.ReviewPair]:
        found = pm.ReviewPair.objects.filter(status=pm.ReviewPair.OPEN)
        return list(found.order_by("run_id", "-match_probability", "pk"))

    assert pairs(), "the small borough should leave pairs to review"
    return pairs


@pytest.fixture
def hide_agency(db: None) -> Callable[[str, str], SharingAgreement]:
    def hide(role: str, code: str) -> SharingAgreement:
        agency = Agency.objects.get(code=code)
        return SharingAgreement.objects.create(role=role, agency=agency, level="none")

    return hide
