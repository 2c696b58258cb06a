"""Who may open which child's record, on what basis, and why they said they did.

- `Allocation`: a child allocated to a practitioner or to a team, for a period.
- `SharingAgreement`: an administrator's change to the shipped default of which
  agency's records a role may see (data/sharing.yaml), per agency.
- `BreakGlassAccess`: time-limited access to one child outside the usual rules, with
  the reason given; the user's team manager is told.
- `AccessPurpose`: the purpose recorded each time someone opens a child's record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.web.accounts.models import Role, Team
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency


class Allocation(models.Model):
    """A child allocated to one practitioner or to one team from a date, until a date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="allocations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="allocations",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="allocations"
    )
    allocated_from = models.DateField()
    allocated_to = models.DateField(null=True, blank=True, help_text="empty: still allocated")
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-allocated_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(team__isnull=True))
                | (Q(user__isnull=True) & Q(team__isnull=False)),
                name="allocation_to_user_or_team",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} to {self.user or self.team} from {self.allocated_from}"


class SharingAgreement(models.Model):
    """Which of one agency's records a role may see (overrides data/sharing.yaml)."""

    NONE, SUMMARIES, NARRATIVES = "none", "summaries", "narratives"
    LEVELS = [
        (NONE, "Nothing"),
        (SUMMARIES, "Shareable summaries"),
        (NARRATIVES, "Summaries and restricted narratives"),
    ]
    role = models.CharField(max_length=32, choices=Role.choices)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="agreements")
    level = models.CharField(max_length=12, choices=LEVELS)
    lawful_basis = models.TextField(blank=True, help_text="the condition relied on, and why")
    updated_by = models.CharField(max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["role", "agency__code"]
        constraints = [
            models.UniqueConstraint(fields=["role", "agency"], name="agreement_one_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.get_level_display()} from {self.agency.code}"


class BreakGlassAccess(models.Model):
    """Time-limited access to one child outside allocation and agreement."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="break_glass")
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    manager_notified = models.CharField(
        max_length=150, blank=True, help_text="usernames told, comma-separated"
    )

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [models.Index(fields=["user", "person", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.user} to {self.person} until {self.expires_at:%Y-%m-%d %H:%M}"


class AccessPurpose(models.Model):
    """Why someone opened a child's record (one row for each opening)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="purposes"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="purposes")
    purpose = models.CharField(max_length=40, help_text="a code from data/purposes.yaml")
    detail = models.TextField(blank=True)
    basis = models.CharField(max_length=20, help_text="allocation, team_allocation, …")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} opened {self.person}: {self.purpose}"
