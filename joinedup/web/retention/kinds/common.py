"""What the built-in record kinds share: their app's model (when installed), dates of
birth from records, holds on any person a record is about, counted deletes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.utils import timezone

from joinedup.records.partial_dates import PartialDate, parse_iso_partial_date
from joinedup.web.records.models import SourcePerson
from joinedup.web.retention.registry import DestructionRefused, RetainedRecord
from joinedup.web.retention.services.holds import HoldCover

__all__ = ["births_of_persons", "day_of", "delete_counting", "holds_on_persons", "installed_model",
           "latest_birth", "parse_birth", "refuse_if_persons_held"]  # fmt: skip


def installed_model(label: str) -> type[Model] | None:
    """The model "app.Model", or None when its app is not installed (the kind finds
    nothing then), so the retention app never imports another app's models."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def holds_on_persons(record: RetainedRecord, person_ids: Iterable[str],
                     cover: HoldCover | None = None) -> list[str]:  # fmt: skip
    """Names of the active holds covering the record through any of these persons (a
    record names one subject; a meeting or an item can be about several)."""
    cover = cover or HoldCover()
    found = set()
    for person_id in set(person_ids) - {""}:
        found |= {h.name for h in cover.holds_on(replace(record, subject_person_id=person_id))}
    return sorted(found)


def refuse_if_persons_held(record: RetainedRecord, person_ids: Iterable[str]) -> None:
    held = holds_on_persons(record, person_ids)
    if held:
        raise DestructionRefused(
            f"A person this record is about is under a legal hold ({', '.join(held)})."
        )


def parse_birth(dob: str) -> PartialDate | None:
    """A record's date of birth ('1998', '1998-03' or '1998-03-04'); None when unusable."""
    try:
        return parse_iso_partial_date(dob) if dob else None
    except ValueError:
        return None


def latest_birth(dobs: Iterable[str]) -> PartialDate | None:
    """Of the dates of birth agencies recorded, the one that could mean the latest day
    (so a rule counting from it gives the latest date: nothing is destroyed early)."""
    births = [b for b in (parse_birth(d) for d in dobs) if b is not None]
    return max(births, key=lambda b: b.latest()) if births else None


def births_of_persons(person_pks: Iterable[int]) -> dict[int, PartialDate]:
    """Person pk -> the latest date of birth any of their linked records gives."""
    dobs: dict[int, list[str]] = {}
    rows = SourcePerson.objects.filter(link__person_id__in=list(person_pks))
    for person_pk, dob in rows.values_list("link__person_id", "dob"):
        dobs.setdefault(person_pk, []).append(dob)
    found = {pk: latest_birth(values) for pk, values in dobs.items()}
    return {pk: born for pk, born in found.items() if born is not None}


def delete_counting(counts: Counter[str], rows: QuerySet[Any]) -> None:
    """Delete `rows` (and what cascades), adding the counts per model; refuse with the
    models that still need them when a protected foreign key stops it."""
    try:
        _, deleted = rows.delete()
    except (ProtectedError, RestrictedError) as error:
        needed = sorted({str(obj._meta.verbose_name_plural) for obj in _blocking(error)})
        raise DestructionRefused(
            f"Other records still need this one ({', '.join(needed)}): deal with them first, "
            "or record a decision to keep it."
        ) from None
    counts.update({label: n for label, n in deleted.items() if n})


def _blocking(error: ProtectedError | RestrictedError) -> Iterable[Any]:
    if isinstance(error, ProtectedError):
        return error.protected_objects
    return error.restricted_objects


def day_of(value: Any) -> date | None:
    """The date of a datetime (local time) or a date; None stays None."""
    if value is None:
        return None
    return timezone.localdate(value) if hasattr(value, "hour") else value
