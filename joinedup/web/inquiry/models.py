"""The independent inquiry: its terms of reference, lines of inquiry, core participants,
named staff and the evidence requests it sends (DOMAIN.md I28).

    Inquiry ─┬─ LineOfInquiry
             ├─ CoreParticipant
             ├─ InquiryStaff        (who may do what inside the inquiry)
             └─ EvidenceRequest     (Rule 9 request, section 21 notice or voluntary request)

Only roles with the `inquiry_work` capability reach these pages; no council role has it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Inquiry(models.Model):
    """One inquiry. A deployment normally holds one; nothing here assumes it."""

    title = models.CharField(max_length=200, unique=True)
    statutory = models.BooleanField(
        default=False,
        help_text="set up under the Inquiries Act 2005 (section 21 notices available)",
    )
    chair = models.CharField(max_length=200, blank=True)
    terms_of_reference = models.TextField(blank=True)
    set_up_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "inquiries"

    def __str__(self) -> str:
        return self.title


class LineOfInquiry(models.Model):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="lines")
    reference = models.CharField(max_length=20, help_text='short reference, e.g. "L3"')
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField()
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="no longer pursued; kept so tags and history still read"
    )

    class Meta:
        ordering = ["inquiry", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "reference"], name="line_reference_once")
        ]
        verbose_name_plural = "lines of inquiry"

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class CoreParticipant(models.Model):
    """A person or organisation designated a core participant. A complainant core
    participant is known in everything the inquiry produces by a cipher only."""

    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"
    KINDS = [(INDIVIDUAL, "Individual"), (ORGANISATION, "Organisation")]

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="core_participants")
    kind = models.CharField(max_length=20, choices=KINDS)
    name = models.CharField(max_length=200, help_text="an organisation's name, or a cipher")
    represented_by = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(
        "records.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="when the organisation is one of the partnership's agencies",
    )
    designated_on = models.DateField()
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="core_participations",
        help_text="accounts (role core_participant) that read what is released to them",
    )

    class Meta:
        ordering = ["inquiry", "name"]

    def __str__(self) -> str:
        return self.name


class InquiryStaff(models.Model):
    """A named member of the inquiry's staff (a user with the inquiry team role)."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inquiry_posts"
    )
    position = models.CharField(max_length=100, blank=True)
    is_lead = models.BooleanField(default=False)
    reads_accounts = models.BooleanField(
        default=False, help_text="named to read survivors' accounts (DOMAIN.md I32)"
    )
    approves_releases = models.BooleanField(
        default=False, help_text="may approve a redacted version for release"
    )
    named_at = models.DateTimeField()

    class Meta:
        ordering = ["inquiry", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "user"], name="inquiry_staff_once")
        ]


class EvidenceRequest(models.Model):
    """A request for evidence to an agency or an individual (DOMAIN.md I28)."""

    RULE_9 = "rule_9"
    SECTION_21 = "section_21"
    VOLUNTARY = "voluntary"
    KINDS = [
        (RULE_9, "Rule 9 request"),
        (SECTION_21, "Section 21 notice"),
        (VOLUNTARY, "Voluntary request"),
    ]

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="requests")
    reference = models.CharField(max_length=30, unique=True)
    kind = models.CharField(max_length=20, choices=KINDS)
    recipient_agency = models.ForeignKey(
        "records.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_name = models.CharField(
        max_length=200, blank=True, help_text="an individual, or a contact at the agency"
    )
    matters = models.TextField(help_text="the matters the response should address")
    issued_on = models.DateField(null=True, blank=True, help_text="empty while a draft")
    deadline = models.DateField()
    DRAFT, ISSUED, ACKNOWLEDGED = "draft", "issued", "acknowledged"
    PARTLY_RETURNED, COMPLIED, WITHDRAWN = "partly_returned", "complied", "withdrawn"
    STATUSES = [
        (DRAFT, "Draft"),
        (ISSUED, "Issued"),
        (ACKNOWLEDGED, "Acknowledged"),
        (PARTLY_RETURNED, "Partly returned"),
        (COMPLIED, "Complied"),
        (WITHDRAWN, "Withdrawn"),
    ]
    status = models.CharField(max_length=20, choices=STATUSES, default=DRAFT)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference


# --- Added for the inquiry workspace (migration 0002) ----------------------------------


class TermsOfReferenceVersion(models.Model):
    """One version of the terms of reference. A change adds a row; none is overwritten,
    so the inquiry can show what its terms said on any day."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="terms_versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    reason = models.CharField(max_length=500, blank=True)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["inquiry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "number"], name="terms_version_once")
        ]


class RequestStatusChange(models.Model):
    """One step of a request's life (draft, issued, acknowledged, partly returned,
    complied, withdrawn), kept in order."""

    request = models.ForeignKey(
        EvidenceRequest, on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, blank=True, choices=EvidenceRequest.STATUSES)
    to_status = models.CharField(max_length=20, choices=EvidenceRequest.STATUSES)
    on = models.DateField(help_text="the day it happened")
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["request", "recorded_at", "pk"]


class DeadlineExtension(models.Model):
    """A deadline moved later, with the reason; the request's `deadline` is the latest."""

    request = models.ForeignKey(
        EvidenceRequest, on_delete=models.PROTECT, related_name="extensions"
    )
    previous_deadline = models.DateField()
    new_deadline = models.DateField()
    reason = models.TextField()
    granted_at = models.DateTimeField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["request", "granted_at", "pk"]


class RequestNote(models.Model):
    """A note on a request (a call with the recipient, a promise of more documents)."""

    request = models.ForeignKey(EvidenceRequest, on_delete=models.PROTECT, related_name="notes")
    text = models.TextField()
    written_at = models.DateTimeField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["request", "written_at", "pk"]


class RequestReminderSent(models.Model):
    """A reminder sent about a request: at most one a day to each recipient."""

    request = models.ForeignKey(EvidenceRequest, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "recipient", "sent_on"], name="request_reminder_once_a_day"
            )
        ]
