"""How recorded values read on a page: names and partial dates."""

from __future__ import annotations

from joinedup.chronology.when import when_from_iso

__all__ = ["display_date", "full_name"]


def display_date(iso: str) -> str:
    """'2009-03-04' -> '4 March 2009', '2009-03' -> 'March 2009'; '' stays ''."""
    if not iso:
        return ""
    try:
        return when_from_iso(iso).display
    except ValueError:
        return iso


def full_name(forenames: str, surname: str) -> str:
    """'KAYLEIGH', 'SMITH' -> 'Kayleigh Smith' (agencies often write names in capitals)."""
    return " ".join(p for p in (forenames, surname) if p).title()
