"""MACE meetings: the meeting, its agenda, attendance, decisions, actions and minutes.

States of a meeting: planned -> in progress -> held -> minutes approved, or cancelled
(data/meetings.yaml labels them; services/arranging.py and services/minutes.py move
between them). Approved minutes are locked: corrections are addenda. Actions outlive
the meeting: their owners update them until done or cancelled. Nothing here is deleted
except an agenda item taken off before the meeting is held.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

USER = settings.AUTH_USER_MODEL


class Meeting(models.Model):
    reference = models.CharField(max_length=20, unique=True)  # "MACE-000012"
    kind = models.CharField(max_length=20)  # operational, strategic (data/meetings.yaml)
    starts_at = models.DateTimeField()
    venue = models.CharField(max_length=200)
    chair = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="meetings_chaired")
    organised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    invited_agencies = models.ManyToManyField("records.Agency", related_name="meetings")
    status = models.CharField(max_length=20, default="planned")
    cancelled_reason = models.TextField(blank=True)
    minutes = models.TextField(blank=True, help_text="the draft, then the approved minutes")
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)  # optimistic concurrency

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["kind", "starts_at"])]

    def __str__(self) -> str:
        return self.reference


class AgendaItem(models.Model):
    """A child, a person of concern, a location or a theme, in agenda order."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20)  # child, person_of_concern, location, theme
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        "records.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    theme = models.CharField(max_length=200, blank=True)
    discussion = models.TextField(blank=True, help_text="a summary of the discussion")
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return f"{self.meeting.reference} item {self.position}"


class Attendance(models.Model):
    """One person for an agency: attended, sent apologies or absent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=20)  # attended, apologies, absent
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["agency__code", "name", "id"]


class Decision(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]


class Action(models.Model):
    """Something agreed at the meeting, owned by one user of one agency, due on a day."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="meeting_actions")
    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=20, default="open")  # open, done, cancelled
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return f"Action {self.pk} ({self.item.meeting.reference})"


class ActionUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20)
    note = models.TextField()
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class MinutesAddendum(models.Model):
    """A correction to approved minutes: the minutes themselves are never changed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField()
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class ActionReminder(models.Model):
    """A reminder or escalation sent about an action: at most one per person per day."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)  # due_soon, overdue, escalated
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "recipient", "sent_on"], name="meetings_one_reminder_a_day"
            )
        ]
