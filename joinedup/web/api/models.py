"""API tokens: what a program presents instead of signing in.

Only a SHA-256 hash of each token is kept, with its first characters (`prefix`) so a
person can tell their tokens apart. The token itself is shown once, when it is made.
A token acts as its user: the same role, capabilities, allocation and agreement.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="what the token is for, in the user's words")
    prefix = models.CharField(max_length=16, help_text="the token's first characters, to tell it")
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token")
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150, help_text="who made it, and where")
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_name_unique_while_not_revoked",
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name}, {self.user})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def state(self) -> str:
        """'revoked', 'expired' or 'active'."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.is_expired else "active"
