"""The intelligence log: each item received, its subjects, its owner and its response.

An item always has an owner (the person who logged it until someone assigns it) and a
decide-by time from the moment it is logged (data/deadlines.yaml). It moves
logged -> assigned -> under review -> responded, and a responded item can be reopened
with a reason; `services/workflow.py` holds the transitions. Every change is kept in
`ItemHistory`, so an item that was ignored shows it. The item's text, the response's
rationale and the actions taken are encrypted at rest, as an event's narrative is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from joinedup.web.crypto.fields import EncryptedTextField


class IntelligenceItem(models.Model):
    LOGGED, ASSIGNED, UNDER_REVIEW, RESPONDED = "logged", "assigned", "under_review", "responded"
    STATUSES = [
        (LOGGED, "Logged"),
        (ASSIGNED, "Assigned"),
        (UNDER_REVIEW, "Under review"),
        (RESPONDED, "Responded (closed)"),
    ]

    reference = models.CharField(max_length=20, unique=True)  # "INT-000123"
    received_on = models.DateField()
    source_agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="+")
    source_type = models.CharField(max_length=20, help_text="data/source_types.yaml")
    grade_source = models.CharField(max_length=1, blank=True, help_text="3x5x2: 1-3")
    grade_intelligence = models.CharField(max_length=1, blank=True, help_text="3x5x2: A-E")
    grade_handling = models.CharField(max_length=1, blank=True, help_text="3x5x2: P or C")
    handling_conditions = models.CharField(max_length=500, blank=True)
    summary = models.CharField(max_length=300, help_text="the shareable summary")
    text = EncryptedTextField(blank=True, help_text="restricted; encrypted at rest")
    criminal_offence = models.BooleanField(
        default=True, help_text="criminal-offence data (allegations), UK GDPR Article 10"
    )
    status = models.CharField(max_length=12, choices=STATUSES, default=LOGGED)
    logged_at = models.DateTimeField()
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intelligence_items"
    )
    decide_by = models.DateTimeField()
    escalated_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, blank=True, help_text="data/responses.yaml")
    tactic = models.CharField(max_length=40, blank=True)
    share_agency = models.ForeignKey(
        "records.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case_reference = models.CharField(max_length=20, blank=True)
    rationale = EncryptedTextField(blank=True)
    actions_taken = EncryptedTextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event = models.OneToOneField(
        "records.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intelligence_item",
        help_text="the imported intelligence report this item was logged from",
    )

    class Meta:
        ordering = ["-logged_at", "-id"]
        indexes = [models.Index(fields=["status", "decide_by"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def grade(self) -> str:
        return f"{self.grade_source}{self.grade_intelligence}{self.grade_handling}"

    @property
    def is_open(self) -> bool:
        return self.status != self.RESPONDED


class ItemSubject(models.Model):
    """A person, place, vehicle or phone the item is about.

    A person or place from the index is linked; a vehicle or phone is kept by its
    normalised registration or number (linked to the index's record when one exists), so
    items naming the same car find each other. `label` keeps what the logger saw, so a
    subject still reads when the record it pointed to is gone.
    """

    PERSON, DESCRIBED, PLACE, VEHICLE, PHONE = "person", "described", "place", "vehicle", "phone"
    KINDS = [
        (PERSON, "Person in the index"),
        (DESCRIBED, "Person not in the index"),
        (PLACE, "Place"),
        (VEHICLE, "Vehicle"),
        (PHONE, "Phone"),
    ]

    item = models.ForeignKey(IntelligenceItem, on_delete=models.CASCADE, related_name="subjects")
    kind = models.CharField(max_length=10, choices=KINDS)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        "records.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vehicle = models.ForeignKey(
        "records.Vehicle", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phone = models.ForeignKey(
        "records.Phone", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    key = models.CharField(
        max_length=40, db_index=True, help_text="what matches other items: P-…, PL-…, AB12CDE"
    )
    label = models.CharField(max_length=300, blank=True)
    role = models.CharField(max_length=20, blank=True, help_text="records participant_role")
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]


class ItemHistory(models.Model):
    """One change to an item: who, when, from which status to which, and why."""

    item = models.ForeignKey(IntelligenceItem, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "item history"


class ItemReminder(models.Model):
    """A reminder or escalation sent about an item: at most one per item per day."""

    item = models.ForeignKey(IntelligenceItem, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10)  # due_soon, overdue
    sent_on = models.DateField()
    recipients = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "sent_on"], name="intelligence_reminder_daily")
        ]
