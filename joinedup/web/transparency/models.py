"""A `Publication`: the partnership's figures for one year, protected and frozen.

Publishing is a deliberate act, never a live query: a page worked out afresh from the
records on every visit would let anyone difference today's figures against yesterday's and
find the one child who was added. A publication holds only what is public — the protected
tables, the reason for every changed cell, the profile they went through — and who
published it when. It is never changed or deleted: a correction is a new publication for
the same year that supersedes it, with a note saying what changed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class PublicationIsFinal(Exception):
    """A publication is never changed or deleted; publish a correction instead."""


class Publication(models.Model):
    year = models.PositiveIntegerField(help_text="financial year starting 1 April of this year")
    counted_to = models.DateField(help_text="the last day counted (the year's end, or yesterday)")
    complete = models.BooleanField(help_text="the whole year is counted")
    profile_name = models.CharField(max_length=40)
    profile_version = models.PositiveIntegerField()
    profile_level = models.CharField(max_length=40)
    figures_version = models.CharField(max_length=60, help_text="figures.yaml and breakdowns.yaml")
    tables = models.JSONField(help_text="the protected tables: figure, table, layout, values")
    reasons = models.JSONField(help_text="table, row, column and reason for every changed cell")
    primary_cells = models.PositiveIntegerField()
    secondary_cells = models.PositiveIntegerField()
    seconds = models.FloatField(help_text="how long counting and protecting took")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the tables and reasons")
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    note = models.TextField(blank=True, help_text="what a correction changed, and why")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-year", "-published_at", "-id"]

    def __str__(self) -> str:
        return f"Publication {self.pk} ({self.year_label})"

    @property
    def year_label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    @property
    def profile_id(self) -> str:
        return f"{self.profile_name} v{self.profile_version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PublicationIsFinal(f"publication {self.pk} is final: publish a correction")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PublicationIsFinal(f"publication {self.pk} is final: it cannot be deleted")
