"""The audit log tables.

`AuditEntry` rows are never updated or deleted: database triggers refuse it
(triggers.py). `AuditHead` is one row holding the last sequence number and hash;
writers lock it so two of them never fork the chain. People are referenced as a
text snapshot (id, username, role), so an entry survives its account.
"""

from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    sequence = models.BigIntegerField(primary_key=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.CharField(max_length=64, blank=True, db_index=True)
    actor_username = models.CharField(max_length=150, blank=True, db_index=True)
    actor_role = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=128, blank=True, db_index=True)
    purpose = models.TextField(blank=True)
    basis = models.CharField(max_length=32, blank=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.CharField(max_length=45, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        who = self.actor_username or "system"
        return f"#{self.sequence} {self.action} by {who} at {self.occurred_at:%Y-%m-%d %H:%M:%S}"


class AuditHead(models.Model):
    """The chain head: the last entry's sequence and hash (one row, id 1)."""

    sequence = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)
