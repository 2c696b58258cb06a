"""The demo's public site: the demo borough's figures published, as demo.admin, for the last
two complete years and for this year so far, so `make demo` shows a populated /public/."""

from __future__ import annotations

from joinedup.transparency import FinancialYear, financial_year_of
from joinedup.web.accounts.models import User
from joinedup.web.demo.cast import Cast
from joinedup.web.transparency.services.publishing import DEFAULT_PROFILE, publish_year

__all__ = ["seed_transparency"]

PUBLISHER = "demo.admin"


def seed_transparency(cast: Cast) -> list[str]:
    """Publish three years under the default profile; one line per publication."""
    admin = User.objects.get(username=PUBLISHER)
    current = financial_year_of(cast.today)
    lines = []
    for year in (FinancialYear(current.start - 2), FinancialYear(current.start - 1), current):
        if cast.today <= year.first_day:
            continue
        made = publish_year(admin, year, DEFAULT_PROFILE, today=cast.today)
        lines.append(
            f"Published {year.label} figures (publication {made.pk}, {made.profile_id}: "
            f"{made.primary_cells} small, {made.secondary_cells} protecting; {made.seconds:.1f} s)"
        )
    return lines
