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
    issued_on = models.DateField()
    deadline = models.DateField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "reference"]

    def __str__(self) -> str:
        return self.reference
