"""Permission-matrix rows for the themes app (/inquiry/themes/).

Every page needs `inquiry_work`: only the inquiry team. Council staff (including the
auditor and administrator) get 403, and so do core participants and the survivors'
panel (access/areas.py keeps them to their own areas).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tests.web.matrix.common import LOGIN, NO, OK, Borough

INQUIRY = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO)

# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    # columns: anon, prac, mgr, police, health, school, inq, audit, admin
    "themes:index": INQUIRY,
    "themes:codebook": INQUIRY,
    "themes:codebook-load": INQUIRY,
    "themes:code-add": INQUIRY,
    "themes:code": INQUIRY,
    "themes:code-edit": INQUIRY,
    "themes:code-retire": INQUIRY,
    "themes:excerpts": INQUIRY,
    "themes:items": INQUIRY,
    "themes:account": INQUIRY,
    "themes:document": INQUIRY,
    "themes:coding-remove": INQUIRY,
    "themes:agreement": INQUIRY,
    "themes:counts": INQUIRY,
    "themes:counts-csv": INQUIRY,
    "themes:known": INQUIRY,
    "themes:known-csv": INQUIRY,
}
# fmt: on
PAGE_ARGS: dict[str, dict[str, str]] = {
    "themes:codebook": {"inquiry_id": "themes_inquiry"},
    "themes:codebook-load": {"inquiry_id": "themes_inquiry"},
    "themes:code-add": {"inquiry_id": "themes_inquiry"},
    "themes:code": {"code_id": "themes_code"},
    "themes:code-edit": {"code_id": "themes_code"},
    "themes:code-retire": {"code_id": "themes_code"},
    "themes:excerpts": {"code_id": "themes_code"},
    "themes:items": {"inquiry_id": "themes_inquiry"},
    "themes:account": {"inquiry_id": "themes_inquiry", "account_id": "themes_account"},
    "themes:document": {"inquiry_id": "themes_inquiry", "version_id": "themes_document"},
    "themes:coding-remove": {"coding_id": "themes_coding"},
    "themes:agreement": {"inquiry_id": "themes_inquiry"},
    "themes:counts": {"inquiry_id": "themes_inquiry"},
    "themes:counts-csv": {"inquiry_id": "themes_inquiry"},
    "themes:known": {"inquiry_id": "themes_inquiry"},
    "themes:known-csv": {"inquiry_id": "themes_inquiry"},
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """An inquiry with one code, an anonymised account coded with it and a document
    version, and a cached could-have-known result (so the analysis page does not run
    the screening for every role)."""
    from django.utils import timezone

    from joinedup.screening import load_rule_file
    from joinedup.web.themes.models import Code, Coding, KnownResult
    from joinedup.web.themes.services.known import records_state_key
    from tests.web.themes.objects import make_account, make_document_version, make_inquiry

    staff = make_user("inquiry_team")
    inquiry = make_inquiry(staff, "Matrix themes inquiry")
    now = timezone.now()
    code = Code.objects.create(
        inquiry=inquiry,
        key="matrix",
        label="Matrix theme",
        definition="Invented",
        created_at=now,
        created_by=staff,
    )
    account = make_account(inquiry, staff, "An invented account.", (1999, 2001))
    version = make_document_version(inquiry, staff, "An invented letter.", date(2000, 1, 1))
    coding = Coding.objects.create(
        code=code, code_version=1, account=account, coded_by=staff, coded_at=now
    )
    rules = load_rule_file()
    KnownResult.objects.get_or_create(
        key=records_state_key(rules),
        defaults={
            "computed_at": now,
            "scheme": rules.scheme,
            "rules_version": rules.version,
            "rows": [["CSC", n, 2000 + n % 3, 4.0, 4.0] for n in range(1, 13)],
        },
    )
    return {
        "themes_inquiry": str(inquiry.pk),
        "themes_code": str(code.pk),
        "themes_account": str(account.pk),
        "themes_document": str(version.pk),
        "themes_coding": str(coding.pk),
    }
