"""Inquiry recommendations, the actions they are broken into, and every step of each action.

    Source ── Recommendation ── Action ─┬─ ActionUpdate   (the history: never changed)
                                        ├─ Evidence       (a description, a link, a file)
                                        └─ ReminderSent   (at most one a day per kind)

An action's `status` is its latest `ActionUpdate`'s status, kept on the action for
queries; the history keeps every step, so the status on any past day can be worked out
(services/report.py). Statuses and timescales are in data/tracker.yaml.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Source(models.Model):
    """Where recommendations come from: an inquiry, a review, an audit."""

    title = models.CharField(max_length=200, unique=True)
    published_on = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="recommendations")
    number = models.CharField(max_length=20)
    text = models.TextField()
    theme = models.CharField(max_length=40)  # data/themes.yaml
    lead_agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()
    sort_key = models.CharField(max_length=60, editable=False)  # "12" -> "000012"

    class Meta:
        ordering = ["source", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="recommendation_number_once")
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class Action(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="actions"
    )
    number = models.CharField(max_length=20)  # "12.3"
    text = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_actions",
    )
    owning_agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="+")
    due = models.DateField()
    success_measure = models.TextField(blank=True)
    status = models.CharField(max_length=20, default="not_started")  # data/tracker.yaml
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_update_at = models.DateTimeField()  # the latest step in its history
    added_at = models.DateTimeField()
    sort_key = models.CharField(max_length=60, editable=False)
    version = models.PositiveIntegerField(default=1)  # optimistic concurrency

    class Meta:
        ordering = ["recommendation__source", "recommendation__sort_key", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "number"], name="action_number_once")
        ]
        indexes = [models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return f"Action {self.number}"


class ActionUpdate(models.Model):
    """One step in an action's history: added, progress, completed, signed off, returned."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    kind = models.CharField(
        max_length=20
    )  # added, progress, evidence, completed, signed_off, returned
    status = models.CharField(max_length=20)  # the action's status after this step
    note = models.TextField(blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["made_at", "pk"]


class Evidence(models.Model):
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="evidence")
    description = models.TextField()
    link = models.URLField(max_length=500, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)  # the file, under the data folder
    size = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=120, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name_plural = "evidence"


class ReminderSent(models.Model):
    """A reminder or escalation sent, so each goes at most once a day (send_reminders)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)  # due_soon, overdue, escalated
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "recipient", "sent_on"], name="reminder_once_a_day"
            )
        ]
