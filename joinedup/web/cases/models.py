"""Cases of the specialist team (DOMAIN.md F17, F21; docs/cases.md).

- `Case`: about a child or a context (a place, peer group, school or online space);
  open or closed; allocated to a worker and a team; `version` is bumped by every
  edit so that two people cannot silently overwrite each other.
- `CaseChange`: one row for each version: who changed what, shown to someone whose
  edit was refused because the case had moved on.
- `StatusChange`: opening, closing and reopening, each with its reason.
- `CaseAllocation`: who the case was allocated to, by whom, when; the access
  allocations it made for the child, ended with it.
- `Plan`, `PlanAction`, `PlanReview`: plans with review dates, actions and reviews.
- `CaseFlag`: CSE and CCE flags, each set and removed with a reason.
- `CaseNote`: case notes, drafts autosaved, immutable once final; text encrypted.
- `ReminderSent`: what `send_reminders` sent, so it sends once per item per day.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.web.crypto.fields import EncryptedTextField

USER = settings.AUTH_USER_MODEL


class Case(models.Model):
    """A case about one child, or about one context where children are exploited."""

    CHILD, CONTEXT = "child", "context"
    OPEN, CLOSED = "open", "closed"

    reference = models.CharField(max_length=20, unique=True)
    subject_kind = models.CharField(
        max_length=10, choices=[("child", "A child"), ("context", "A context")]
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    context_kind = models.CharField(max_length=20, blank=True)
    context_name = models.CharField(max_length=200, blank=True)
    place = models.ForeignKey(
        "records.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(max_length=10, default="open")
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)
    worker = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="cases_allocated"
    )
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        subject = self.person.person_id if self.person else self.context_name
        return f"{self.reference}: {subject}"


class CaseChange(models.Model):
    """What made the case reach `version`: the history shown on an edit conflict."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["case", "version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="case_change_one_per_version")
        ]


class StatusChange(models.Model):
    """The case was opened, closed or reopened, on a date, for a reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(
        max_length=10,
        choices=[("open", "Opened"), ("closed", "Closed"), ("reopened", "Reopened")],
    )
    reason = models.TextField()
    source = models.CharField(max_length=200, blank=True, help_text="e.g. 'referral REF-000042'")
    effective_on = models.DateField()
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]


class CaseAllocation(models.Model):
    """The case allocated to a worker and a team, from when, by whom, until when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allocations")
    worker = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    allocated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    allocated_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.CharField(max_length=200, blank=True)
    access_allocations = models.ManyToManyField(
        "access.Allocation", blank=True, related_name="+", help_text="child record access it gave"
    )

    class Meta:
        ordering = ["-allocated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_at__isnull=True), name="case_one_allocation"
            )
        ]


class Plan(models.Model):
    """A plan for the case (type from data/plan_types.yaml) with its next review date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    plan_type = models.CharField(max_length=40)
    aims = EncryptedTextField(blank=True, help_text="what the plan is for; encrypted at rest")
    start_date = models.DateField()
    review_date = models.DateField(help_text="the next review")
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["review_date", "id"]


class PlanAction(models.Model):
    """What is to be done, by whom, by when; and whether it has been."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=300)
    who = models.CharField(max_length=150)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]


class PlanReview(models.Model):
    """A review of a plan: when it was held, what it concluded, when the next is due."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    outcome = EncryptedTextField(help_text="encrypted at rest")
    next_review_date = models.DateField(null=True, blank=True, help_text="empty: plan ended")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on", "-id"]


class CaseFlag(models.Model):
    """A CSE or CCE flag (data/flags.yaml): set with a reason, removed with a reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="flags")
    flag = models.CharField(max_length=10)
    reason = EncryptedTextField(help_text="encrypted at rest")
    set_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removal_reason = EncryptedTextField(blank=True, help_text="encrypted at rest")

    class Meta:
        ordering = ["-set_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "flag"], condition=Q(removed_at__isnull=True), name="case_flag_once"
            )
        ]


class CaseNote(models.Model):
    """A case note: a draft (one per author per case) until finalised, then immutable."""

    DRAFT, FINAL = "draft", "final"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=[(DRAFT, "Draft"), (FINAL, "Final")])
    text = EncryptedTextField(blank=True, help_text="encrypted at rest")
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    created_at = models.DateTimeField()
    saved_at = models.DateTimeField()
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-finalised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "author"], condition=Q(status="draft"), name="case_note_one_draft"
            )
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Refuse to change a final note: a correction is a new note."""
        if self.pk is not None and CaseNote.objects.filter(pk=self.pk, status=self.FINAL).exists():
            raise ValueError("A final case note cannot be changed; add a correction instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.status == self.FINAL:
            raise ValueError("A final case note cannot be deleted")
        return super().delete(*args, **kwargs)


class ReminderSent(models.Model):
    """A reminder or escalation about one plan's review, to one user, on one day."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(
        max_length=10, choices=[("due", "Due"), ("overdue", "Overdue"), ("escalated", "Escalated")]
    )
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "recipient", "sent_on"], name="case_reminder_once_a_day"
            )
        ]
