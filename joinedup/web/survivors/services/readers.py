"""Who may read accounts: inquiry staff named to (`InquiryStaff.reads_accounts`).

Everyone else with `inquiry_work` sees the list of accounts without their content.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from joinedup.web.inquiry.models import Inquiry, InquiryStaff

__all__ = ["NOT_NAMED", "check_reader", "current_inquiry", "reads_accounts"]

NOT_NAMED = (
    "Only inquiry staff named to read survivors' accounts may open an account. "
    "The inquiry's lead names them."
)


def current_inquiry() -> Inquiry | None:
    """The inquiry accounts go to: the one most recently set up (a deployment holds one)."""
    return Inquiry.objects.order_by("-created_at", "-pk").first()


def reads_accounts(user: Any, inquiry: Inquiry) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return InquiryStaff.objects.filter(inquiry=inquiry, user=user, reads_accounts=True).exists()


def check_reader(user: Any, inquiry: Inquiry) -> None:
    """Raise PermissionDenied (a 403 page) unless the user is named to read accounts."""
    if not reads_accounts(user, inquiry):
        raise PermissionDenied(NOT_NAMED)
