"""Legal holds, retention decisions, the destruction log, and who was told what is due.

- `LegalHold`: records in its scope (everything, a type of record, an agency, or named
  persons) never appear as due and cannot be destroyed until it is lifted, with a reason.
  A survivor's interest in their records is a hold too (purpose `survivor_interest`,
  scope `persons`).
- `RetentionDecision`: what a records manager decided about a record due for review:
  destroy (a second records manager approves), keep for longer (a new review date) or
  transfer to the archive.
- `DestructionLog`: what a destruction deleted: kind, type, agency, the agency's key,
  counts, rule and schedule version, who decided and who approved, when. No name, no
  date of birth, no narrative.
- `DueNotice`: a record was found due and the records managers were told (once).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from joinedup.web.records.models import Agency


class LegalHold(models.Model):
    EVERYTHING, RECORD_TYPE, AGENCY, PERSONS = "everything", "record_type", "agency", "persons"
    name = models.CharField(max_length=200, help_text="e.g. the inquiry's name")
    purpose = models.CharField(max_length=20, help_text="a code of data/vocabulary.yaml")
    reason = models.TextField()
    scope = models.CharField(max_length=12)
    record_type = models.CharField(max_length=40, blank=True)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_ids = models.JSONField(default=list, blank=True, help_text="person index ids")
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class RetentionDecision(models.Model):
    DESTROY, RETAIN, ARCHIVE = "destroy", "retain", "archive"
    AWAITING, DESTROYED, REJECTED, RECORDED = "awaiting", "destroyed", "rejected", "recorded"
    STATUSES = [
        (AWAITING, "Awaiting approval"),
        (DESTROYED, "Destroyed"),
        (REJECTED, "Not approved"),
        (RECORDED, "Recorded"),
    ]
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    record_type = models.CharField(max_length=40)
    agency = models.CharField(max_length=16, blank=True)
    subject_person_id = models.CharField(max_length=20, blank=True)
    description = models.CharField(max_length=300, blank=True)
    trigger_date = models.DateField()
    due_date = models.DateField()
    rule = models.CharField(max_length=300, help_text="the schedule's words for the rule")
    schedule_version = models.CharField(max_length=40)
    outcome = models.CharField(max_length=10)
    reason = models.TextField()
    review_date = models.DateField(null=True, blank=True, help_text="for a decision to retain")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=STATUSES)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self) -> str:
        return f"{self.outcome} {self.kind} {self.key}"


class DestructionLog(models.Model):
    decision = models.OneToOneField(
        RetentionDecision, on_delete=models.PROTECT, related_name="destruction"
    )
    kind = models.CharField(max_length=40)
    record_type = models.CharField(max_length=40)
    agency = models.CharField(max_length=16, blank=True)
    source_key = models.CharField(max_length=200, help_text="the record's key in its kind")
    counts = models.JSONField(default=dict, help_text="model label -> rows deleted")
    rule = models.CharField(max_length=300)
    schedule_version = models.CharField(max_length=40)
    decided_by = models.CharField(max_length=150)
    approved_by = models.CharField(max_length=150)
    decided_at = models.DateTimeField()
    destroyed_at = models.DateTimeField()

    class Meta:
        ordering = ["-destroyed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_key} destroyed {self.destroyed_at:%Y-%m-%d}"


class DueNotice(models.Model):
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    due_date = models.DateField()
    noticed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="retention_due_notice_once")
        ]
