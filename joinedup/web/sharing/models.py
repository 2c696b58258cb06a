"""Information-sharing decisions (DOMAIN.md G24-G26; docs/sharing.md).

- `SharingDecision`: one decision to share, or not to share: about a child or a context,
  what information, with whom, for what purpose, on which lawful basis, who decided and
  when, and the version of the guidance they were shown. Immutable once recorded: a
  correction is a new decision that names the one it corrects.
- `CaldicottAdvice`: the Caldicott Guardian's advice on a decision, given with it or
  recorded later (the decision itself is not changed).

Free text is encrypted at rest; codes (categories, basis, purpose) come from the data
files in `data/`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from joinedup.web.crypto.fields import EncryptedTextField

USER = settings.AUTH_USER_MODEL
ENCRYPTED = "encrypted at rest"


class ImmutableError(Exception):
    """A recorded decision or advice was about to be changed or deleted."""


class _Immutable(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError(f"{type(self).__name__} {self.pk} is immutable once recorded")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableError(f"{type(self).__name__} {self.pk} is never deleted")


class SharingDecision(_Immutable):
    CHILD, CONTEXT = "child", "context"
    SHARED, NOT_SHARED = "shared", "not_shared"
    CALDICOTT_NOT_NEEDED, CALDICOTT_GIVEN, CALDICOTT_SOUGHT = "not_needed", "given", "sought"

    reference = models.CharField(max_length=20, unique=True)  # "SD-000123"
    subject_kind = models.CharField(
        max_length=10, choices=[(CHILD, "A child"), (CONTEXT, "A context or other")]
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT,
        related_name="sharing_decisions",
    )  # fmt: skip
    context_kind = models.CharField(max_length=20, blank=True)
    context_name = models.CharField(max_length=200, blank=True)
    # What
    categories = models.JSONField(default=list, help_text="codes of vocabularies.yaml")
    information = EncryptedTextField(help_text=f"what information; {ENCRYPTED}")
    third_party = models.BooleanField(default=False)
    third_party_protection = EncryptedTextField(blank=True, help_text=ENCRYPTED)
    # With whom
    recipient_agency = models.ForeignKey(
        "records.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_body = models.CharField(max_length=200, blank=True)
    recipient_person = models.CharField(max_length=200)
    # Why and on what basis
    purpose = models.CharField(max_length=30)
    purpose_detail = EncryptedTextField(blank=True, help_text=ENCRYPTED)
    lawful_basis = models.CharField(max_length=40)
    conditions = models.JSONField(default=list, help_text="codes of lawful_bases.yaml")
    basis_note = EncryptedTextField(blank=True, help_text=ENCRYPTED)
    # The decision
    outcome = models.CharField(
        max_length=12, choices=[(SHARED, "Shared"), (NOT_SHARED, "Not shared")]
    )
    reason = EncryptedTextField(help_text=f"why shared or not; {ENCRYPTED}")
    shared_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField(max_length=20, blank=True)
    shared_detail = EncryptedTextField(blank=True, help_text=f"what exactly; {ENCRYPTED}")
    urgent = models.BooleanField(default=False, help_text="shared before it was recorded")
    urgent_reason = EncryptedTextField(blank=True, help_text=ENCRYPTED)
    advice = EncryptedTextField(blank=True, help_text=f"advice sought; {ENCRYPTED}")
    caldicott = models.CharField(max_length=12, default=CALDICOTT_NOT_NEEDED)
    # Who, when, with which guidance
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    agency = models.ForeignKey(
        "records.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="the decider's agency when they decided",
    )  # fmt: skip
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="the decider's team when they decided",
    )  # fmt: skip
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    correction_reason = EncryptedTextField(blank=True, help_text=ENCRYPTED)
    bases_version = models.CharField(max_length=20)
    guidance_version = models.CharField(max_length=20)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["agency", "decided_at"])]

    def __str__(self) -> str:
        about = self.person.person_id if self.person_id and self.person else self.context_name
        return f"{self.reference}: {about}"

    @property
    def recipient(self) -> str:
        return str(self.recipient_agency.name) if self.recipient_agency else self.recipient_body


class CaldicottAdvice(_Immutable):
    decision = models.OneToOneField(
        SharingDecision, on_delete=models.PROTECT, related_name="caldicott_advice"
    )
    advice = EncryptedTextField(help_text=ENCRYPTED)
    adviser = models.CharField(max_length=200, help_text="who gave it: name and role")
    advised_on = models.DateField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Caldicott advice on {self.decision.reference}"
