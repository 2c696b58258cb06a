"""Redaction of inquiry documents: suggestions, review and QC, cipher registry, staged release.

    DocumentVersion ─┬─ Redaction      a span of the version's text: suggested, then accepted
                     │                 or rejected with a ground and reason, then checked by a
                     │                 second reviewer (agreed or sent back)
                     └─ Production     a copy of the version with the accepted redactions
                          │            REMOVED from the text (plain text and a PDF), for a stage
                          └─ Release   a production approved for its stage; withdrawn with reason
    Cipher                             one per protected person across every document ("C-12")

The original text stays in `documents.DocumentVersion` (DOMAIN.md I29, I34); nothing
here changes it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from joinedup.web.crypto.fields import EncryptedTextField


class Cipher(models.Model):
    """A protected person's cipher. `key` is the person index id when the person is known
    ("person:P-0000012"), otherwise a hash of the name as written ("name:<sha256>")."""

    kind = models.CharField(max_length=20, help_text="complainant, survivor or child (protocol)")
    number = models.PositiveIntegerField()
    cipher = models.CharField(max_length=20, unique=True)
    key = models.CharField(max_length=80, unique=True)
    name = EncryptedTextField(blank=True, help_text="the name as first redacted")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="cipher_number_once")
        ]

    def __str__(self) -> str:
        return self.cipher


class Redaction(models.Model):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    STATUSES = [(SUGGESTED, "Suggested"), (ACCEPTED, "Accepted"), (REJECTED, "Rejected")]

    UNCHECKED = "unchecked"
    AGREED = "agreed"
    SENT_BACK = "sent_back"
    CHECKS = [(UNCHECKED, "Not checked"), (AGREED, "Agreed"), (SENT_BACK, "Sent back")]

    ALL_STAGES = "all"
    PUBLIC_ONLY = "public"
    APPLIES = [(ALL_STAGES, "Every copy"), (PUBLIC_ONLY, "The public copy only")]

    document_version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.PROTECT, related_name="redactions"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = EncryptedTextField(help_text="the redacted text, as in the version")
    category = models.CharField(max_length=40, help_text="what the span is: name, postcode...")
    source = models.CharField(max_length=60, help_text='"known", "pattern:<name>" or "manual"')
    person_ref = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=SUGGESTED)
    ground = models.CharField(max_length=60, blank=True, help_text="protocol.yaml grounds")
    reason = models.TextField(blank=True)
    applies_to = models.CharField(max_length=10, choices=APPLIES, default=ALL_STAGES)
    cipher = models.ForeignKey(
        Cipher, null=True, blank=True, on_delete=models.PROTECT, related_name="redactions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    check_status = models.CharField(max_length=10, choices=CHECKS, default=UNCHECKED)
    check_note = models.TextField(blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="optimistic concurrency")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["document_version", "start", "end"]
        constraints = [
            models.UniqueConstraint(
                fields=["document_version", "start", "end"], name="redaction_span_once"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="redaction_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_version} {self.start}–{self.end}"


class Production(models.Model):
    """A produced copy: the text with the redacted spans removed, and a PDF of that text."""

    document_version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.PROTECT, related_name="productions"
    )
    stage = models.CharField(max_length=20, help_text="protocol.yaml stages")
    text = models.TextField()
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    text_sha256 = models.CharField(max_length=64)
    redaction_set = models.CharField(
        max_length=64, help_text="SHA-256 of the checked redaction decisions it applied"
    )
    redactions_applied = models.PositiveIntegerField()
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    produced_at = models.DateTimeField()

    class Meta:
        ordering = ["-produced_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.document_version} for {self.stage} ({self.pdf_sha256[:12]})"


class Release(models.Model):
    """A production approved for its stage. At most one current release per document and
    stage; approving a newer one ends the older, and a withdrawal keeps its reason."""

    production = models.ForeignKey(Production, on_delete=models.PROTECT, related_name="releases")
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="releases"
    )
    stage = models.CharField(max_length=20)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-approved_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "stage"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_release_per_stage",
            )
        ]

    @property
    def current(self) -> bool:
        return self.ended_at is None

    def __str__(self) -> str:
        return f"{self.document} to {self.stage}"
