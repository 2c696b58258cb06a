"""Counts of accounts, shown only through disclosure control (docs/disclosure.md).

A small number of accounts could point to someone, so the public page shows the number
under the NHS profile's sub-national level: 1-7 as "*" (said in words), the rest rounded
to the nearest 5.
"""

from __future__ import annotations

from dataclasses import dataclass

from joinedup.disclosure import load_profile
from joinedup.disclosure.rules import Treatment, treat_count
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.survivors.models import Account

__all__ = ["PROFILE", "PublishedCount", "accounts_heard"]

PROFILE = "nhs"


@dataclass(frozen=True)
class PublishedCount:
    text: str  # what may be shown: "about 25", "fewer than 8", "no"
    profile_id: str


def accounts_heard(inquiry: Inquiry) -> PublishedCount:
    profile = load_profile(PROFILE)
    level = profile.level()
    treated = treat_count(Account.objects.filter(inquiry=inquiry).count(), level)
    if treated.treatment is Treatment.PRIMARY:
        text = f"fewer than {(level.suppress_to or 0) + 1}"
    elif treated.treatment is Treatment.ROUNDED:
        text = f"about {treated.text}"
    else:
        text = "no" if treated.text == "0" else treated.text
    return PublishedCount(text, profile.id)
