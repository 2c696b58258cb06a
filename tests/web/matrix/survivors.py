"""Permission-matrix rows for survivors' accounts (/inquiry/accounts/) and the survivor's
form (/public/your-experience/).

The form is open to everyone, signed in or not. The inquiry's pages need `inquiry_work`
(the inquiry team only); every page of one account also needs the user to be named to
read accounts (`InquiryStaff.reads_accounts`), which the matrix's inquiry-team user is
not: so it sees the list and gets 403 on every account (tests/web/survivors/ cover the
named readers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.web.matrix.common import COLUMNS, LOGIN, NO, OK, START, Borough

OPEN = tuple(OK for _ in COLUMNS)
INQUIRY = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO)
NAMED_READERS = (LOGIN, NO, NO, NO, NO, NO, NO, NO, NO)
NAMED_READERS_POST = (START, *NAMED_READERS[1:])  # a POST signed out goes to sign-in bare

# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    # columns: anon, prac, mgr, police, health, school, inq, audit, admin (+ outsiders)
    "survivors:index": INQUIRY,
    "survivors:record": NAMED_READERS,
    "survivors:account": NAMED_READERS,
    "survivors:consent": NAMED_READERS,
    "survivors:anonymised": NAMED_READERS,
    "survivors:approve": NAMED_READERS_POST,
    "survivors:referral": NAMED_READERS,
    "survivors_public:start": OPEN,
    "survivors_public:question": OPEN,
    "survivors_public:check": OPEN,
    "survivors_public:sent": OPEN,
    "survivors_public:delete": OPEN,
    "survivors_public:return": OPEN,
    "survivors_public:choices": OPEN,
    "survivors_public:choices-saved": OPEN,
}
# fmt: on
POSTED = {"survivors:approve", "survivors_public:delete"}
_ACCOUNT = {"reference": "survivor_account"}
PAGE_ARGS: dict[str, dict[str, str]] = {
    "survivors:account": _ACCOUNT,
    "survivors:consent": _ACCOUNT,
    "survivors:anonymised": _ACCOUNT,
    "survivors:approve": _ACCOUNT,
    "survivors:referral": _ACCOUNT,
    "survivors_public:question": {"step": "account"},
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """An inquiry taking accounts, and one account sent through the form."""
    from django.utils import timezone

    from joinedup.web.inquiry.models import Inquiry
    from joinedup.web.survivors.services.accounts import AccountDraft, submit_online
    from joinedup.web.survivors.services.readers import current_inquiry

    inquiry = current_inquiry() or Inquiry.objects.create(
        title="Matrix inquiry (survivors)",
        created_at=timezone.now(),
        created_by=make_user("inquiry_team"),
    )
    sent = submit_online(inquiry, AccountDraft(text="Invented account for the matrix."))
    return {"survivor_account": sent.account.reference}
