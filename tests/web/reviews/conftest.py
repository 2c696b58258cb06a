"""The small synthetic borough, imported and linked once for tests/web/reviews.

`joinedup link` runs with a wide review band (from 0.05), so the queue holds enough real
pairs, with the explanations the run wrote, to test order, filters, pages and moving
on to the next pair whatever the trained model's calibration of the day. Every test
runs in its own transaction on top (what it writes is rolled back); the database is
emptied after the package's last test.

- `borough`: the folder of the borough imported.
- `open_pairs()`: the open person pairs in queue order (oldest run, most likely first).
- `hide_agency(role, code)`: take an agency out of a role's sharing agreement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from joinedup.web.access.models import SharingAgreement
from joinedup.web.people import models as pm
from joinedup.web.records.models import Agency

REVIEW_FROM = 0.05
ENOUGH_PAIRS = 4


@pytest.fixture(scope="package")
def borough(
    django_db_setup: None,
    django_db_blocker: Any,
    small_borough: Path,
    manifest: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Path]:
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("reviews-data")))
        for export in manifest["exports"]:
            files = [small_borough / f for f in export["files"]]
            import_export(export["agency"], small_borough / export["mapping"], files, user="test")
        link_everyone("test", review_from=REVIEW_FROM)
        yield small_borough
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def open_pairs(borough: Path) -> Callable[[], list[pm.ReviewPair]]:
    def pairs() -> list[pm.ReviewPair]:
        found = pm.ReviewPair.objects.filter(status=pm.ReviewPair.OPEN)
        return list(found.order_by("run_id", "-match_probability", "pk"))

    assert len(pairs()) >= ENOUGH_PAIRS, f"linking from {REVIEW_FROM} should queue pairs"
    return pairs


@pytest.fixture
def hide_agency(db: None) -> Callable[[str, str], SharingAgreement]:
    def hide(role: str, code: str) -> SharingAgreement:
        agency = Agency.objects.get(code=code)
        return SharingAgreement.objects.create(role=role, agency=agency, level="none")

    return hide
