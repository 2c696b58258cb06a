"""Publishing: a deliberate, frozen snapshot of every figure's tables under a profile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.transparency.models import Publication, PublicationIsFinal
from tests.web.transparency.conftest import child

pytestmark = pytest.mark.django_db


def test_publishing_stores_every_figures_tables_with_reasons(
    items: dict[str, Any], publish: Callable[..., Publication]
) -> None:
    items["referrals"] = [child()] * 3 + [child("Male", "16 to 17")] * 12
    made = publish(2025)
    names = {t["name"] for t in made.tables}
    assert "referrals 2025-26 by-sex" in names
    assert "core_data_set 2025-26 ethnicity-recording" in names
    by_sex = next(t for t in made.tables if t["name"] == "referrals 2025-26 by-sex")
    values = {r["labels"][0]: r["values"][0] for r in by_sex["rows"]}
    assert values["Female"] == "*"
    assert values["Male"] == "10"
    assert values["Total"] == "15"
    assert any(r["row"] == "Female" and r["reason"].startswith("primary")
               for r in made.reasons if r["table"] == by_sex["name"])  # fmt: skip
    assert (made.profile_name, made.profile_version, made.profile_level) == (
        "nhs",
        1,
        "sub-national",
    )
    assert made.complete and str(made.counted_to) == "2026-03-31"


def test_the_year_so_far_is_counted_to_yesterday(publish: Callable[..., Publication]) -> None:
    made = publish(2026)
    assert not made.complete
    assert str(made.counted_to) == "2026-11-19"


def test_a_year_not_begun_cannot_be_published(publish: Callable[..., Publication]) -> None:
    with pytest.raises(InputError, match="has begun"):
        publish(2027)


def test_a_publication_is_never_changed_or_deleted(publish: Callable[..., Publication]) -> None:
    made = publish(2025)
    made.note = "changed"
    with pytest.raises(PublicationIsFinal):
        made.save()
    with pytest.raises(PublicationIsFinal):
        made.delete()


def test_publishing_a_year_again_needs_a_note_and_supersedes(
    items: dict[str, Any], publish: Callable[..., Publication]
) -> None:
    first = publish(2025)
    with pytest.raises(InputError, match="already published"):
        publish(2025)
    items["referrals"] = [child()] * 20
    second = publish(2025, note="Twenty referrals recorded late are now counted.")
    assert second.supersedes == first
    assert Publication.objects.filter(year=2025, superseded_by__isnull=True).get() == second


def test_publishing_is_audited_with_ids_and_counts_only(
    items: dict[str, Any], publish: Callable[..., Publication]
) -> None:
    items["referrals"] = [child()] * 3
    made = publish(2025)
    entry = AuditEntry.objects.get(action="transparency.published")
    assert entry.target_id == str(made.pk)
    assert set(entry.detail) == {
        "year",
        "profile",
        "primary_cells",
        "secondary_cells",
        "supersedes",
    }
