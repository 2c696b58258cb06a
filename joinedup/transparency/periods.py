"""Financial years, 1 April to 31 March: the year every figure is counted in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["FinancialYear", "financial_year_of"]


@dataclass(frozen=True, order=True, slots=True)
class FinancialYear:
    """The year starting on 1 April of `start`."""

    start: int

    @property
    def first_day(self) -> date:
        return date(self.start, 4, 1)

    @property
    def last_day(self) -> date:
        return date(self.start + 1, 3, 31)

    @property
    def label(self) -> str:
        """'2024-25', the short form used in tables and file names."""
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def title(self) -> str:
        """'April 2024 to March 2025', as GOV.UK writes a year in words."""
        return f"April {self.start} to March {self.start + 1}"

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def counted_to(self, today: date) -> date:
        """The last day counted if figures are taken on `today`: the year's end, or
        yesterday while the year is still going on (today is not over)."""
        if today > self.last_day:
            return self.last_day
        return max(self.first_day, date.fromordinal(today.toordinal() - 1))


def financial_year_of(day: date) -> FinancialYear:
    return FinancialYear(day.year if day.month >= 4 else day.year - 1)
