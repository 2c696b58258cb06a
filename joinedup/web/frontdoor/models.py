"""The front door (DOMAIN.md F20, F22; docs/frontdoor.md).

- `Contact`: a contact or referral about a child from any agency, from the agency form
  or the school form; screened from received, through in screening, to decided, with
  the times of each step measured against its RAG timescale. Free text is encrypted at
  rest. `version` is bumped by every change, so two screeners cannot silently
  overwrite each other.
- `DutyRota`: which manager is on duty when, told at once of urgent contacts.
- `ReminderSent`: what `send_reminders` sent, so it tells once per contact per day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.web.crypto.fields import EncryptedTextField

USER = settings.AUTH_USER_MODEL


class Contact(models.Model):
    """A contact or referral to the front door about one child."""

    RECEIVED, IN_SCREENING, DECIDED = "received", "in_screening", "decided"
    STATUSES = [(RECEIVED, "Received"), (IN_SCREENING, "In screening"), (DECIDED, "Decided")]
    AGENCY_FORM, SCHOOL_FORM = "agency", "school"
    FORMS = [(AGENCY_FORM, "Referral form"), (SCHOOL_FORM, "School referral form")]

    reference = models.CharField(max_length=20, unique=True)
    form = models.CharField(max_length=10, choices=FORMS, default=AGENCY_FORM)
    status = models.CharField(max_length=15, choices=STATUSES, default=RECEIVED)
    version = models.PositiveIntegerField(default=1)

    # The child, as far as the referrer knows them.
    child_forenames = models.CharField(max_length=150, blank=True)
    child_surname = models.CharField(max_length=150, blank=True)
    child_dob = models.CharField(max_length=10, blank=True, help_text="ISO partial date")
    child_age = models.PositiveSmallIntegerField(null=True, blank=True)
    child_address = EncryptedTextField(blank=True, help_text="encrypted at rest")
    child_postcode = models.CharField(max_length=8, blank=True)
    child_school = models.CharField(max_length=200, blank=True)

    # What happened, and what the family knows.
    concerns = EncryptedTextField(help_text="encrypted at rest")
    child_views = EncryptedTextField(blank=True, help_text="encrypted at rest")
    family_aware = models.CharField(max_length=12)
    consent = models.CharField(max_length=20)
    consent_notes = EncryptedTextField(blank=True, help_text="encrypted at rest")

    # The school form's questions.
    attendance_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    attendance_notes = EncryptedTextField(blank=True, help_text="encrypted at rest")
    exclusions = models.CharField(max_length=20, blank=True)
    exclusion_notes = EncryptedTextField(blank=True, help_text="encrypted at rest")
    changes_seen = EncryptedTextField(blank=True, help_text="encrypted at rest")

    # Who referred, and how to reach them.
    referred_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    referrer_agency = models.ForeignKey(
        "records.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referrer_name = models.CharField(max_length=200)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=30, blank=True)
    referrer_email = models.EmailField(blank=True)

    # The urgent path.
    urgent = models.BooleanField(default=False)
    urgent_reason = EncryptedTextField(blank=True, help_text="encrypted at rest")
    urgent_marked_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    urgent_marked_at = models.DateTimeField(null=True, blank=True)
    urgent_told = models.JSONField(default=list, help_text="usernames of the managers told")

    # Screening: the times measured, and who did each step.
    received_at = models.DateTimeField(db_index=True)
    screening_started_at = models.DateTimeField(null=True, blank=True)
    screener = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frontdoor_contacts",
    )
    not_in_index = models.BooleanField(default=False)
    child_checked_at = models.DateTimeField(null=True, blank=True)
    child_checked_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rag = models.CharField(max_length=10, blank=True)
    rag_rationale = EncryptedTextField(blank=True, help_text="encrypted at rest")
    screened_at = models.DateTimeField(null=True, blank=True)
    screened_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=30, blank=True)
    decision_reason = EncryptedTextField(blank=True, help_text="encrypted at rest")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frontdoor_contacts",
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return self.reference


class DutyRota(models.Model):
    """A manager on duty from one time to another: told at once of urgent contacts."""

    manager = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="frontdoor_duties")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="frontdoor_duty_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.manager} on duty from {self.starts_at:%Y-%m-%d %H:%M}"


class ReminderSent(models.Model):
    """A reminder about a contact past its timescale, sent once per contact per day."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="reminders")
    day = models.DateField()
    sent_at = models.DateTimeField()
    recipients = models.JSONField(default=list, help_text="usernames told")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "day"], name="frontdoor_one_reminder_a_day")
        ]
