"""People who sign in, the teams they work in, and what they are told.

A user has one role (DESIGN.md, Web), may belong to an agency (whose records they
hold in their own system) and to a team; a team has a manager, who is told when a
member uses break-glass access. What each role may do is data
(joinedup/web/access/data/roles.yaml), not code.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    SPECIALIST_PRACTITIONER = "specialist_practitioner", "Specialist practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    POLICE_ANALYST = "police_analyst", "Police analyst"
    HEALTH_SAFEGUARDING_LEAD = "health_safeguarding_lead", "Health safeguarding lead"
    SCHOOL_SAFEGUARDING_LEAD = "school_safeguarding_lead", "School safeguarding lead"
    INQUIRY_TEAM = "inquiry_team", "Inquiry team"
    CORE_PARTICIPANT = "core_participant", "Core participant"
    SURVIVOR_PANEL = "survivor_panel", "Survivors' panel member"
    AUDITOR = "auditor", "Auditor"
    ADMINISTRATOR = "administrator", "Administrator"


class Team(models.Model):
    """A team of practitioners, such as the specialist child-exploitation team."""

    name = models.CharField(max_length=150, unique=True)
    manager = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_teams",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices)
    agency = models.ForeignKey(
        "records.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text="the agency the user works for, if it shares records",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    is_demo = models.BooleanField(
        default=False, help_text="made by `joinedup demo`; its current code may be printed"
    )

    class Meta:
        ordering = ["username"]

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else self.role


class Notification(models.Model):
    """Something a user must be told, shown on their dashboard and sent by e-mail."""

    BREAK_GLASS = "break_glass"
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    person_id = models.CharField(
        max_length=20, blank=True, help_text="the person index ID it concerns, if any"
    )
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.subject} (to {self.recipient})"
